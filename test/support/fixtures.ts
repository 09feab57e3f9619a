import type { TransactionRef } from '../../src/types.js'

/** A failed card payment, the transaction most report tests start from. */
export const TX: TransactionRef = {
  id: '4200001234202611231234567890',
  time: '2026-11-23T09:30:00+08:00',
  amount: '128.50',
  currency: 'CNY',
  counterparty: 'Starbucks Guomao',
  status: 'failed',
  method: { brand: 'UnionPay', last4: '6217' },
  kind: 'payment',
}
