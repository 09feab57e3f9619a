import type { MessageKey } from '../en/index.js'
import { core } from './core.js'

export const zhCN: Record<MessageKey, string> = {
  ...core,
}
