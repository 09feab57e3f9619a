import { describe, expect, it, vi } from 'vitest'
import { TimeoutError } from '../../../src/errors/index.js'
import {
  createOutbox,
  leaseLock,
  localLock,
  webLocksLock,
  type OutboxChannelMessage,
  type OutboxJobBase as OutboxJob,
  type SendContext,
} from '../../../src/outbox/index.js'
import { memoryStore, resilientStore } from '../../../src/storage/index.js'
import { fakeServer, jobKey, makeOutbox, useFakeClock } from './helpers.js'

useFakeClock()

describe('outbox across reloads', () => {
  it('resends a job the previous page left in "sending" with the same key; the server dedups', async () => {
    const store = memoryStore()
    const server = fakeServer()
    const keys: string[] = []
    // Page 1: the request reaches the server, but the page dies before the answer.
    const page1 = makeOutbox({
      store,
      send: async (job, ctx) => {
        keys.push(ctx.idempotencyKey)
        server.commit(job, ctx)
        return new Promise(() => {})
      },
    })
    const id = await page1.outbox.enqueue('ticket', { subject: 'unauthorized charge' })
    await vi.advanceTimersByTimeAsync(0)
    page1.outbox.dispose()
    expect(await store.get<OutboxJob>(jobKey(id))).toMatchObject({ state: 'sending' })

    const page2 = makeOutbox({
      store,
      send: async (job, ctx) => {
        keys.push(ctx.idempotencyKey)
        return server.commit(job, ctx)
      },
    })
    await vi.advanceTimersByTimeAsync(0)
    expect(keys).toHaveLength(2)
    expect(keys[1]).toBe(keys[0])
    expect(server.creates).toBe(1)
    expect(await page2.outbox.list()).toEqual([])
    page2.outbox.dispose()
  })

  it('asks reconcile before re-sending an attempted job, and skips the send when it finds it', async () => {
    const store = memoryStore()
    const created = new Map<string, { id: string }>() // a backend without idempotency
    const send = vi.fn(async (job: OutboxJob, ctx: SendContext) => {
      created.set(ctx.idempotencyKey, { id: `t${created.size + 1}` })
      throw new TimeoutError() // committed, but the answer was lost
    })
    const reconcile = vi.fn(async (job: OutboxJob) => created.get(job.idempotencyKey))
    const sent: unknown[] = []
    const { outbox } = makeOutbox({ store, send, reconcile, onChange: (e) => e.type === 'sent' && sent.push(e.result) })
    await outbox.enqueue('ticket', { subject: 'x' })
    await vi.advanceTimersByTimeAsync(0)
    expect(reconcile).not.toHaveBeenCalled() // first attempt: nothing to reconcile
    await vi.advanceTimersByTimeAsync(60_000)
    expect(reconcile).toHaveBeenCalledOnce()
    expect(send).toHaveBeenCalledOnce()
    expect(created.size).toBe(1)
    expect(sent).toEqual([{ id: 't1' }])
    expect(await outbox.list()).toEqual([])
    outbox.dispose()
  })
})

describe('outbox across tabs', () => {
  it('lets one instance send at a time and never sends a job twice', async () => {
    const store = memoryStore()
    const lock = localLock()
    const server = fakeServer()
    const sends: string[] = []
    let active = 0
    let maxActive = 0
    const send = async (job: OutboxJob, ctx: SendContext) => {
      active++
      maxActive = Math.max(maxActive, active)
      sends.push(ctx.idempotencyKey)
      await new Promise((r) => setTimeout(r, 100))
      active--
      return server.commit(job, ctx)
    }
    const a = makeOutbox({ store, lock, send })
    const b = makeOutbox({ store, lock, send })
    for (let i = 0; i < 5; i++) {
      await a.outbox.enqueue('ticket', { from: 'a', i })
      await b.outbox.enqueue('ticket', { from: 'b', i })
    }
    for (let t = 0; t < 40; t++) {
      void a.outbox.flush()
      void b.outbox.flush()
      await vi.advanceTimersByTimeAsync(50)
    }
    await vi.advanceTimersByTimeAsync(30_000)
    expect(maxActive).toBe(1)
    expect(sends).toHaveLength(10)
    expect(new Set(sends).size).toBe(10)
    expect(server.creates).toBe(10)
    expect(await a.outbox.list()).toEqual([])
    a.outbox.dispose()
    b.outbox.dispose()
  })

  it('lease lock: refuses while held, frees on release, and can be taken over once expired', async () => {
    const store = memoryStore()
    const tabA = leaseLock(store, { ttlMs: 10_000, settleMs: 0 })
    const tabB = leaseLock(store, { ttlMs: 10_000, settleMs: 0 })
    let release: () => void = () => {}
    const holding = tabA.run(() => new Promise<void>((r) => (release = r)))
    await vi.advanceTimersByTimeAsync(0)
    expect(await tabB.run(async () => {})).toBe(false)
    // Renewals keep a live holder's lease valid well past the ttl.
    await vi.advanceTimersByTimeAsync(25_000)
    expect(await tabB.run(async () => {})).toBe(false)
    release()
    expect(await holding).toBe(true)
    expect(await tabB.run(async () => {})).toBe(true)

    // A tab that died holding the lease stops renewing; after the ttl another tab takes over.
    await store.set('outbox:lease', { owner: 'dead-tab', expiresAt: Date.now() + 10_000 })
    expect(await tabB.run(async () => {})).toBe(false)
    await vi.advanceTimersByTimeAsync(10_001)
    expect(await tabB.run(async () => {})).toBe(true)
  })
})

