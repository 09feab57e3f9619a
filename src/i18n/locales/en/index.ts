import { core } from './core.js'

/** The English catalog: the reference key set. Each domain adds its own file and spreads it here. */
export const en = {
  ...core,
}
export type MessageKey = keyof typeof en
