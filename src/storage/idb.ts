import { createStore, del, get, promisifyRequest, set, type UseStore } from 'idb-keyval'
import type { KeyValueStore } from './types.js'

/** The SDK's own database, so it never collides with the host app's idb-keyval default store. */
export const IDB_DATABASE = 'help-feedback'
export const IDB_OBJECT_STORE = 'kv'

export interface IdbStoreOptions {
  /** Database name; tests use a fresh one per case. Default `help-feedback`. */
  dbName?: string
}

/**
 * A persistent {@link KeyValueStore} over idb-keyval. Keys are namespaced with `prefix` so
 * several SDK instances (or apps on one origin) can share the database.
 * Opening is lazy: nothing touches IndexedDB until the first call, and a missing `indexedDB`
 * surfaces as a rejected promise, never as a synchronous throw. Prefer {@link openStore},
 * which probes the database and falls back to memory.
 *
 * @example
 * const store = idbStore('hf:')
 * await store.set('outbox:job:1', job)
 */
export function idbStore(prefix = 'hf:', options: IdbStoreOptions = {}): KeyValueStore {
  let handle: UseStore | undefined
  const db = (): UseStore => (handle ??= createStore(options.dbName ?? IDB_DATABASE, IDB_OBJECT_STORE))
  const run = async <T>(op: (store: UseStore) => Promise<T>): Promise<T> => op(db())

  return {
    persistent: true,
    get: <T>(key: string) => run((s) => get<T>(prefix + key, s)),
    set: (key, value) => run((s) => set(prefix + key, value, s)),
    del: (key) => run((s) => del(prefix + key, s)),
    update: <T>(key: string, fn: (current: T | undefined) => T | undefined) =>
      run((s) =>
        s('readwrite', (os) => {
          const k = prefix + key
          const read = os.get(k)
          // Written from the read's callback: the transaction stays open, no other one comes between.
          read.onsuccess = () => {
            const current = read.result as T | undefined
            const next = fn(current)
            if (next === current) return
            if (next === undefined) os.delete(k)
            else os.put(next, k)
          }
          return promisifyRequest(os.transaction)
        }),
      ).then(() => undefined),
    keys: (sub = '') =>
      run((s) =>
        s('readonly', (os) => {
          const from = prefix + sub
          // A key range keeps the scan to our namespace instead of reading the whole database.
          const range = IDBKeyRange.bound(from, from + '\uffff')
          return promisifyRequest(os.getAllKeys(range))
        }),
      ).then((all) => all.map((k) => String(k).slice(prefix.length))),
  }
}
