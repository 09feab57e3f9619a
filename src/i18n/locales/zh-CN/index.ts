import type { MessageKey } from '../en/index.js'
import { core } from './core.js'
import { launcher } from './launcher.js'
import { reports } from './reports.js'

export const zhCN: Record<MessageKey, string> = {
  ...core,
  ...launcher,
  ...reports,
}
