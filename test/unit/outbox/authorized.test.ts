import { describe, expect, it, vi } from 'vitest'
import { RateLimitedError, RejectedError, ServerError, UnauthorizedError } from '../../../src/errors/index.js'
import { memoryStore } from '../../../src/storage/index.js'
import { makeOutbox, useFakeClock } from './helpers.js'

useFakeClock()

/**
 * A job refused for want of a session (401/403) waits its backoff, up to 5 minutes; a sign-in
 * that succeeds meanwhile (`authorized()`) makes it due at once. Jobs waiting for another reason
 * keep their backoff, and another user's jobs are not touched.
 */
describe('outbox.authorized()', () => {
  it("sends the current author's jobs refused as unauthorized at once, same key; 5xx, Retry-After and other users' jobs keep waiting", async () => {
    let user = 'B'
    let signedIn = false
    const attempts: Array<[string, string]> = []
    const { outbox } = makeOutbox({
      author: () => user,
      // Attempt 1 waits 0.99 s after a failure: anything sent within it was sent early.
      random: () => 0.99,
      send: async (job, ctx) => {
        const what = (job.payload as { what: string }).what
        attempts.push([what, ctx.idempotencyKey])
        if (what === 'busy') throw new ServerError(503)
        if (what === 'limited') throw new RateLimitedError(60_000)
        if (!signedIn) throw new UnauthorizedError('no session')
        return { id: job.id }
      },
    })
    const count = (what: string) => attempts.filter(([w]) => w === what).length

    await outbox.enqueue('ticket', { what: 'B-auth' })
    await vi.advanceTimersByTimeAsync(0)
    user = 'A'
    outbox.rescope()
    const auth = await outbox.enqueue('ticket', { what: 'auth' })
    await outbox.enqueue('ticket', { what: 'busy' })
    await outbox.enqueue('ticket', { what: 'limited' })
    await vi.advanceTimersByTimeAsync(0)
    expect(attempts.map(([w]) => w)).toEqual(['B-auth', 'auth', 'busy', 'limited'])
    expect((await outbox.list()).find((j) => j.id === auth)).toMatchObject({
      state: 'failed_retryable',
      lastError: { code: 'unauthorized' },
    })

    // A's sign-in succeeds 10 ms later.
    await vi.advanceTimersByTimeAsync(10)
    signedIn = true
    outbox.authorized()
    await vi.advanceTimersByTimeAsync(0)
    expect(count('auth')).toBe(2)
    expect(new Set(attempts.filter(([w]) => w === 'auth').map(([, key]) => key)).size).toBe(1)
    expect((await outbox.list()).map((j) => j.id)).not.toContain(auth)
    expect(count('busy')).toBe(1)
    expect(count('limited')).toBe(1)

    // B's job waits its own backoff when B is back: it was not made due by A's sign-in.
    user = 'B'
    outbox.rescope()
    await vi.advanceTimersByTimeAsync(0)
    expect(count('B-auth')).toBe(1)
    await vi.advanceTimersByTimeAsync(1_000)
    expect(count('B-auth')).toBe(2)
    outbox.dispose()
  })

  it('a job whose attempt was on the wire when the sign-in succeeded and came back 401 goes again at once', async () => {
    let signedIn = false
    let answer!: () => void
    const attempts: string[] = []
    const { outbox } = makeOutbox({
      random: () => 0.99,
      send: async (job, ctx) => {
        attempts.push(ctx.idempotencyKey)
        if (signedIn && attempts.length > 1) return { id: job.id }
        // Sent with the old session; its 401 comes after the new sign-in.
        await new Promise<void>((resolve) => (answer = resolve))
        throw new UnauthorizedError('stale session')
      },
    })
    const id = await outbox.enqueue('ticket', { what: 'on the wire' })
    await vi.advanceTimersByTimeAsync(0)
    expect(attempts).toHaveLength(1)
    signedIn = true
    outbox.authorized()
    answer()
    await vi.advanceTimersByTimeAsync(0)
    expect(attempts).toHaveLength(2)
    expect(new Set(attempts).size).toBe(1)
    expect(await outbox.list()).toEqual([])
    expect(outbox.left(id)).toMatchObject({ type: 'sent' })
    outbox.dispose()
  })
})

/**
 * A job refused because the transport's own sign-in was refused (422, an identity the server does
 * not take now): it keeps its backoff (the server may take it later; a tab other than the one that
 * heard the refusal must still send it) and goes at once when a sign-in succeeds.
 */
describe('a job whose sign-in was refused', () => {
  it('keeps its backoff, in this page and the next, and goes at once on authorized(), same key', async () => {
    const store = memoryStore()
    let accepted = false
    const keys: string[] = []
    const send = async (job: { id: string }, ctx: { idempotencyKey: string }) => {
      keys.push(ctx.idempotencyKey)
      if (!accepted)
        throw new UnauthorizedError('sign-in refused', { cause: new RejectedError([], 'no such user', 422) })
      return { id: job.id }
    }
    const first = makeOutbox({ store, send }).outbox
    const id = await first.enqueue('ticket', { what: 'report' })
    await vi.advanceTimersByTimeAsync(0)
    expect(keys).toHaveLength(1)
    // The server may take the sign-in later, and another tab holding the outbox must still send
    // it: it is tried again on its backoff (at most every 5 minutes), never dropped.
    await vi.advanceTimersByTimeAsync(3_600_000)
    const tried = keys.length
    expect(tried).toBeGreaterThan(5)
    expect(tried).toBeLessThan(40)
    expect(await first.list()).toMatchObject([
      { id, state: 'failed_retryable', lastError: { code: 'unauthorized', signIn: 'refused' } },
    ])
    first.dispose()

    // The next page finds it stored and keeps trying too.
    const { outbox } = makeOutbox({ store, send })
    await vi.advanceTimersByTimeAsync(600_000)
    expect(keys.length).toBeGreaterThan(tried)
    expect(await outbox.list()).toHaveLength(1)

    // A sign-in succeeds: at once, not after the rest of its backoff.
    accepted = true
    const before = keys.length
    outbox.authorized()
    await vi.advanceTimersByTimeAsync(0)
    expect(keys).toHaveLength(before + 1)
    expect(new Set(keys).size).toBe(1)
    expect(await outbox.list()).toEqual([])
    outbox.dispose()
  })
})
