/**
 * The locales with a shipped catalog: the one list that the `Locale` type, the options check,
 * the catalog loaders and the launcher read. Lives here (not beside the catalogs) because the
 * launcher negotiates with it before any catalog loads.
 */
export const LOCALES = ['en', 'zh-CN', 'zh-TW'] as const
export type Locale = (typeof LOCALES)[number]

/**
 * Pick the best supported locale for requested tags (BCP-47, any case, `_` for `-` as Android
 * and POSIX write them): `zh-Hans-CN`, `zh-SG`, `zh-Hans-HK` → zh-CN; `zh-TW`, `zh_HK`, `zh-Hant`
 * → zh-TW when shipped, else zh-CN; otherwise en.
 * Kept apart from the catalogs so the launcher can use it without loading them.
 */
export function negotiateLocale(requested: readonly string[], supported: readonly Locale[] = LOCALES): Locale {
  for (const raw of requested) {
    // String(): a runtime's list may hold other values (undefined), which match no locale.
    const tag = String(raw).toLowerCase()
    // The script, when the tag names one, decides; else the region (zh-Hans-HK is Simplified).
    const traditional = /^(?!.*hans).*[-_](tw|hk|mo|hant)/.test(tag) && supported.includes('zh-TW')
    const pick = tag.startsWith('zh') ? (traditional ? 'zh-TW' : 'zh-CN') : tag.startsWith('en') ? 'en' : undefined
    if (pick && supported.includes(pick)) return pick
  }
  return supported.includes('en') ? 'en' : (supported[0] ?? 'en')
}

/** The browser's preferred languages, or [] outside a browser. */
export function browserLanguages(): string[] {
  if (typeof navigator === 'undefined') return []
  // A bare navigator (an embedded runtime, some WebViews) may have neither, or an empty list.
  const { languages, language } = navigator
  return languages?.length ? [...languages] : language ? [language] : []
}
