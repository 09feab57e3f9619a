import { describe, expect, it } from 'vitest'
import { en } from '../../../src/i18n/locales/en.js'
import { reports as enReports } from '../../../src/i18n/locales/en/reports.js'
import { catalogs as loaded } from '../../../src/i18n/index.js'
import { reports as zhReports } from '../../../src/i18n/locales/zh-CN/reports.js'
import { HIDDEN_MESSAGE_KEYS } from '../../../src/privacy/index.js'
import { FIELDS, SCREENSHOTS, categories } from '../../../src/reports/index.js'

const catalogs = { en: en as Record<string, string>, 'zh-CN': loaded['zh-CN'] as Record<string, string> }
const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()
const han = /\p{Script=Han}/u

/** Every key the reports and privacy code can hand to a translator. */
function referencedKeys(): string[] {
  const keys = new Set<string>(Object.values(HIDDEN_MESSAGE_KEYS))
  for (const c of categories) {
    keys.add(c.labelKey).add(c.hintKey)
    for (const k of c.guidance?.keys ?? []) keys.add(k)
    if (c.suggest) keys.add(c.suggest.messageKey)
  }
  for (const f of Object.values(FIELDS)) {
    keys.add(f.labelKey)
    if (f.helpKey) keys.add(f.helpKey)
    for (const o of f.options ?? []) keys.add(`report.option.${f.name}.${o}`)
  }
  keys.add(SCREENSHOTS.labelKey).add(SCREENSHOTS.helpKey)
  return [...keys]
}

const ERROR_KEYS = [
  'report.error.required',
  'report.error.category',
  'report.error.amount',
  'report.error.amountDecimals',
  'report.error.balance',
  'report.error.sameBalance',
  'report.error.currency',
  'report.error.time',
  'report.error.date',
  'report.error.noticedBeforeTransaction',
  'report.error.reference',
  'report.error.sameTransaction',
  'report.error.paymentMethod',
  'report.error.last4',
  'report.error.tooShort',
  'report.error.tooLong',
  'report.error.choice',
  'report.error.integer',
  'report.error.screenshots',
]

describe('report catalogs', () => {
  it.each(Object.entries(catalogs))('%s resolves every key the code uses, and every error key', (_locale, catalog) => {
    for (const key of [...referencedKeys(), ...ERROR_KEYS]) {
      expect(catalog[key], key).toEqual(expect.stringMatching(/\S/))
    }
  })

  it('zh-CN is a real translation with the same placeholders', () => {
    for (const [key, text] of Object.entries(enReports)) {
      const zh = zhReports[key as keyof typeof enReports]
      expect(placeholders(zh), key).toEqual(placeholders(text))
      if (key !== 'report.subject') expect(zh, key).toMatch(han)
    }
  })

  it('uses the everyday Chinese terms', () => {
    expect(zhReports['report.category.charged_not_received.label']).toBe('扣款未到账')
    expect(zhReports['report.category.unauthorized.label']).toContain('非本人操作')
    expect(zhReports['report.guidance.fraud.neverAsk']).toContain('验证码')
  })
})
