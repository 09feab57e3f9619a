import { describe, expect, it } from 'vitest'
import { buildTicketInput } from '../../../src/reports/ticket.js'

// README, "What is masked": a card of 13–19 Luhn-valid digits with a network prefix is "masked
// **whatever label precedes it** (`订单号`, `ref:`, `TXN`)", and "a card-shaped number with a
// network prefix is masked even when it really was an order number. Over-masking is the safe
// mistake." The report form's reference fields (Transaction ID, merchant order number, refund
// reference…) are editable by the user, and the host prefills `transaction.id`: a card number
// typed or passed there reaches the ticket whole.

const base = {
  description: 'The shop never got the money I paid',
  time: '2026-11-23T09:30:00+08:00',
  amount: '9.00',
  currency: 'CNY',
  counterparty: 'Corner Shop',
}

describe('a card number in a reference field', () => {
  it('is masked when the user types it into "Transaction ID"', () => {
    const { input } = buildTicketInput('charged_not_received', { ...base, transactionId: '4111111111111111' })
    expect(JSON.stringify(input)).not.toContain('4111111111111111')
  })

  it('is masked when the host passes it as transaction.id (prefilled from the row the user tapped)', () => {
    // A Luhn-valid UnionPay number. (A 62… number that fails Luhn is kept in a reference field:
    // only Luhn-valid numbers with a network prefix are cards "whatever label precedes them".)
    const transaction = { id: '6212261202011584316', time: base.time, amount: base.amount, currency: base.currency }
    const { input } = buildTicketInput(
      'charged_not_received',
      { ...base, transactionId: transaction.id },
      { transaction },
    )
    expect(JSON.stringify(input)).not.toContain('6212261202011584316')
  })
})
