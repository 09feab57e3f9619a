import type { MessageKey } from '../en/index.js'
import { chat } from './chat.js'
import { checker } from './checker.js'
import { contact } from './contact.js'
import { core } from './core.js'
import { help } from './help.js'
import { launcher } from './launcher.js'
import { reports } from './reports.js'
import { reportUi } from './reportUi.js'

export const zhCN: Record<MessageKey, string> = {
  ...core,
  ...help,
  ...chat,
  ...launcher,
  ...reports,
  ...reportUi,
  ...contact,
  ...checker,
}
