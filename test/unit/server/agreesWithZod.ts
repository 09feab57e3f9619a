import { expect } from 'vitest'
import { plainTicket, ticketSchema } from '../../../examples/server/schemas.js'

/**
 * True when the hand check takes the body; it then must be exactly what zod makes of it (same
 * output, same key order, as the stored JSON text depends on it). False when it hands the body to zod.
 */
export function agreesWithZod(body: unknown): boolean {
  const fast = plainTicket(body)
  const zod = ticketSchema.safeParse(body)
  if (fast === undefined) return false
  expect(zod.success, JSON.stringify(body)).toBe(true)
  expect(JSON.stringify(fast)).toBe(JSON.stringify(zod.data))
  expect(fast).toEqual(zod.data)
  return true
}
