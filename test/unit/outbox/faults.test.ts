import { describe, expect, it, vi } from 'vitest'
import {
  MalformedResponseError,
  OfflineError,
  RateLimitedError,
  RejectedError,
  TimeoutError,
} from '../../../src/errors/index.js'
import type { OutboxJobBase as OutboxJob, SendContext } from '../../../src/outbox/index.js'
import { memoryStore } from '../../../src/storage/index.js'
import { fakeServer, holdSecondRead, jobKey, makeOutbox, useFakeClock, type OutboxEvent } from './helpers.js'

const DAY = 86_400_000

useFakeClock()

describe('retries on a monotonic clock', () => {
  it('a job that failed while the device clock was a day ahead is sent promptly after the clock is corrected and the page reloads', async () => {
    const store = memoryStore()
    let wall = Date.now() + DAY
    const first = makeOutbox({
      store,
      now: () => wall,
      send: async () => {
        throw new OfflineError()
      },
    })
    const id = await first.outbox.enqueue('ticket', { subject: 'stuck' })
    await vi.advanceTimersByTimeAsync(0)
    const stored = await store.get<OutboxJob>(jobKey(id))
    expect(stored).toMatchObject({ state: 'failed_retryable' })
    // Only a delay is stored, bounded by the backoff cap: nothing measured on the wrong clock.
    expect(stored!.retryDelayMs).toBeLessThanOrEqual(300_000)
    expect(stored!.nextAttemptAt).toBeUndefined()
    first.outbox.dispose()

    wall = Date.now()
    const server = fakeServer()
    const sent: string[] = []
    const second = makeOutbox({
      store,
      now: () => wall,
      send: async (job, ctx) => (sent.push(job.id), server.commit(job, ctx)),
    })
    await vi.advanceTimersByTimeAsync(stored!.retryDelayMs! + 1)
    expect(sent).toEqual([id])
    expect(server.creates).toBe(1)
    second.outbox.dispose()
  })

  it('a wall clock jumping a day forward or back while the page waits does not move the retry', async () => {
    let wall = Date.now()
    let calls = 0
    const { outbox } = makeOutbox({
      now: () => wall,
      send: async () => {
        if (++calls === 1) throw new OfflineError()
        return { id: 't1' }
      },
    })
    await outbox.enqueue('ticket', { subject: 'jump' })
    await vi.advanceTimersByTimeAsync(0)
    wall += DAY
    await vi.advanceTimersByTimeAsync(1000)
    wall -= 2 * DAY
    await vi.advanceTimersByTimeAsync(300_000)
    expect(calls).toBe(2)
    expect(await outbox.list()).toEqual([])
    outbox.dispose()
  })

  it('caps a Retry-After of a day at ten minutes', async () => {
    let calls = 0
    const { outbox } = makeOutbox({
      send: async () => {
        if (++calls === 1) throw new RateLimitedError(DAY - 41_000)
        return { id: 't1' }
      },
    })
    await outbox.enqueue('ticket', { subject: 'limited' })
    await vi.advanceTimersByTimeAsync(0)
    expect((await outbox.list())[0]!.retryDelayMs).toBe(600_000)
    await vi.advanceTimersByTimeAsync(600_000)
    expect(calls).toBe(2)
    outbox.dispose()
  })
})

