import type { KeyValueStore } from './types.js'

/** What went wrong with persistent storage at runtime. The data itself was not lost. */
export interface StorageWarning {
  code: 'quota_exceeded' | 'write_failed' | 'read_failed' | 'delete_failed' | 'list_failed'
  key?: string
  error: unknown
}

export type StorageWarningHandler = (warning: StorageWarning) => void

/** QuotaExceededError has several spellings across engines (Firefox used its own name and code). */
export function isQuotaError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false
  const { name, code } = error as { name?: unknown; code?: unknown }
  return name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED' || code === 22 || code === 1014
}

/** A store that may have degraded: `memoryKeys()` lists what only lives in memory now. */
export interface ResilientStore extends KeyValueStore {
  memoryKeys(): string[]
}

/**
 * Wraps a persistent store so runtime failures never throw away data: a failed `set` (quota
 * exceeded, connection closed by the browser) keeps the value in memory for that key and calls
 * `onWarning`; reads see the memory copy first. A later successful write of the same key moves
 * it back to disk. `persistent` turns false while any key is memory-only, so the UI can say so.
 *
 * @example
 * const store = resilientStore(idbStore(), { onWarning: (w) => console.warn(w.code, w.key) })
 */
export function resilientStore(
  primary: KeyValueStore,
  options: { onWarning?: StorageWarningHandler } = {},
): ResilientStore {
  const overlay = new Map<string, unknown>()
  const warn = (code: StorageWarning['code'], error: unknown, key?: string) => {
    try {
      options.onWarning?.(key === undefined ? { code, error } : { code, error, key })
    } catch {
      // A faulty warning handler must not turn a handled failure into a lost write.
    }
  }

  const store: ResilientStore = {
    get persistent() {
      return primary.persistent && overlay.size === 0
    },
    memoryKeys: () => [...overlay.keys()],
    memoryOnly: (key) => overlay.has(key),
    async get<T>(key: string) {
      if (overlay.has(key)) return overlay.get(key) as T
      try {
        return await primary.get<T>(key)
      } catch (error) {
        warn('read_failed', error, key)
        return undefined
      }
    },
    async set(key, value) {
      try {
        await primary.set(key, value)
        overlay.delete(key)
      } catch (error) {
        overlay.set(key, value)
        warn(isQuotaError(error) ? 'quota_exceeded' : 'write_failed', error, key)
      }
    },
    async del(key) {
      overlay.delete(key)
      try {
        await primary.del(key)
      } catch (error) {
        warn('delete_failed', error, key)
      }
    },
    async update<T>(key: string, fn: (current: T | undefined) => T | undefined) {
      if (!overlay.has(key) && primary.update) {
        try {
          return await primary.update(key, fn)
        } catch (error) {
          warn('write_failed', error, key)
        }
      }
      // Memory-only key, or the transaction failed (nothing of it was written): read, then write.
      const current = await store.get<T>(key)
      const next = fn(current)
      if (next === current) return
      if (next === undefined) await store.del(key)
      else await store.set(key, next)
    },
    async keys(prefix = '') {
      let stored: string[] = []
      try {
        stored = await primary.keys(prefix)
      } catch (error) {
        warn('list_failed', error)
      }
      const extra = [...overlay.keys()].filter((k) => k.startsWith(prefix) && !stored.includes(k))
      return [...stored, ...extra]
    },
  }
  return store
}
