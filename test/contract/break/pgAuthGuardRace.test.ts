import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningServer, ServerOptions } from '../../../examples/server/server.js'
import { startInstancePair, stopInstances } from '../../support/instances.js'
import { pgSkipReason, warnPgSkipped } from '../../support/postgres.js'

/*
 * protocol.md §1.4: failed agent-key attempts per IP are limited (here 3/min, a burst of 6)
 * → 429 auth_rate_limited, shared between instances through the database. A guard that peeked
 * at the bucket before checking the key and took a token only after the failure let guesses
 * sent at once, alternating two instances, all pass the peek and all get to try a key; one that
 * spent a token on every key while it was checked refused an agent script's right keys once more
 * were in flight than the budget. Now a wrong key takes atomically and a right key only peeks.
 */

if (pgSkipReason) warnPgSkipped()

const base: ServerOptions = {
  port: 0,
  secret: 'test-secret',
  agentKey: 'demo-agent',
  hours: null,
  limits: { authFailuresPerIpPerMinute: 3 },
}

describe.skipIf(pgSkipReason !== undefined)('failed agent-key budget under concurrent guesses (Postgres)', () => {
  let a: RunningServer
  let b: RunningServer
  beforeAll(async () => {
    ;({ a, b } = await startInstancePair(base))
  })
  afterAll(() => stopInstances(a, b))

  // First: the budget is still whole here.
  it('lets 64 right keys in flight at once on A and B all through', async () => {
    const calls = Array.from({ length: 64 }, (_, i) =>
      fetch(`${(i % 2 === 0 ? a : b).url}/v1/agent/tickets`, { headers: { 'X-Agent-Key': 'demo-agent' } }),
    )
    expect((await Promise.all(calls)).map((r) => r.status)).toEqual(Array(64).fill(200))
  })

  it('tries no more wrong keys than the burst allows when guesses race on A and B', async () => {
    const guesses = Array.from({ length: 40 }, (_, i) =>
      fetch(`${(i % 2 === 0 ? a : b).url}/v1/agent/tickets`, { headers: { 'X-Agent-Key': `guess-${i}` } }),
    )
    const statuses = (await Promise.all(guesses)).map((r) => r.status)
    // Every attempt whose key was actually checked answers 401; the rest must be 429.
    const tried = statuses.filter((s) => s === 401).length
    expect(statuses.filter((s) => s !== 401 && s !== 429)).toEqual([])
    expect(tried).toBeLessThanOrEqual(6)
    // Spent: the right key gets the same answer as a guess, on either instance.
    const after = await Promise.all(
      [a, b].map((s) => fetch(`${s.url}/v1/agent/tickets`, { headers: { 'X-Agent-Key': 'demo-agent' } })),
    )
    expect(after.map((r) => r.status)).toEqual([429, 429])
  })
})