describe('writes whose outcome is unknown', () => {
  it.each([
    ['a 2xx with a malformed body', () => new MalformedResponseError(['body is not JSON'])],
    ['a timeout after sending', () => new TimeoutError()],
  ])('%s is reconciled with the same key, never rejected, and creates one record', async (_name, fault) => {
    const server = fakeServer()
    const keys: string[] = []
    const events: OutboxEvent[] = []
    let calls = 0
    const { outbox } = makeOutbox({
      onChange: (e) => events.push(e),
      send: async (job, ctx: SendContext) => {
        keys.push(ctx.idempotencyKey)
        const record = server.commit(job, ctx) // the backend committed...
        if (++calls === 1) throw fault() // ...but the answer was lost
        return record
      },
    })
    const id = await outbox.enqueue('ticket', { subject: 'charged twice' })
    await vi.advanceTimersByTimeAsync(0)
    expect((await outbox.list())[0]).toMatchObject({ id, state: 'reconcile' })
    await vi.advanceTimersByTimeAsync(10_000)
    expect(events.some((e) => e.type === 'rejected')).toBe(false)
    expect(events.filter((e) => e.type === 'sent')).toHaveLength(1)
    expect(new Set(keys).size).toBe(1)
    expect(server.creates).toBe(1)
    outbox.dispose()
  })

  it('asks reconcile before re-sending a job whose outcome is unknown (backends without idempotency)', async () => {
    const records: string[] = []
    let calls = 0
    const reconciled: string[] = []
    const { outbox } = makeOutbox({
      send: async (job) => {
        records.push(job.id)
        if (++calls === 1) throw new MalformedResponseError(['text/html'])
        return { id: 'again' }
      },
      reconcile: async (job) => (reconciled.push(job.id), records.includes(job.id) ? { id: 'found' } : undefined),
    })
    const id = await outbox.enqueue('ticket', { subject: 'portal' })
    await vi.advanceTimersByTimeAsync(10_000)
    expect(reconciled).toEqual([id])
    expect(records).toEqual([id])
    expect(await outbox.list()).toEqual([])
    outbox.dispose()
  })

  it('drops a rejected job the caller says has expired (a refused chat message does not stay forever)', async () => {
    const store = memoryStore()
    const old: OutboxJob = {
      id: 'm1',
      kind: 'message',
      payload: {},
      idempotencyKey: 'k',
      attempts: 1,
      state: 'rejected',
      createdAt: 1,
      updatedAt: 1,
      seq: 0,
    }
    await store.set(jobKey('m1'), old)
    const { outbox } = makeOutbox({
      store,
      send: async () => ({}),
      expireRejected: (j) => j.kind === 'message' && Date.now() - j.updatedAt > 7 * DAY,
    })
    await vi.advanceTimersByTimeAsync(0)
    expect(await store.get(jobKey('m1'))).toBeUndefined()
    outbox.dispose()
  })

  it('still rejects a validation error', async () => {
    const { outbox } = makeOutbox({
      send: async () => {
        throw new RejectedError([{ field: 'description', code: 'too_short' }])
      },
    })
    await outbox.enqueue('ticket', { subject: 'x' })
    await vi.advanceTimersByTimeAsync(0)
    expect((await outbox.list())[0]).toMatchObject({ state: 'rejected' })
    outbox.dispose()
  })
})

