import type { Article, Ticket, TicketInput, TransactionRef } from '../../src/types.js'

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

/** A payment-failed report as the report form gives it to the transport. */
export const ticketInput = (subject: string): TicketInput => ({
  category: 'payment_failed',
  subject,
  description: 'It failed twice at the shop',
  fields: {},
  attachments: [],
  priority: 'normal',
  locale: 'en',
})

/** The ticket a backend makes of `input`: id t1, reference R1. */
export const newTicket = (input: TicketInput): Ticket => ({
  id: 't1',
  reference: 'R1',
  status: 'new',
  priority: input.priority,
  category: input.category,
  subject: input.subject,
  createdAt: '',
  updatedAt: '',
})

/** The ticket a REST backend answers a report with, as JSON on the wire. */
export const wireTicket = {
  id: 't1',
  reference: 'HF-1',
  status: 'open',
  priority: 'normal',
  category: 'other',
  subject: 's',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
}

/** An English help article about refunds. */
export const refundArticle: Article = {
  id: 'en-refund',
  locale: 'en',
  title: 'Where is my refund?',
  body: 'Refunds reach your balance within 3 working days.',
  tags: ['refund'],
  category: 'payments',
  updatedAt: '2026-01-01T00:00:00Z',
}
