import { chat } from './chat.js'
import { checker } from './checker.js'
import { contact } from './contact.js'
import { core } from './core.js'
import { help } from './help.js'
import { launcher } from './launcher.js'
import { reports } from './reports.js'
import { reportUi } from './reportUi.js'

/**
 * The English catalog: the reference key set (`MessageKey`). Each domain adds its own file and
 * spreads it here; the other locales type each domain file against its English twin, and the
 * loaders in `../../index.ts` put a locale together at run time.
 */
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
