import type { Locale } from '../types.js'
import type { MessageKey } from './locales/en.js'
import { format, translate, type MessageParams } from './format.js'

export { format, translate, type MessageParams }

/** Translate a key; a key missing from the catalog comes back as the key itself (never throws). */
export type Translate = (key: MessageKey, params?: MessageParams) => string

export type Catalog = Record<MessageKey, string>

/** Per-locale overrides the host may pass (`messages` option), e.g. a brand name in a title. */
export type MessageOverrides = Partial<Record<Locale, Partial<Record<MessageKey, string>>>>

/** Build a translator over a catalog (and the host's overrides). */
export function createTranslator(
  catalog: Partial<Catalog>,
  overrides?: Partial<Record<MessageKey, string>>,
): Translate {
  return (key, params) => translate([overrides, catalog], key, params)
}
