import 'fake-indexeddb/auto'
import { IDBFactory } from 'fake-indexeddb'
import { afterEach, beforeEach } from 'vitest'
import type { SupportClient } from '../../src/client.js'

/**
 * One device per test (a fresh fake IndexedDB), and the clients a test opens on it: pushed to
 * the returned list, each has its drafts flushed and is destroyed after the test.
 */
export function devicePerTest(): SupportClient[] {
  const clients: SupportClient[] = []
  beforeEach(() => {
    globalThis.indexedDB = new IDBFactory()
  })
  afterEach(async () => {
    for (const c of clients.splice(0)) {
      await (await c.services()).drafts.dispose()
      c.destroy()
    }
  })
  return clients
}