describe('outbox across tabs: handing the lock over', () => {
  /** Timers that never fire: the 5 s look-again after a busy lock cannot be what sends the job. */
  const parked = { setTimeout: () => undefined, clearTimeout: () => undefined }

  it('an outbox disposed during its pass still says "released" when the pass ends, so the next one sends at once', async () => {
    // Real BroadcastChannel messages between two outboxes on one persistent store (a widget
    // destroyed and mounted again on the same page).
    vi.useRealTimers()
    const store = { ...memoryStore(), persistent: true }
    const lock = localLock()
    let finish: () => void = () => {}
    const gate = new Promise<void>((r) => (finish = r))
    const sentA: unknown[] = []
    // No `channel` given: each makes its own BroadcastChannel, as in the SDK.
    const a = createOutbox<unknown, OutboxJob>({
      store,
      lock,
      environment: {},
      send: async (job) => {
        sentA.push(job.payload)
        await gate // the request ignores the abort: the pass holds the lock until it returns
        return {}
      },
    })
    await a.enqueue('ticket', { from: 'a' })
    await vi.waitFor(() => expect(sentA).toHaveLength(1))
    const sentB: unknown[] = []
    const b = createOutbox<unknown, OutboxJob>({
      store,
      lock,
      environment: {},
      timers: parked,
      send: async (job) => {
        sentB.push(job.payload)
        return {}
      },
    })
    await b.enqueue('ticket', { from: 'b' })
    a.dispose()
    finish()
    await vi.waitFor(() => expect(sentB).toEqual([{ from: 'b' }]), { timeout: 10_000 })
    b.dispose()
  })

  it('a "released" that arrives while the lock is being tried is not missed', async () => {
    const listeners: Array<(m: OutboxChannelMessage) => void> = []
    const channel = {
      post: () => {},
      subscribe(listener: (m: OutboxChannelMessage) => void) {
        listeners.push(listener)
        return () => {}
      },
    }
    let tries = 0
    const lock = {
      async run(fn: () => Promise<void>) {
        if (++tries > 1) {
          await fn()
          return true
        }
        // The holder finishes and tells the others between this page's look and its answer.
        await Promise.resolve()
        for (const listener of listeners) listener({ type: 'released' })
        return false
      },
    }
    const sent: unknown[] = []
    const { outbox } = makeOutbox({
      lock,
      channel,
      timers: parked,
      autoStart: false,
      send: async (job) => {
        sent.push(job.payload)
        return {}
      },
    })
    await outbox.enqueue('ticket', { n: 1 })
    await vi.advanceTimersByTimeAsync(0)
    expect(tries).toBe(2)
    expect(sent).toEqual([{ n: 1 }])
    outbox.dispose()
  })
})

describe('outbox start-up and storage trouble', () => {
  it('shows jobs left by an earlier page even while another tab holds the lock', async () => {
    const store = memoryStore()
    const lock = localLock()
    let release: () => void = () => {}
    const holder = lock.run(() => new Promise<void>((r) => (release = r)))
    await store.set(jobKey('old'), {
      id: 'old',
      kind: 'ticket',
      payload: { subject: 'from yesterday' },
      idempotencyKey: 'k-old',
      attempts: 1,
      nextAttemptAt: 0,
      state: 'rejected',
      lastError: { code: 'rejected', message: 'invalid' },
      createdAt: 1,
      updatedAt: 1,
      seq: 0,
    } satisfies OutboxJob)
    const send = vi.fn(async () => ({}))
    const { outbox } = makeOutbox({ store, lock, send })
    await vi.advanceTimersByTimeAsync(0)
    expect(outbox.snapshot().map((j) => [j.id, j.state])).toEqual([['old', 'rejected']])
    expect(send).not.toHaveBeenCalled()
    release()
    await holder
    outbox.dispose()
  })

  it('still queues and delivers when the disk is full (kept in memory, warning emitted)', async () => {
    const disk = {
      ...memoryStore(),
      persistent: true,
      set: async () => Promise.reject(Object.assign(new Error('full'), { name: 'QuotaExceededError' })),
    }
    const warnings: string[] = []
    const store = resilientStore(disk, { onWarning: (w) => warnings.push(w.code) })
    const server = fakeServer()
    const { outbox } = makeOutbox({ store, lock: localLock(), send: async (job, ctx) => server.commit(job, ctx) })
    const id = await outbox.enqueue('ticket', { subject: 'wrong amount' })
    expect(await store.get(jobKey(id))).toMatchObject({ payload: { subject: 'wrong amount' } })
    await vi.advanceTimersByTimeAsync(0)
    expect(server.creates).toBe(1)
    expect(warnings[0]).toBe('quota_exceeded')
    outbox.dispose()
  })

  it('web locks: runs nothing when the lock is taken elsewhere', async () => {
    const busy = {
      request: async (_n: string, _o: unknown, cb: (lock: null) => unknown) => cb(null),
    } as unknown as LockManager
    const free = {
      request: async (_n: string, _o: unknown, cb: (lock: object) => unknown) => cb({}),
    } as unknown as LockManager
    const fn = vi.fn(async () => {})
    expect(await webLocksLock('hf-outbox', busy).run(fn)).toBe(false)
    expect(fn).not.toHaveBeenCalled()
    expect(await webLocksLock('hf-outbox', free).run(fn)).toBe(true)
    expect(fn).toHaveBeenCalledOnce()
  })
})
