import { chat } from './en/chat.js'
import { checker } from './en/checker.js'
import { contact } from './en/contact.js'
import { core } from './en/core.js'
import { help } from './en/help.js'
import { launcher } from '../launcher/en.js'
import { reports } from './en/reports.js'
import { reportUi } from './en/reportUi.js'

/**
 * The English catalog: the reference key set (`MessageKey`). Each domain adds its own file and
 * spreads it here; the other locales type each domain file against its English twin, and the
 * loader in `../index.ts` put a locale together at run time.
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
