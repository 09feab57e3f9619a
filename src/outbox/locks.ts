import type { KeyValueStore } from '../storage/types.js'
import { randomUuid } from './policy.js'
import type { OutboxChannel, OutboxChannelMessage, OutboxLock, OutboxTimers } from './types.js'

/** Web Lock name shared by every tab of the origin. */
export const OUTBOX_LOCK_NAME = 'hf-outbox'

/**
 * A lock for one JavaScript realm. Right when the store is memory (nothing is shared across
 * tabs anyway) and in tests, where several outboxes in one process share it.
 *
 * @example
 * const lock = localLock(); createOutbox({ store, send, lock }); createOutbox({ store, send, lock })
 */
export function localLock(): OutboxLock {
  let held = false
  return {
    async run(fn) {
      if (held) return false
      held = true
      try {
        await fn()
      } finally {
        held = false
      }
      return true
    },
  }
}

/**
 * Web Locks: the browser releases the lock when the holding tab dies, so a crashed tab never
 * blocks the others. `ifAvailable` means a busy lock is skipped, not awaited.
 */
export function webLocksLock(name = OUTBOX_LOCK_NAME, locks: LockManager = navigator.locks): OutboxLock {
  return {
    async run(fn) {
      return await locks.request(name, { ifAvailable: true }, async (lock) => {
        if (!lock) return false
        await fn()
        return true
      })
    },
  }
}

export interface LeaseOptions {
  key?: string
  /** A holder that stops renewing (tab killed) loses the lease after this long. Default 30 s. */
  ttlMs?: number
  /** Pause between writing the lease and reading it back, to lose gracefully to a racing tab. */
  settleMs?: number
  now?: () => number
  timers?: OutboxTimers
}

interface Lease {
  owner: string
  expiresAt: number
}

/**
 * A lease in shared storage, for browsers without Web Locks. It is best effort: two tabs can
 * in rare races both hold it. That costs at most a duplicate request, which the idempotency
 * key (or `reconcile`) absorbs; the lock only keeps tabs from racing as a rule.
 */
export function leaseLock(store: KeyValueStore, options: LeaseOptions = {}): OutboxLock {
  const key = options.key ?? 'outbox:lease'
  const ttl = options.ttlMs ?? 30_000
  const settle = options.settleMs ?? 50
  const now = options.now ?? Date.now
  const timers: OutboxTimers = options.timers ?? {
    setTimeout: (f, ms) => setTimeout(f, ms),
    clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
  }
  const me = randomUuid()
  const claim = () => store.set(key, { owner: me, expiresAt: now() + ttl } satisfies Lease)

  return {
    async run(fn) {
      const current = await store.get<Lease>(key)
      if (current && current.owner !== me && current.expiresAt > now()) return false
      await claim()
      if (settle > 0) await new Promise<void>((resolve) => timers.setTimeout(resolve, settle))
      if ((await store.get<Lease>(key))?.owner !== me) return false

      let renew: unknown
      let renewing: Promise<void> = Promise.resolve()
      let stopped = false
      const heartbeat = () => {
        if (stopped) return
        renew = timers.setTimeout(() => {
          if (stopped) return
          renewing = claim().then(heartbeat, heartbeat)
        }, ttl / 3)
      }
      heartbeat()
      try {
        await fn()
      } finally {
        stopped = true
        timers.clearTimeout(renew)
        // A renewal already on its way must land before the release, not resurrect the lease after it.
        await renewing
        if ((await store.get<Lease>(key))?.owner === me) await store.del(key)
      }
      return true
    },
  }
}

/** Web Locks when present, else a lease in the (shared) store; memory stores get an in-tab lock. */
export function defaultLock(store: KeyValueStore, options: LeaseOptions = {}): OutboxLock {
  if (!store.persistent) return localLock()
  const locks = (globalThis as { navigator?: { locks?: LockManager } }).navigator?.locks
  if (locks && typeof locks.request === 'function') return webLocksLock(OUTBOX_LOCK_NAME, locks)
  return leaseLock(store, options)
}

/** Cross-tab notifications over BroadcastChannel; undefined where it does not exist. */
export function broadcastChannel(name = OUTBOX_LOCK_NAME): OutboxChannel | undefined {
  if (typeof BroadcastChannel === 'undefined') return undefined
  const bc = new BroadcastChannel(name)
  return {
    post: (message) => bc.postMessage(message),
    subscribe(listener) {
      const handler = (e: MessageEvent<OutboxChannelMessage>) => listener(e.data)
      bc.addEventListener('message', handler)
      return () => bc.removeEventListener('message', handler)
    },
    close: () => bc.close(),
  }
}
