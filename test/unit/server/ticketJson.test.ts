/**
 * The answer, event and idempotency record of a new ticket are one text built from a template
 * (`newTicketJson`) around its reference: it must be exactly `JSON.stringify(toTicket(row))`,
 * whatever the subject holds (quotes, backslashes, control characters, lone surrogates, astral
 * characters) and for every priority, category and row number.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { categories } from '../../../examples/server/schemas.js'
import {
  isoTime,
  newId,
  newTicketJson,
  newTicketOut,
  reference,
  ticketRowOf,
  toTicket,
} from '../../../examples/server/model.js'
import type { NewTicket } from '../../../examples/server/store/types.js'

const ticket = (subject: string, priority: string, category: string, at: number): NewTicket => ({
  id: newId('tk'),
  userId: 'u1',
  priority,
  category,
  subject,
  description: 'd',
  fields: '{}',
  txn: null,
  attachments: '[]',
  locale: 'en',
  diagnostics: null,
  now: isoTime(at),
})

describe('newTicketJson', () => {
  it('is JSON.stringify(toTicket(row)) cut around the reference', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.string({ unit: 'binary' }),
          fc.constantFrom('"', '\\', '\u0000\n\t', '\ud800x', '\udc00', '😀', '</script>'),
        ),
        fc.constantFrom('low', 'normal', 'high', 'urgent'),
        fc.constantFrom(...categories),
        fc.integer({ min: 0, max: 1e13 }),
        fc.integer({ min: 0, max: 99_999_999 }),
        (subject, priority, category, at, n) => {
          const t = ticket(subject, priority, category, at)
          const { head, tail } = newTicketJson(t)
          const text = `${head}${reference('HF', n)}${tail}`
          expect(text).toBe(JSON.stringify(toTicket({ ...ticketRowOf(t), n })))
          expect(JSON.parse(text)).toEqual(toTicket({ ...ticketRowOf(t), n }))
          expect(JSON.stringify(newTicketOut(t, n))).toBe(text)
        },
      ),
      { numRuns: 2000 },
    )
  })
})
