import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { en } from '../../../src/i18n/locales/en.js'
import { createTranslator, domains, loadCatalog, catalogs as loaded, negotiateLocale } from '../../../src/i18n/index.js'

// Every domain of every locale, as the SDK's loaders put them together (test/setupCatalogs.ts).
const catalogs = { en, 'zh-CN': loaded['zh-CN']!, 'zh-TW': loaded['zh-TW']! }

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()

describe('catalogs', () => {
  const reference = Object.keys(en).sort()
  for (const [locale, catalog] of Object.entries(catalogs)) {
    it(`${locale} has exactly the English keys, no empty strings, same placeholders`, () => {
      const keys = Object.keys(catalog!).sort()
      expect(
        reference.filter((k) => !keys.includes(k)),
        `missing in ${locale}`,
      ).toEqual([])
      expect(
        keys.filter((k) => !reference.includes(k)),
        `extra in ${locale}`,
      ).toEqual([])
      for (const [key, value] of Object.entries(catalog!)) {
        expect(value.trim(), `${locale} ${key}`).not.toBe('')
        expect(placeholders(value), `${locale} ${key}`).toEqual(placeholders(en[key as keyof typeof en]))
      }
    })
  }

  it('zh-CN is actually Chinese where English has letters', () => {
    const zh = catalogs['zh-CN']
    const untranslated = Object.entries(zh).filter(
      ([k, v]) => /[a-z]{4}/i.test(en[k as keyof typeof en].replace(/\{\w+\}/g, '')) && v === en[k as keyof typeof en],
    )
    expect(untranslated.map(([k]) => k)).toEqual([])
  })
})

describe('translator', () => {
  it('formats placeholders, honours overrides and returns the key when a catalog lacks it', () => {
    const t = createTranslator(
      { 'launcher.label': '帮助', 'launcher.unread': '帮助，{count} 条未读' },
      { 'panel.title': '客服中心' },
    )
    expect(t('launcher.label')).toBe('帮助')
    expect(t('panel.title')).toBe('客服中心')
    expect(t('panel.close')).toBe('panel.close')
    expect(t('launcher.unread', { count: 3 })).toBe('帮助，3 条未读')
  })

  it('negotiates locales', () => {
    expect(negotiateLocale(['zh-Hans-CN'], ['en', 'zh-CN'])).toBe('zh-CN')
    expect(negotiateLocale(['zh-HK'], ['en', 'zh-CN'])).toBe('zh-CN')
    expect(negotiateLocale(['zh-HK'], ['en', 'zh-CN', 'zh-TW'])).toBe('zh-TW')
    expect(negotiateLocale(['fr-FR', 'en-GB'], ['en', 'zh-CN'])).toBe('en')
    expect(negotiateLocale(['ja'], ['en', 'zh-CN'])).toBe('en')
  })

  it('a Chinese tag is read by its script, then its region, in any case and with _ or - (zh_TW from Android, zh-Hans-HK)', () => {
    const script = fc.constantFrom(undefined, 'Hans', 'Hant')
    const region = fc.constantFrom(undefined, 'CN', 'SG', 'TW', 'HK', 'MO', 'US')
    const sep = fc.constantFrom('-', '_')
    const recase = (s: string, upper: boolean[]) =>
      [...s].map((c, i) => (upper[i % upper.length] ? c.toUpperCase() : c.toLowerCase())).join('')
    fc.assert(
      fc.property(script, region, sep, fc.array(fc.boolean(), { minLength: 1 }), (sc, re, sp, upper) => {
        const tag = recase(['zh', sc, re].filter(Boolean).join(sp), upper)
        const traditional = sc ? sc === 'Hant' : re === 'TW' || re === 'HK' || re === 'MO'
        expect(negotiateLocale([tag])).toBe(traditional ? 'zh-TW' : 'zh-CN')
      }),
    )
    expect(negotiateLocale(['zh_TW', 'en'])).toBe('zh-TW')
    expect(negotiateLocale(['zh-Hans-HK'])).toBe('zh-CN')
    expect(negotiateLocale(['EN_us'])).toBe('en')
  })
})

describe('lazy loading', () => {
  it('the per-domain chunks add up to the full catalog of each locale', async () => {
    for (const [locale, full] of Object.entries(catalogs)) {
      await loadCatalog(locale as 'en', domains)
      expect(loaded[locale as 'en']).toEqual(full)
    }
  })
})
