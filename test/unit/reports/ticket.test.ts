import { describe, expect, it } from 'vitest'
import { RejectedError } from '../../../src/errors/index.js'
import { buildTicketInput, prefillFromTransaction } from '../../../src/reports/index.js'
import type { AttachmentRef, TransactionRef } from '../../../src/types.js'

const tx: TransactionRef = {
  id: '4200000404201909069117582536',
  time: '2026-11-23T09:30:00+08:00',
  amount: '128.5',
  currency: 'CNY',
  counterparty: '星巴克',
  status: 'succeeded',
  method: { brand: 'Visa', last4: '1111' },
}

const image = (i: number, name = `shot-${i}.png`): AttachmentRef => ({
  id: `a${i}`,
  name,
  type: 'image/png',
  size: 1000,
})

describe('prefillFromTransaction', () => {
  it('fills the transaction fields a category uses, card as brand + last 4', () => {
    expect(prefillFromTransaction('charged_not_received', tx)).toEqual({
      transactionId: tx.id,
      time: tx.time,
      amount: '128.5',
      currency: 'CNY',
      counterparty: '星巴克',
      paymentMethod: 'Visa •••• 1111',
    })
  })

  it('balance wrong takes only the currency; fields a transaction lacks are left out', () => {
    expect(prefillFromTransaction('balance_wrong', tx)).toEqual({ currency: 'CNY' })
    const { method: _m, counterparty: _c, ...bare } = tx
    expect(Object.keys(prefillFromTransaction('unauthorized', bare)).sort()).toEqual([
      'amount',
      'currency',
      'time',
      'transactionId',
    ])
  })

  it('unknown category → nothing', () => {
    expect(prefillFromTransaction('nope' as never, tx)).toEqual({})
  })
})

describe('buildTicketInput', () => {
  const values = {
    ...prefillFromTransaction('charged_not_received', tx),
    description: '扣款了但商家说没收到。我的卡号 6205 5000 0000 0000 004，手机 13800138000',
  }

  it('masks a card number typed in the description and reports what was hidden', () => {
    const { input, hidden, findings } = buildTicketInput('charged_not_received', values, {
      transaction: tx,
      locale: 'zh-CN',
    })
    expect(input.description).toBe('扣款了但商家说没收到。我的卡号 ***************0004，手机 138****8000')
    expect(JSON.stringify(input)).not.toContain('6205 5000')
    expect(hidden.kinds).toEqual(['card', 'phone'])
    expect(hidden.messageKeys).toEqual(['privacy.hidden.card', 'privacy.hidden.phone'])
    expect(findings.map((f) => f.path)).toEqual(['description', 'description'])
  })

  it('produces the full payload: localized subject, normalised fields, ids kept', () => {
    const { input } = buildTicketInput('charged_not_received', values, {
      transaction: tx,
      locale: 'zh-CN',
      diagnostics: { network: 'wifi' },
    })
    expect(input).toEqual({
      category: 'charged_not_received',
      subject: '扣款未到账 · 128.50 CNY',
      description: expect.any(String),
      fields: {
        transactionId: tx.id,
        time: tx.time,
        amount: '128.50',
        currency: 'CNY',
        counterparty: '星巴克',
        paymentMethod: 'Visa •••• 1111',
      },
      transaction: tx,
      attachments: [],
      priority: 'normal',
      locale: 'zh-CN',
      diagnostics: { network: 'wifi' },
    })
    expect(buildTicketInput('charged_not_received', values).input.subject).toBe('Charged but not received · 128.50 CNY')
  })

  it('redacts every field; reference fields keep order numbers but not network cards', () => {
    const { input, findings } = buildTicketInput(
      'other',
      {
        transactionId: '1234567812345670',
        counterparty: 'paid to 13800138000',
        errorText: 'card 4111111111111111 declined',
        description: 'Something odd happened with this payment.',
      },
      { transaction: { ...tx, id: '5555555555554444' }, diagnostics: { note: 'mail zhang@qq.com' } },
    )
    expect(input.fields).toMatchObject({
      transactionId: '1234567812345670',
      counterparty: 'paid to 138****8000',
      errorText: 'card ************1111 declined',
    })
    // A Mastercard test number passed as the transaction's id is still a card.
    expect(input.transaction?.id).toBe('************4444')
    expect(input.diagnostics).toEqual({ note: 'mail z***@qq.com' })
    expect(findings.map((f) => `${f.path}:${f.kind}`).sort()).toEqual([
      'diagnostics.note:email',
      'fields.counterparty:phone',
      'fields.errorText:card',
      'transaction.id:card',
    ])
  })

  it('unauthorized → urgent; wrong recipient → high; subject without amount uses the label', () => {
    const unauthorized = buildTicketInput('unauthorized', {
      ...prefillFromTransaction('unauthorized', tx),
      stillHasCard: true,
      noticedAt: '2026-11-23T12:00:00+08:00',
      description: '不是我本人操作的，卡一直在我身上。',
    })
    expect(unauthorized.input.priority).toBe('urgent')
    expect(
      buildTicketInput('wrong_recipient', {
        ...prefillFromTransaction('wrong_recipient', tx),
        intendedRecipient: '李雷',
        description: '转错人了，本来要转给李雷。',
      }).input.priority,
    ).toBe('high')
    expect(
      buildTicketInput('other', { description: 'Question about my statement.' }, { locale: 'zh-CN' }).input.subject,
    ).toBe('其他问题')
  })

  it('uses the client translator when given', () => {
    const { input } = buildTicketInput(
      'other',
      { description: 'Question about my statement.' },
      { translate: (key) => `<${key}>` },
    )
    expect(input.subject).toBe('<report.category.other.label>')
  })

  it('throws RejectedError with catalog keys when the report is invalid', () => {
    let error: unknown
    try {
      buildTicketInput('charged_not_received', { ...values, paymentMethod: 'Visa 4111 1111 1111 1111', amount: '0' })
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(RejectedError)
    expect((error as RejectedError).fieldErrors).toEqual([
      { field: 'amount', code: 'report.error.amount' },
      { field: 'paymentMethod', code: 'report.error.paymentMethod' },
    ])
  })

  it('accepts up to 5 images, masks their names, refuses more or non-images', () => {
    const ok = buildTicketInput(
      'other',
      { description: 'Screenshots of the failed payment.' },
      { attachments: [image(1, 'IMG_13800138000.png'), image(2)] },
    )
    expect(ok.input.attachments.map((a) => a.name)).toEqual(['IMG_138****8000.png', 'shot-2.png'])
    expect(ok.hidden.kinds).toEqual(['phone'])
    const tooMany = Array.from({ length: 6 }, (_, i) => image(i))
    expect(() =>
      buildTicketInput('other', { description: 'Screenshots of the failed payment.' }, { attachments: tooMany }),
    ).toThrow(RejectedError)
    const pdf = [{ ...image(1), type: 'application/pdf' }]
    expect(() =>
      buildTicketInput('other', { description: 'Screenshots of the failed payment.' }, { attachments: pdf }),
    ).toThrow(RejectedError)
  })
})
