import { describe, expect, it } from 'vitest'
import { validateReport } from '../../../src/reports/index.js'
import type { FieldValue } from '../../../src/types.js'

const description = 'Charged twice for one coffee, please help.'

/** Validates against `other` (everything optional but description) and returns field errors. */
function errorsFor(values: Record<string, FieldValue>, category: Parameters<typeof validateReport>[0] = 'other') {
  const r = validateReport(category, { description, ...values })
  return r.ok ? {} : r.errors
}

function fieldsFor(values: Record<string, FieldValue>, category: Parameters<typeof validateReport>[0] = 'other') {
  const r = validateReport(category, { description, ...values })
  if (!r.ok) throw new Error(`unexpected errors ${JSON.stringify(r.errors)}`)
  return r.input.fields
}

describe('amount and currency', () => {
  it.each(['0', '0.00', '-5', 'abc', '1e3', '12.', '.5', '1234567890123'])('rejects amount %s', (amount) => {
    expect(errorsFor({ amount, currency: 'CNY' }).amount).toBe('report.error.amount')
  })

  it('normalises grouping, full-width digits and pads to the currency minor units', () => {
    expect(fieldsFor({ amount: '1,234.56', currency: 'CNY' }).amount).toBe('1234.56')
    expect(fieldsFor({ amount: '128.5', currency: 'cny' })).toMatchObject({ amount: '128.50', currency: 'CNY' })
    expect(fieldsFor({ amount: '１２８．５０', currency: 'CNY' }).amount).toBe('128.50')
  })

  it('allows at most 2 decimals for CNY, 0 for JPY, 3 for KWD', () => {
    expect(errorsFor({ amount: '1.234', currency: 'CNY' }).amount).toBe('report.error.amountDecimals')
    expect(errorsFor({ amount: '1000.5', currency: 'JPY' }).amount).toBe('report.error.amountDecimals')
    expect(fieldsFor({ amount: '1000', currency: 'JPY' }).amount).toBe('1000')
    expect(fieldsFor({ amount: '1000.00', currency: 'JPY' }).amount).toBe('1000')
    expect(fieldsFor({ amount: '1.234', currency: 'KWD' }).amount).toBe('1.234')
  })

  it.each(['CN', 'CNYY', 'XYZ', '123'])('rejects currency %s', (currency) => {
    expect(errorsFor({ amount: '1', currency }).currency).toBe('report.error.currency')
  })

  it('an amount needs a currency even where currency is optional', () => {
    expect(errorsFor({ amount: '12.00' })).toEqual({ currency: 'report.error.required' })
  })
})

describe('paymentMethod: brand + last 4 only', () => {
  it.each([
    'Visa 4111 1111 1111 1111',
    'Visa 4111-1111-1111-1111',
    '6205500000000000004',
    'Visa 411111******1111',
    'UnionPay 62055',
  ])('rejects %s', (paymentMethod) => {
    expect(errorsFor({ paymentMethod }).paymentMethod).toBe('report.error.paymentMethod')
  })
  it.each(['Visa •••• 1111', '招商银行 尾号1234', 'Apple Pay', 'Mastercard 5555'])('accepts %s', (paymentMethod) => {
    expect(errorsFor({ paymentMethod })).toEqual({})
  })
})

describe('time and dates', () => {
  it.each(['2026-11-23T09:30:00+08:00', '2026-11-23T01:30Z', '2026-11-23T09:30:00.123-05:00'])('accepts %s', (time) => {
    expect(errorsFor({ time })).toEqual({})
  })
  it.each(['2026-11-23T09:30:00', '2026-11-23', '2026-02-30T09:30:00+08:00', '2026-11-23T24:00:00Z', 'yesterday'])(
    'rejects %s',
    (time) => {
      expect(errorsFor({ time }).time).toBe('report.error.time')
    },
  )
  it('checks refund dates are real dates', () => {
    const base = { counterparty: 'Shop', amount: '10', currency: 'CNY' }
    expect(errorsFor({ ...base, refundExpectedDate: '2026-13-01' }, 'refund_not_received').refundExpectedDate).toBe(
      'report.error.date',
    )
    expect(errorsFor({ ...base, refundExpectedDate: '2026-12-01' }, 'refund_not_received')).toEqual({})
  })
})

