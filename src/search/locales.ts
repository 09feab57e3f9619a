import { HAN } from './tokenize.js'

/**
 * Which articles a search looks at, given the user's locale and the script the query is written
 * in, and which copy of a translated article to show.
 */

/** Language of a locale tag: zh-TW → zh. */
export const language = (locale: string): string => locale.toLowerCase().split(/[-_]/)[0]!

/** Chinese locales written in Traditional characters. */
const TRADITIONAL = /^zh[-_](?:tw|hk|mo|hant)/i

/**
 * The id of an article without its locale prefix: translations share it (en-refund, zh-refund,
 * zh-TW-refund), so one article shows once however many locales carry it.
 */
export function translationKey(id: string, locale: string): string {
  const lower = id.toLowerCase()
  for (const prefix of [locale.toLowerCase(), language(locale)])
    if (lower.startsWith(prefix + '-')) return id.slice(prefix.length + 1)
  return id
}

/**
 * Locales to search, best first, then the ones to try when those find nothing. The user's
 * language comes first, Traditional before Simplified for zh-TW/zh-HK users and the reverse for
 * others. When those find nothing, a query with Chinese characters in another UI falls back to
 * the Chinese articles, and a query without any in a Chinese UI to the other languages' ones.
 * A UI language no article is written in searches everything.
 */
export function localesFor(ui: string, query: string, known: string[]): [first: string[], fallback: string[]] {
  const trad = TRADITIONAL.test(ui)
  const order = (ls: string[]): string[] =>
    ls.sort(
      (a, b) =>
        +(b == ui) - +(a == ui) || +(TRADITIONAL.test(b) == trad) - +(TRADITIONAL.test(a) == trad) || (a < b ? -1 : 1),
    )
  const zh = language(ui) == 'zh'
  const own = known.filter((l) => language(l) == language(ui))
  if (!own.length) return [known.slice(), []]
  // The other script's articles: Chinese ones for a query with Chinese characters in another
  // UI; the rest for a query without any in a Chinese UI.
  const other = known.filter((l) => (language(l) == 'zh') != zh && (zh ? !HAN.test(query) : HAN.test(query)))
  return [order(own), order(other)]
}

/**
 * One entry per translated article, in ranked order, each shown as its copy in the most
 * preferred of `locales` (even when another copy matched): what a search shows, as pairs of the
 * copy to show and the entry that matched. `key` gives an entry's translation key, `copies` the
 * entries that share one, `locale` an entry's locale.
 */
export function onePerArticle<T>(
  ranked: T[],
  locales: string[],
  limit: number,
  key: (x: T) => string,
  copies: (k: string) => T[],
  locale: (x: T) => string,
): Array<[show: T, matched: T]> {
  const rank = (x: T): number => (locales.indexOf(locale(x)) + 1 || 1e9) - 1
  const shown = new Set<string>()
  const out: Array<[T, T]> = []
  for (const x of ranked) {
    const k = key(x)
    if (shown.has(k) || out.length == limit) continue
    shown.add(k)
    out.push([copies(k).reduce((a, b) => (rank(b) < rank(a) ? b : a), x), x])
  }
  return out
}
