/**
 * Whether the outbox holds jobs from an earlier page, read straight from IndexedDB so the
 * entry need not load idb-keyval or the core to find out. Resolves false on any failure: the
 * panel's own start-up still recovers the jobs when the user opens it.
 * Same database and object store as `src/storage/idb.ts` (kept in step by a unit test).
 */
export function hasQueuedJobs(): Promise<boolean> {
  return new Promise((resolve) => {
    const no = () => resolve(false)
    try {
      const request = indexedDB.open('help-feedback')
      // A first visit creates the store as idb-keyval would, so its later open finds it.
      request.onupgradeneeded = () => request.result.createObjectStore('kv')
      request.onerror = no
      request.onsuccess = () => {
        const db = request.result
        try {
          const from = 'hf:outbox:job:'
          const count = db
            .transaction('kv', 'readonly')
            .objectStore('kv')
            .count(IDBKeyRange.bound(from, from + '\uffff'))
          count.onsuccess = () => resolve(count.result > 0)
          count.onerror = no
        } catch {
          no()
        }
        db.close()
      }
    } catch {
      no()
    }
  })
}
