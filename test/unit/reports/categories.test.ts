import { describe, expect, it } from 'vitest'
import { categories, categoryFields, getCategory, validateReport } from '../../../src/reports/index.js'
import { REPORT_CATEGORIES as ALL } from '../../../src/reports/categoryIds.js'
import type { ReportCategory } from '../../../src/types.js'

describe('category table', () => {
  it('defines each ReportCategory exactly once', () => {
    // The eleven of the wallet domain (shared/reference/wallet-domain.md §1.2) plus impersonation.
    expect(new Set(ALL).size).toBe(12)
    expect(categories.map((c) => c.id).sort()).toEqual([...ALL].sort())
    for (const id of ALL) expect(getCategory(id)?.id).toBe(id)
    expect(getCategory('nope')).toBeUndefined()
  })

  it.each(ALL)('%s: description is required, fields do not repeat, prefill is a subset of its fields', (id) => {
    const c = getCategory(id)!
    expect(c.required).toContain('description')
    const fields = categoryFields(c)
    expect(new Set(fields).size).toBe(fields.length)
    expect(fields.at(-1)).toBe('description')
    for (const p of c.prefill) expect(fields).toContain(p)
  })

  it('only unauthorized is urgent, with the fraud guidance; wrong recipient and impersonation are high; the rest normal', () => {
    const unauthorized = getCategory('unauthorized')!
    expect(unauthorized).toMatchObject({ priority: 'urgent', urgent: true })
    expect(unauthorized.guidance?.kind).toBe('fraud')
    expect(unauthorized.guidance?.keys).toEqual(
      expect.arrayContaining([
        'report.guidance.fraud.freeze',
        'report.guidance.fraud.hotline',
        'report.guidance.fraud.neverAsk',
      ]),
    )
    expect(categories.filter((c) => c.urgent).map((c) => c.id)).toEqual(['unauthorized'])
    expect(getCategory('wrong_recipient')!.priority).toBe('high')
    expect(getCategory('impersonation')!.priority).toBe('high')
    for (const c of categories.filter((c) => !['unauthorized', 'wrong_recipient', 'impersonation'].includes(c.id))) {
      expect(c.priority, c.id).toBe('normal')
    }
  })

  it('payment failed suggests "charged but not received" when money was taken', () => {
    expect(getCategory('payment_failed')!.suggest).toMatchObject({
      field: 'moneyTaken',
      equals: true,
      category: 'charged_not_received',
    })
  })
})

describe('required fields per category (an empty form reports exactly these)', () => {
  const expected: Record<ReportCategory, string[]> = {
    payment_failed: ['time', 'amount', 'currency', 'description'],
    charged_not_received: ['transactionId', 'time', 'amount', 'currency', 'counterparty', 'description'],
    duplicate_charge: ['transactionId', 'secondTransactionId', 'time', 'amount', 'currency', 'description'],
    refund_not_received: ['counterparty', 'amount', 'currency', 'refundExpectedDate', 'description'],
    transfer_delayed: [
      'transactionId',
      'time',
      'amount',
      'currency',
      'recipientBank',
      'recipientAccountLast4',
      'description',
    ],
    topup_failed: ['time', 'amount', 'currency', 'paymentMethod', 'description'],
    withdrawal_failed: ['time', 'amount', 'currency', 'paymentMethod', 'description'],
    wrong_recipient: [
      'transactionId',
      'time',
      'amount',
      'currency',
      'counterparty',
      'intendedRecipient',
      'description',
    ],
    balance_wrong: ['currency', 'expectedBalance', 'shownBalance', 'description'],
    unauthorized: ['transactionId', 'time', 'amount', 'currency', 'stillHasCard', 'noticedAt', 'description'],
    impersonation: ['contactKind', 'contactValue', 'description'],
    other: ['description'],
  }

  it.each(ALL)('%s', (id) => {
    const result = validateReport(id, {})
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(Object.keys(result.errors).sort()).toEqual([...expected[id]].sort())
    expect(new Set(Object.values(result.errors))).toEqual(new Set(['report.error.required']))
  })
})

describe('a complete report passes for every category', () => {
  const base = {
    transactionId: '4200000404201909069117582536',
    time: '2026-11-23T09:30:00+08:00',
    amount: '128.50',
    currency: 'CNY',
    counterparty: 'Starbucks',
    paymentMethod: 'Visa •••• 1111',
    description: 'The money left my account but the shop says it was not paid.',
    secondTransactionId: '4200000404201909069117582537',
    refundExpectedDate: '2026-11-30',
    recipientBank: '招商银行',
    recipientAccountLast4: '1234',
    intendedRecipient: '李雷',
    expectedBalance: '1024.00',
    shownBalance: '895.50',
    stillHasCard: true,
    noticedAt: '2026-11-23T10:00:00+08:00',
    contactKind: 'phone',
    contactValue: '+95188',
  }
  it.each(ALL)('%s', (id) => {
    const result = validateReport(id, base)
    expect(result).toMatchObject({ ok: true, input: { category: id, priority: getCategory(id)!.priority } })
  })
})
