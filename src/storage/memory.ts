import type { KeyValueStore } from './types.js'

/**
 * Clone on the way in and out so a memory store behaves like IndexedDB: a caller that mutates
 * an object after `set` must not change what was stored. Values that cannot be cloned are kept
 * by reference rather than refused, because losing a user's text is worse than aliasing.
 */
function copy<T>(value: T): T {
  try {
    return structuredClone(value)
  } catch {
    return value
  }
}

/**
 * A {@link KeyValueStore} held in memory. Used in tests and as the fallback when IndexedDB is
 * unavailable; `persistent` is false so the UI can tell the user data will not survive a reload.
 *
 * @example
 * const store = memoryStore()
 * await store.set('draft:report', { text: 'charged twice' })
 */
export function memoryStore(): KeyValueStore {
  const map = new Map<string, unknown>()
  return {
    persistent: false,
    async get<T>(key: string) {
      return map.has(key) ? copy(map.get(key) as T) : undefined
    },
    async set(key, value) {
      map.set(key, copy(value))
    },
    async del(key) {
      map.delete(key)
    },
    async keys(prefix = '') {
      return [...map.keys()].filter((k) => k.startsWith(prefix))
    },
    async update<T>(key: string, fn: (current: T | undefined) => T | undefined) {
      const current = map.has(key) ? copy(map.get(key) as T) : undefined
      const next = fn(current)
      if (next === current) return
      if (next === undefined) map.delete(key)
      else map.set(key, copy(next))
    },
  }
}
