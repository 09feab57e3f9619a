import { core } from './core.js'
import { launcher } from './launcher.js'
import { reports } from './reports.js'

/** The English catalog: the reference key set. Each domain adds its own file and spreads it here. */
export const en = {
  ...core,
  ...launcher,
  ...reports,
}
export type MessageKey = keyof typeof en