describe('jobs belong to their author', () => {
  it("waits for its author: user B never sends A's job, A sends it once back", async () => {
    let user = 'A'
    const sentAs: Array<[string, string | undefined]> = []
    const { outbox } = makeOutbox({
      author: () => user,
      online: () => user !== 'A' || sentAs.length > 0 || online,
      send: async (job) => (sentAs.push([user, job.author]), { id: job.id }),
    })
    let online = false
    await outbox.enqueue('ticket', { subject: "A's report" })
    await vi.advanceTimersByTimeAsync(0)
    expect(sentAs).toEqual([])
    online = true
    user = 'B'
    outbox.rescope()
    await vi.advanceTimersByTimeAsync(60_000)
    expect(sentAs).toEqual([])
    expect(await outbox.list()).toEqual([])
    expect(outbox.snapshot()).toEqual([])

    user = 'A'
    outbox.rescope()
    await vi.advanceTimersByTimeAsync(0)
    expect(sentAs).toEqual([['A', 'A']])
    outbox.dispose()
  })

  it('aborts an attempt in flight when its author signs out, and resends it with the same key once they are back', async () => {
    let user = 'A'
    const keys: string[] = []
    let hang = true
    const { outbox } = makeOutbox({
      author: () => user,
      send: (job, ctx) => {
        keys.push(ctx.idempotencyKey)
        if (!hang) return Promise.resolve({ id: job.id })
        return new Promise((_, reject) =>
          ctx.signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))),
        )
      },
    })
    const id = await outbox.enqueue('ticket', { subject: 'mid-send' })
    await vi.advanceTimersByTimeAsync(0)
    user = 'B'
    outbox.rescope()
    await vi.advanceTimersByTimeAsync(0)
    hang = false
    user = 'A'
    outbox.rescope()
    await vi.advanceTimersByTimeAsync(0)
    expect(keys).toHaveLength(2)
    expect(new Set(keys).size).toBe(1)
    expect((await outbox.list()).map((j) => j.id)).not.toContain(id)
    outbox.dispose()
  })

  it('"forget me" (or a discard) in another tab between an attempt reading the job and marking it sending: it stays gone, nothing is sent', async () => {
    const store = memoryStore()
    const sent: unknown[] = []
    // The attempt's read of the job returns what it read only after another tab's "forget me"
    // has deleted the job from the shared store.
    const held = holdSecondRead(store, () => jobKey(id))
    const { outbox } = makeOutbox({
      store: held.store,
      author: () => 'A',
      autoStart: false,
      send: async (job) => (sent.push(job.payload), { id: job.id }),
    })
    const id = await outbox.enqueue('ticket', { subject: "A's report" })
    held.arm()
    const pass = outbox.flush()
    await held.atRead
    await store.del(jobKey(id))
    held.release()
    await pass
    await vi.advanceTimersByTimeAsync(60_000)
    expect(sent).toEqual([])
    expect(await store.get(jobKey(id))).toBeUndefined()
    outbox.dispose()
  })

  it('"forget me" in this tab while an attempt reads the job, its listing landing after the mark (IndexedDB order): nothing is sent, nothing stays', async () => {
    const store = memoryStore()
    const sent: unknown[] = []
    // The attempt's read waits at a gate; "forget me" starts meanwhile, and its listing of the
    // jobs is answered only after the attempt's mark is written (a readwrite transaction queued
    // before the listing's reads, as IndexedDB orders them).
    const held = holdSecondRead(store, () => jobKey(id))
    let marked!: () => void
    const mark = new Promise<void>((r) => (marked = r))
    let listing = false
    const gated: typeof store = {
      ...held.store,
      keys: async (prefix?: string) => {
        if (listing) await mark
        return store.keys(prefix)
      },
      update: async <T>(key: string, fn: (current: T | undefined) => T | undefined) => {
        await store.update!(key, fn)
        marked()
      },
    }
    const { outbox } = makeOutbox({
      store: gated,
      author: () => 'A',
      autoStart: false,
      send: async (job) => (sent.push(job.payload), { id: job.id }),
    })
    const id = await outbox.enqueue('ticket', { subject: "A's report" })
    held.arm()
    const pass = outbox.flush()
    await held.atRead
    listing = true
    const forgetting = outbox.clearAuthor()
    held.release()
    await pass
    await forgetting
    await vi.advanceTimersByTimeAsync(60_000)
    expect(sent).toEqual([])
    expect(await store.get(jobKey(id))).toBeUndefined()
    outbox.dispose()
  })

  it('"forget me" takes a job a page left \'sending\' when it died: it is not recovered and sent on the next pass', async () => {
    const store = memoryStore()
    await store.set(jobKey('left'), {
      id: 'left',
      kind: 'ticket',
      payload: { subject: "A's report" },
      idempotencyKey: 'k',
      attempts: 1,
      retryDelayMs: 0,
      state: 'sending',
      createdAt: 1,
      updatedAt: 1,
      seq: 0,
      author: 'A',
      rev: 2,
    })
    const sent: unknown[] = []
    const { outbox } = makeOutbox({
      store,
      author: () => 'A',
      autoStart: false,
      send: async (job) => (sent.push(job.payload), { id: job.id }),
    })
    expect(await outbox.clearAuthor()).toBe(1)
    await outbox.flush()
    await vi.advanceTimersByTimeAsync(60_000)
    expect(sent).toEqual([])
    expect(await store.get(jobKey('left'))).toBeUndefined()
    outbox.dispose()
  })

  it('"forget me" in another tab while this tab sends the job: a failed send does not store it again, and it is not sent later', async () => {
    const store = memoryStore()
    const attempts: unknown[] = []
    let fail!: (e: unknown) => void
    const sender = makeOutbox({
      store,
      author: () => 'A',
      send: (job) => {
        attempts.push(job.payload)
        if (attempts.length > 1) return Promise.resolve({ id: job.id })
        return new Promise((_, reject) => (fail = reject))
      },
    })
    const other = makeOutbox({ store, author: () => 'A', autoStart: false, send: async () => ({}) })
    const id = await sender.outbox.enqueue('ticket', { subject: "A's report" })
    await vi.advanceTimersByTimeAsync(0)
    expect(attempts).toHaveLength(1)
    await other.outbox.clearAuthor()
    fail(new OfflineError())
    await vi.advanceTimersByTimeAsync(600_000)
    expect(attempts).toHaveLength(1)
    expect(await store.get(jobKey(id))).toBeUndefined()
    sender.outbox.dispose()
    other.outbox.dispose()
  })

  it('"forget me" in another tab while a pass adopts a job of an earlier version (no author): it stays gone, nothing is sent', async () => {
    const store = memoryStore()
    await store.set(jobKey('legacy'), {
      id: 'legacy',
      kind: 'ticket',
      payload: { subject: 'from an earlier version' },
      idempotencyKey: 'k',
      attempts: 0,
      retryDelayMs: 0,
      state: 'queued',
      createdAt: 1,
      updatedAt: 1,
      seq: 0,
    })
    const sent: unknown[] = []
    // The pass's listing reads the job, then waits while another tab's "forget me" deletes it.
    let armed = true
    let reached!: () => void
    const atRead = new Promise<void>((r) => (reached = r))
    let open!: () => void
    const gate = new Promise<void>((r) => (open = r))
    const gated: typeof store = {
      ...store,
      get: async <T>(key: string) => {
        const value = await store.get<T>(key)
        if (armed && key === jobKey('legacy')) {
          armed = false
          reached()
          await gate
        }
        return value
      },
    }
    const { outbox } = makeOutbox({
      store: gated,
      author: () => 'A',
      autoStart: false,
      send: async (job) => (sent.push(job.payload), { id: job.id }),
    })
    const pass = outbox.flush()
    await atRead
    await store.del(jobKey('legacy'))
    open()
    await pass
    await vi.advanceTimersByTimeAsync(60_000)
    expect(sent).toEqual([])
    expect(await store.get(jobKey('legacy'))).toBeUndefined()
    outbox.dispose()
  })

  it('a job stored by an earlier version (no author) is adopted by the first user, and clearAuthor forgets only theirs', async () => {
    const store = memoryStore()
    await store.set(jobKey('legacy'), {
      id: 'legacy',
      kind: 'ticket',
      payload: {},
      idempotencyKey: 'k',
      attempts: 0,
      state: 'rejected',
      createdAt: 1,
      updatedAt: 1,
      seq: 0,
    })
    let user = 'A'
    const { outbox } = makeOutbox({
      store,
      author: () => user,
      send: async () => {
        throw new OfflineError()
      },
    })
    await vi.advanceTimersByTimeAsync(0)
    expect((await store.get<OutboxJob>(jobKey('legacy')))!.author).toBe('A')
    user = 'B'
    outbox.rescope()
    await outbox.enqueue('ticket', { subject: "B's" })
    await vi.advanceTimersByTimeAsync(0)
    expect(await outbox.clearAuthor()).toBe(1)
    expect(await outbox.list()).toEqual([])
    expect(await store.get(jobKey('legacy'))).toBeDefined()
    outbox.dispose()
  })
})
