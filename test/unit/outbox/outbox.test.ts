import { describe, expect, it, vi } from 'vitest'
import { OfflineError, RateLimitedError, RejectedError, ServerError, TimeoutError } from '../../../src/errors/index.js'
import type { OutboxJobBase as OutboxJob, SendContext } from '../../../src/outbox/index.js'
import { fakeServer, jobKey, makeOutbox, useFakeClock, type OutboxEvent } from './helpers.js'

useFakeClock()

describe('outbox delivery', () => {
  it('persists the job before the first network attempt', async () => {
    const seenAtSend: Array<OutboxJob | undefined> = []
    const { outbox, store } = makeOutbox({
      send: async (job) => {
        seenAtSend.push(await store.get<OutboxJob>(jobKey(job.id)))
        return new Promise(() => {}) // never answers
      },
    })
    const id = await outbox.enqueue('ticket', { subject: 'charged twice' })
    expect(await store.get<OutboxJob>(jobKey(id))).toMatchObject({ payload: { subject: 'charged twice' } })
    await vi.advanceTimersByTimeAsync(0)
    expect(seenAtSend).toHaveLength(1)
    expect(seenAtSend[0]).toMatchObject({ id, state: 'sending', attempts: 1 })
    outbox.dispose()
  })

  it('retries an offline failure and delivers once, with the same idempotency key every time', async () => {
    const server = fakeServer()
    const keys: string[] = []
    const events: OutboxEvent[] = []
    let calls = 0
    const { outbox } = makeOutbox({
      onChange: (e) => events.push(e),
      send: async (job, ctx: SendContext) => {
        keys.push(ctx.idempotencyKey)
        calls++
        if (calls === 1) throw new OfflineError()
        if (calls === 2) throw new ServerError(503)
        return server.commit(job, ctx)
      },
    })
    const id = await outbox.enqueue('ticket', { subject: 'refund missing' })
    await vi.advanceTimersByTimeAsync(0)
    expect(calls).toBe(1)
    expect((await outbox.list())[0]).toMatchObject({ id, state: 'failed_retryable', lastError: { code: 'offline' } })

    await vi.advanceTimersByTimeAsync(10 * 60_000)
    expect(calls).toBe(3)
    expect(new Set(keys).size).toBe(1)
    expect(server.creates).toBe(1)
    expect(await outbox.list()).toEqual([])
    expect(events.filter((e) => e.type === 'sent')).toEqual([
      expect.objectContaining({ type: 'sent', result: { id: 't1', payload: { subject: 'refund missing' } } }),
    ])
    outbox.dispose()
  })

  it('backs off with full jitter between attempts', async () => {
    let calls = 0
    const { outbox } = makeOutbox({
      random: () => 0.5,
      send: async () => {
        calls++
        throw new TimeoutError()
      },
    })
    await outbox.enqueue('ticket', {})
    await vi.advanceTimersByTimeAsync(0)
    expect(calls).toBe(1)
    // attempt 1 failed: wait 0.5 * 1000 ms
    await vi.advanceTimersByTimeAsync(499)
    expect(calls).toBe(1)
    await vi.advanceTimersByTimeAsync(1)
    expect(calls).toBe(2)
    // attempt 2 failed: wait 0.5 * 2000 ms
    await vi.advanceTimersByTimeAsync(999)
    expect(calls).toBe(2)
    await vi.advanceTimersByTimeAsync(1)
    expect(calls).toBe(3)
    outbox.dispose()
  })

  it('waits exactly retryAfterMs after a 429', async () => {
    let calls = 0
    const { outbox } = makeOutbox({
      random: () => 0.99,
      send: async () => {
        calls++
        if (calls === 1) throw new RateLimitedError(30_000)
        return { ok: true }
      },
    })
    await outbox.enqueue('message', { text: 'hi' })
    await vi.advanceTimersByTimeAsync(29_999)
    expect(calls).toBe(1)
    expect((await outbox.list())[0]?.lastError?.code).toBe('rate_limited')
    await vi.advanceTimersByTimeAsync(1)
    expect(calls).toBe(2)
    expect(await outbox.list()).toEqual([])
    outbox.dispose()
  })

  it('keeps a rejected job with its field errors, never retries it alone, and re-keys only edited payloads', async () => {
    const keys: string[] = []
    let reject = true
    const { outbox } = makeOutbox({
      send: async (_job, ctx) => {
        keys.push(ctx.idempotencyKey)
        if (reject) throw new RejectedError([{ field: 'subject', code: 'required' }], 'invalid', 422)
        return { ok: true }
      },
    })
    const id = await outbox.enqueue('ticket', { subject: '' })
    await vi.advanceTimersByTimeAsync(60 * 60_000)
    expect(keys).toHaveLength(1)
    const [job] = await outbox.list()
    expect(job).toMatchObject({
      id,
      state: 'rejected',
      lastError: { code: 'rejected', fields: [{ field: 'subject', code: 'required' }] },
    })

    await outbox.retry(id, { subject: '' })
    await vi.advanceTimersByTimeAsync(0)
    expect(keys[1]).toBe(keys[0])

    reject = false
    await outbox.retry(id, { subject: 'Top-up failed' })
    await vi.advanceTimersByTimeAsync(0)
    expect(keys).toHaveLength(3)
    expect(keys[2]).not.toBe(keys[0])
    expect(await outbox.list()).toEqual([])
    outbox.dispose()
  })

  it('an edit of a job whose answer was lost is refused: same payload, same key (a new key could be a second ticket)', async () => {
    const keys: string[] = []
    const bodies: unknown[] = []
    const { outbox } = makeOutbox({
      random: () => 0.999,
      send: async (job, ctx) => {
        keys.push(ctx.idempotencyKey)
        bodies.push(job.payload)
        if (keys.length === 1) throw new TimeoutError()
        return { ok: true }
      },
    })
    const id = await outbox.enqueue('ticket', { subject: 'refund missing' })
    await vi.advanceTimersByTimeAsync(0)
    expect((await outbox.list())[0]).toMatchObject({ state: 'reconcile', attempts: 1 })
    expect(await outbox.retry(id, { subject: 'edited' })).toBe(false)
    expect((await outbox.list())[0]?.payload).toEqual({ subject: 'refund missing' })
    // Unchanged, it is sent now, with the key that may already have landed.
    expect(await outbox.retry(id, { subject: 'refund missing' })).toBe(true)
    await vi.advanceTimersByTimeAsync(0)
    expect(keys).toEqual([keys[0], keys[0]])
    expect(bodies[1]).toEqual({ subject: 'refund missing' })
    expect(await outbox.list()).toEqual([])
    outbox.dispose()
  })

  it('a retry asked for while an attempt is in flight sends again as soon as that attempt fails', async () => {
    const answers: Array<(error?: unknown) => void> = []
    const keys: string[] = []
    const { outbox } = makeOutbox({
      // The longest backoff the jitter allows, so "at once" cannot be a lucky short wait.
      random: () => 0.999,
      send: (_job, ctx) => {
        keys.push(ctx.idempotencyKey)
        return new Promise((resolve, reject) => answers.push((e) => (e ? reject(e) : resolve({ ok: true }))))
      },
    })
    const id = await outbox.enqueue('ticket', { subject: 'refund missing' })
    await vi.advanceTimersByTimeAsync(0)
    expect(answers).toHaveLength(1)

    // The user presses "send now" while the first attempt is still waiting for a read-only server.
    expect(await outbox.retry(id)).toBe(true)
    expect(await outbox.retry(id, { subject: 'refund missing' })).toBe(true)
    // An edit cannot join the request on the wire.
    expect(await outbox.retry(id, { subject: 'edited' })).toBe(false)
    answers[0]!(new ServerError(503))
    await vi.advanceTimersByTimeAsync(0)
    expect(answers).toHaveLength(2)
    expect(keys[1]).toBe(keys[0])
    answers[1]!()
    await vi.advanceTimersByTimeAsync(0)
    expect(await outbox.list()).toEqual([])

    // Without a retry asked for, a failed attempt waits out its backoff.
    const other = await outbox.enqueue('ticket', { subject: 'card declined' })
    await vi.advanceTimersByTimeAsync(0)
    answers[2]!(new ServerError(503))
    await vi.advanceTimersByTimeAsync(0)
    expect(answers).toHaveLength(3)
    expect((await outbox.list())[0]).toMatchObject({ id: other, state: 'failed_retryable', retryDelayMs: 999 })
    outbox.dispose()
  })

  it('deletes a job only on an explicit remove, and not while it is in flight', async () => {
    let release: (() => void) | undefined
    let fail = true
    const { outbox } = makeOutbox({
      send: async () => {
        if (fail) throw new RejectedError([], 'no', 400)
        await new Promise<void>((r) => (release = r))
        return {}
      },
    })
    const rejected = await outbox.enqueue('ticket', { a: 1 })
    await vi.advanceTimersByTimeAsync(0)
    fail = false
    const flying = await outbox.enqueue('ticket', { a: 2 })
    await vi.advanceTimersByTimeAsync(0)
    expect(await outbox.remove(flying)).toBe(false)
    expect((await outbox.list()).map((j) => j.id)).toEqual([rejected, flying])
    expect(await outbox.remove(rejected)).toBe(true)
    release?.()
    await vi.advanceTimersByTimeAsync(0)
    expect(await outbox.list()).toEqual([])
    outbox.dispose()
  })

  it('sends the jobs of one group in order, holding later ones behind a failing one', async () => {
    const sent: unknown[] = []
    let failFirst = true
    const { outbox } = makeOutbox({
      send: async (job) => {
        if (failFirst && (job.payload as { n: number }).n === 1) {
          failFirst = false
          throw new OfflineError()
        }
        sent.push(job.payload)
        return {}
      },
    })
    await outbox.enqueue('message', { n: 1 }, { group: 'conv-1' })
    await outbox.enqueue('message', { n: 2 }, { group: 'conv-1' })
    await outbox.enqueue('message', { n: 3 }, { group: 'conv-2' })
    await vi.advanceTimersByTimeAsync(0)
    expect(sent).toEqual([{ n: 3 }])
    await vi.advanceTimersByTimeAsync(60_000)
    expect(sent).toEqual([{ n: 3 }, { n: 1 }, { n: 2 }])
    outbox.dispose()
  })
})

