/**
 * Which articles a search looks at, given the user's locale and the script the query is written
 * in, and which copy of a translated article to show.
 */

/** Language of a locale tag: zh-TW → zh. */
export const language = (locale: string): string => locale.toLowerCase().split(/[-_]/)[0]!

/** Chinese locales written in Traditional characters. */
const TRADITIONAL = /^zh[-_](?:tw|hk|mo|hant)/i

const HAN = /\p{Script=Han}/u

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