describe('description', () => {
  it('requires some detail: 10 Latin characters, or 5 Han characters', () => {
    expect(errorsFor({ description: 'help me' }).description).toBe('report.error.tooShort')
    expect(errorsFor({ description: '被盗刷了' }).description).toBe('report.error.tooShort')
    expect(errorsFor({ description: '卡被盗刷了' })).toEqual({})
    expect(errorsFor({ description: 'please help' })).toEqual({})
  })
  it('caps it at 2000 characters', () => {
    expect(errorsFor({ description: 'x'.repeat(2001) }).description).toBe('report.error.tooLong')
    expect(errorsFor({ description: 'x'.repeat(2000) })).toEqual({})
  })
  it('treats blank as missing', () => {
    expect(errorsFor({ description: '   ' }).description).toBe('report.error.required')
  })
})

describe('category-specific rules', () => {
  const tx = { transactionId: 'T20261123001', time: '2026-11-23T09:30:00+08:00', amount: '10', currency: 'CNY' }

  it('duplicate charge: the second id must differ from the first', () => {
    expect(errorsFor({ ...tx, secondTransactionId: 'T20261123001' }, 'duplicate_charge').secondTransactionId).toBe(
      'report.error.sameTransaction',
    )
  })

  it('transfer delayed: account tail is exactly 4 digits', () => {
    const values = { ...tx, recipientBank: 'ICBC' }
    expect(errorsFor({ ...values, recipientAccountLast4: '12345' }, 'transfer_delayed').recipientAccountLast4).toBe(
      'report.error.last4',
    )
    expect(
      errorsFor({ ...values, recipientAccountLast4: '6222021234567890123' }, 'transfer_delayed').recipientAccountLast4,
    ).toBe('report.error.last4')
    expect(errorsFor({ ...values, recipientAccountLast4: '0042' }, 'transfer_delayed')).toEqual({})
  })

  it('balance wrong: zero is a valid balance, but both balances equal is not a problem', () => {
    expect(errorsFor({ currency: 'CNY', expectedBalance: '100', shownBalance: '0' }, 'balance_wrong')).toEqual({})
    expect(
      errorsFor({ currency: 'CNY', expectedBalance: '100', shownBalance: '100.00' }, 'balance_wrong').shownBalance,
    ).toBe('report.error.sameBalance')
  })

  it('unauthorized: noticed before the transaction is rejected; yes/no strings become booleans', () => {
    const values = { ...tx, stillHasCard: 'yes', noticedAt: '2026-11-23T09:00:00+08:00' }
    expect(errorsFor(values, 'unauthorized').noticedAt).toBe('report.error.noticedBeforeTransaction')
    expect(fieldsFor({ ...values, noticedAt: '2026-11-23T10:00:00+08:00' }, 'unauthorized').stillHasCard).toBe(true)
    expect(errorsFor({ ...values, stillHasCard: 'maybe' }, 'unauthorized').stillHasCard).toBe('report.error.choice')
  })

  it('selects and counts', () => {
    expect(
      errorsFor({ time: tx.time, amount: '1', currency: 'CNY', failedStep: 'bank', retryCount: '3' }, 'payment_failed'),
    ).toEqual({})
    expect(
      errorsFor({ time: tx.time, amount: '1', currency: 'CNY', failedStep: 'moon' }, 'payment_failed').failedStep,
    ).toBe('report.error.choice')
    expect(
      errorsFor({ time: tx.time, amount: '1', currency: 'CNY', retryCount: 500 }, 'payment_failed').retryCount,
    ).toBe('report.error.integer')
  })

  it('transaction ids: letters, digits and a few separators', () => {
    expect(errorsFor({ transactionId: 'ab' }).transactionId).toBe('report.error.reference')
    expect(errorsFor({ transactionId: '订单 123' }).transactionId).toBe('report.error.reference')
    expect(errorsFor({ transactionId: '2014112611001004680073956707' })).toEqual({})
  })
})

describe('result shape', () => {
  it('drops values the category does not use and keeps the locale', () => {
    const r = validateReport('other', { description, recipientBank: 'ICBC', counterparty: ' Shop ' }, 'zh-CN')
    expect(r).toEqual({
      ok: true,
      input: { category: 'other', description, fields: { counterparty: 'Shop' }, priority: 'normal', locale: 'zh-CN' },
    })
  })
  it('reports an unknown category', () => {
    expect(validateReport('nope' as never, { description })).toEqual({
      ok: false,
      errors: { category: 'report.error.category' },
    })
  })
})