describe('outbox triggers and lifecycle', () => {
  it('makes no attempt while offline and flushes on the online event', async () => {
    const win = new EventTarget()
    let isOnline = false
    const send = vi.fn(async () => ({}))
    const { outbox } = makeOutbox({ send, online: () => isOnline, environment: { window: win } })
    await outbox.enqueue('ticket', {})
    await vi.advanceTimersByTimeAsync(0)
    expect(send).not.toHaveBeenCalled()
    expect((await outbox.list())[0]?.state).toBe('queued')
    isOnline = true
    win.dispatchEvent(new Event('online'))
    await vi.advanceTimersByTimeAsync(0)
    expect(send).toHaveBeenCalledOnce()
    outbox.dispose()
  })

  it('clears its timers on dispose and leaves the job stored', async () => {
    const send = vi.fn(async () => {
      throw new OfflineError()
    })
    const { outbox, store } = makeOutbox({ send })
    const id = await outbox.enqueue('ticket', {})
    await vi.advanceTimersByTimeAsync(0)
    outbox.dispose()
    expect(vi.getTimerCount()).toBe(0)
    await vi.advanceTimersByTimeAsync(10 * 60_000)
    expect(send).toHaveBeenCalledOnce()
    expect(await store.get(jobKey(id))).toMatchObject({ state: 'failed_retryable' })
  })
})
