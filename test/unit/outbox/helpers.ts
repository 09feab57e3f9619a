import { afterEach, beforeEach, vi } from 'vitest'
import {
  createOutbox,
  type OutboxEvent as SdkEvent,
  type OutboxJobBase as OutboxJob,
  type OutboxOptions,
  type SendContext,
} from '../../../src/outbox/index.js'
import { memoryStore } from '../../../src/storage/index.js'
import type { KeyValueStore } from '../../../src/storage/types.js'

/** The engine is tested with free-form jobs. */
export type OutboxEvent = SdkEvent<unknown, OutboxJob>

/** Each test of the file runs on fake timers from one fixed instant (retries and backoff run on them). */
export function useFakeClock(now = 1_700_000_000_000): void {
  beforeEach(() => {
    vi.useFakeTimers({ now })
  })
  afterEach(() => {
    vi.useRealTimers()
  })
}

/** A backend that dedups on the idempotency key, like the reference REST contract. */
export function fakeServer() {
  const byKey = new Map<string, { id: string; payload: unknown }>()
  let creates = 0
  return {
    byKey,
    get creates() {
      return creates
    },
    commit(job: OutboxJob, ctx: SendContext) {
      const hit = byKey.get(ctx.idempotencyKey)
      if (hit) return hit
      creates++
      const record = { id: `t${creates}`, payload: job.payload }
      byKey.set(ctx.idempotencyKey, record)
      return record
    },
  }
}

let counter = 0
/** Deterministic ids, so failures are readable. */
export const seqUuid = () => `00000000-0000-4000-8000-${String(++counter).padStart(12, '0')}`

/** The engine is tested with free-form jobs (any payload), not the SDK's job union. */
export type TestOutboxOptions = Partial<OutboxOptions<unknown, OutboxJob>> &
  Pick<OutboxOptions<unknown, OutboxJob>, 'send'>

/** An outbox on fake timers, no real channel, no DOM. */
export function makeOutbox(opts: TestOutboxOptions & { store?: KeyValueStore }) {
  const store = opts.store ?? memoryStore()
  const outbox = createOutbox<unknown, OutboxJob>({
    random: () => 0.5,
    uuid: seqUuid,
    channel: null,
    environment: {},
    ...opts,
    store,
  })
  return { outbox, store }
}

export const jobKey = (id: string) => `outbox:job:${id}`

/**
 * `store`, except that once armed, the second read of `key()` (a pass lists the jobs, then its
 * attempt reads the job again) holds what it read until `release()`; `atRead` resolves when that
 * read is held, so a test can change the store in between.
 */
export function holdSecondRead(store: KeyValueStore, key: () => string) {
  let reads = 0
  let armed = false
  let reached!: () => void
  const atRead = new Promise<void>((r) => (reached = r))
  let release!: () => void
  const gate = new Promise<void>((r) => (release = r))
  const held: KeyValueStore = {
    ...store,
    get: async <T>(k: string) => {
      const value = await store.get<T>(k)
      if (armed && k === key() && ++reads === 2) {
        reached()
        await gate
      }
      return value
    },
  }
  return { store: held, arm: () => void (armed = true), atRead, release }
}
