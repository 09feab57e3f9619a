import type { Locale } from '../types.js'
import type { MessageKey } from './locales/en.js'
import type { Catalog } from './translate.js'
import { LOCALES } from './negotiate.js'
import { launcherStrings } from './launcher/index.js'

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

/**
 * One domain's strings of one locale. The launcher's are in the UI entry's chunk already
 * (`launcher/`): imported, not loaded. Every other file `locales/<locale>/<domain>.ts` is a chunk
 * of its own: Vite (in the tests) and the Rollup build (`catalogImports` in rollup.config.mjs)
 * turn the pattern below into one `import()` per file. A file exports its strings under the
 * domain's name.
 */
function load(locale: Locale, domain: Domain): Promise<Record<string, string>> {
  if (domain === 'launcher') return Promise.resolve(launcherStrings[locale])
  return import(`./locales/${locale}/${domain}.ts`).then((m: Record<Domain, Record<string, string>>) => m[domain])
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
        p = load(locale, domain).then(
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
