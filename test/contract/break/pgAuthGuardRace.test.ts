import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningServer, ServerOptions } from '../../../examples/server/server.js'
import { startInstancePair, stopInstances } from '../../support/instances.js'
import { pgSkipReason, warnPgSkipped } from '../../support/postgres.js'

/*
 * protocol.md §1.4: failed agent-key attempts per IP are limited (here 3/min, a burst of 6)
 * → 429 auth_rate_limited, shared between instances through the database. The guard peeks at
 * the bucket before checking the key and takes a token only after the failure, so guesses sent
 * at once, alternating two instances, all pass the peek and all get to try a key.
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

  it('tries no more wrong keys than the burst allows when guesses race on A and B', async () => {
    const guesses = Array.from({ length: 40 }, (_, i) =>
      fetch(`${(i % 2 === 0 ? a : b).url}/v1/agent/tickets`, { headers: { 'X-Agent-Key': `guess-${i}` } }),
    )
    const statuses = (await Promise.all(guesses)).map((r) => r.status)
    // Every attempt whose key was actually checked answers 401; the rest must be 429.
    const tried = statuses.filter((s) => s === 401).length
    expect(statuses.filter((s) => s !== 401 && s !== 429)).toEqual([])
    expect(tried).toBeLessThanOrEqual(6)
  })
})
