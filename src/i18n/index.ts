import type { Locale } from '../types.js'
import { en, type MessageKey } from './locales/en/index.js'
import { zhCN } from './locales/zh-CN/index.js'
import { zhTW } from './locales/zh-TW/index.js'
import type { Catalog } from './translate.js'

export { negotiateLocale, browserLanguages } from './negotiate.js'
export { createTranslator, format, type Translate, type MessageParams, type Catalog, type MessageOverrides } from './translate.js'
export type { MessageKey }

/** Catalogs shipped with the SDK, keyed by locale. */
export const catalogs: Partial<Record<Locale, Catalog>> = { en, 'zh-CN': zhCN, 'zh-TW': zhTW }

/** Locales with a shipped catalog. */
export const supportedLocales = Object.keys(catalogs) as Locale[]
