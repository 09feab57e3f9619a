import { chat } from './chat.js'
import { checker } from './checker.js'
import { contact } from './contact.js'
import { core } from './core.js'
import { help } from './help.js'
import { launcher } from './launcher.js'
import { reports } from './reports.js'
import { reportUi } from './reportUi.js'

/** The English catalog: the reference key set. Each domain adds its own file and spreads it here. */
export const en = {
  ...core,
  ...help,
  ...chat,
  ...launcher,
  ...reports,
  ...reportUi,
  ...contact,
  ...checker,
}
export type MessageKey = keyof typeof en
