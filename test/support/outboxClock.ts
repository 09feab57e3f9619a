import { IDBFactory } from 'fake-indexeddb'
import { afterEach, beforeEach, vi } from 'vitest'

/** Web Locks for one realm: the lease lock used without them waits 50 ms per pass. */
function webLocks() {
  let held = false
  const request = async (_name: string, _options: unknown, fn: (lock: unknown) => Promise<unknown>) => {
    if (held) return fn(null)
    held = true
    try {
      return await fn({})
    } finally {
      held = false
    }
  }
  return { request }
}

/**
 * A fresh IndexedDB (fake-indexeddb, on the real setImmediate), Web Locks, and fake SDK timers
 * with time standing still and the jitter at its top (a first failure waits 0.99 s): a job sent
 * within `settle()` was sent because of what the test did, not because its backoff ran out.
 */
export function outboxClock(): { settle: () => Promise<void> } {
  beforeEach(() => {
    globalThis.indexedDB = new IDBFactory()
    vi.stubGlobal('navigator', { language: 'en', languages: ['en'], locks: webLocks() })
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date', 'performance'] })
    vi.spyOn(Math, 'random').mockReturnValue(0.99)
  })
  afterEach(() => {
    vi.useRealTimers()
    vi.unstubAllGlobals()
    vi.restoreAllMocks()
  })
  return {
    settle: async () => {
      for (let i = 0; i < 40; i++) {
        await vi.advanceTimersByTimeAsync(0)
        await new Promise<void>((resolve) => setImmediate(resolve))
      }
    },
  }
}
