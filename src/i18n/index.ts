import type { Locale } from '../types.js'
import type { MessageKey } from './locales/en/index.js'
import type { Catalog } from './translate.js'
import { LOCALES } from './negotiate.js'
// The launcher's strings are in the UI entry's chunk already (widgets/host/launcherText.ts):
// imported, not loaded, so no chunk has to expose them as module namespaces.
import { launcher as enLauncher } from './locales/en/launcher.js'
import { launcher as zhCNLauncher } from './locales/zh-CN/launcher.js'
import { launcher as zhTWLauncher } from './locales/zh-TW/launcher.js'

export { negotiateLocale, browserLanguages, LOCALES } from './negotiate.js'
export {
  createTranslator,
  format,
  translate,
  type Translate,
  type MessageParams,
  type Catalog,
  type MessageOverrides,
} from './translate.js'
export type { MessageKey }
export { errorKey } from './errorKey.js'

/** Locales with a shipped catalog. */
export const supportedLocales: Locale[] = [...LOCALES]

/** String domains: one file per locale each, loaded when a part of the panel needs it. */
export type Domain = 'core' | 'launcher' | 'help' | 'reports' | 'reportUi' | 'chat' | 'contact' | 'checker'
export const domains: Domain[] = ['core', 'launcher', 'help', 'reports', 'reportUi', 'chat', 'contact', 'checker']

/**
 * Strings loaded so far, per locale. Each locale × domain is its own lazy chunk, so a page
 * loads only the language it shows and only the areas the user opens.
 */
export const catalogs: Partial<Record<Locale, Partial<Catalog>>> = {}

type Loader = () => Promise<Record<string, string>>
const loaders: Record<Locale, Record<Domain, Loader>> = {
  en: {
    core: () => import('./locales/en/core.js').then((m) => m.core),
    launcher: async () => enLauncher,
    help: () => import('./locales/en/help.js').then((m) => m.help),
    reports: () => import('./locales/en/reports.js').then((m) => m.reports),
    reportUi: () => import('./locales/en/reportUi.js').then((m) => m.reportUi),
    chat: () => import('./locales/en/chat.js').then((m) => m.chat),
    contact: () => import('./locales/en/contact.js').then((m) => m.contact),
    checker: () => import('./locales/en/checker.js').then((m) => m.checker),
  },
  'zh-CN': {
    core: () => import('./locales/zh-CN/core.js').then((m) => m.core),
    launcher: async () => zhCNLauncher,
    help: () => import('./locales/zh-CN/help.js').then((m) => m.help),
    reports: () => import('./locales/zh-CN/reports.js').then((m) => m.reports),
    reportUi: () => import('./locales/zh-CN/reportUi.js').then((m) => m.reportUi),
    chat: () => import('./locales/zh-CN/chat.js').then((m) => m.chat),
    contact: () => import('./locales/zh-CN/contact.js').then((m) => m.contact),
    checker: () => import('./locales/zh-CN/checker.js').then((m) => m.checker),
  },
  'zh-TW': {
    core: () => import('./locales/zh-TW/core.js').then((m) => m.core),
    launcher: async () => zhTWLauncher,
    help: () => import('./locales/zh-TW/help.js').then((m) => m.help),
    reports: () => import('./locales/zh-TW/reports.js').then((m) => m.reports),
    reportUi: () => import('./locales/zh-TW/reportUi.js').then((m) => m.reportUi),
    chat: () => import('./locales/zh-TW/chat.js').then((m) => m.chat),
    contact: () => import('./locales/zh-TW/contact.js').then((m) => m.contact),
    checker: () => import('./locales/zh-TW/checker.js').then((m) => m.checker),
  },
}
const pending = new Map<string, Promise<void>>()
const done = new Set<string>()

/** True when these domains of the locale are loaded (so a switch can happen at once). */
export function isLoaded(locale: Locale, wanted: readonly Domain[]): boolean {
  return wanted.every((d) => done.has(`${locale}:${d}`))
}

/** Load domains of a locale's catalog (each once) into `catalogs`. Default: every domain. */
export function loadCatalog(locale: Locale, wanted: readonly Domain[] = domains): Promise<void> {
  return Promise.all(
    wanted.map((domain) => {
      const key = `${locale}:${domain}`
      let p = pending.get(key)
      if (!p) {
        p = loaders[locale][domain]().then(
          (strings) => {
            catalogs[locale] = { ...catalogs[locale], ...strings }
            done.add(key)
          },
          (error: unknown) => {
            pending.delete(key)
            throw error
          },
        )
        pending.set(key, p)
      }
      return p
    }),
  ).then(() => undefined)
}
