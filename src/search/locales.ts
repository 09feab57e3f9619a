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
  for (const prefix of [locale.toLowerCase(), language(locale)]) if (lower.startsWith(prefix + '-')) return id.slice(prefix.length + 1)
  return id
}

/**
 * Locales to search, best first, then the ones to try when those find nothing. The user's
 * language comes first, Traditional before Simplified for zh-TW/zh-HK users and the reverse for
 * others. A query in Chinese characters searches the Chinese articles whatever the UI language;
 * a query without any, in a Chinese UI, falls back to the other languages' articles when the
 * Chinese ones give nothing. An unknown UI language searches everything.
 */
export function localesFor(ui: string, query: string, known: string[]): [first: string[], fallback: string[]] {
  const trad = TRADITIONAL.test(ui)
  const order = (ls: string[]): string[] =>
    ls.sort((a, b) => +(b == ui) - +(a == ui) || +(TRADITIONAL.test(b) == trad) - +(TRADITIONAL.test(a) == trad) || (a < b ? -1 : 1))
  const zh = known.filter((l) => language(l) == 'zh')
  const other = known.filter((l) => language(l) != 'zh')
  if (HAN.test(query) && zh.length && language(ui) != 'zh') return [order(zh), []]
  const own = known.filter((l) => language(l) == language(ui))
  if (!own.length) return [known.slice(), []]
  return [order(own), language(ui) == 'zh' ? order(other) : []]
}
