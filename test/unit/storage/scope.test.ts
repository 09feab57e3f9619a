import 'fake-indexeddb/auto'
import { IDBFactory } from 'fake-indexeddb'
import { beforeEach, describe, expect, it } from 'vitest'
import { idbStore, memoryStore } from '../../../src/storage/index.js'
import { IDB_DATABASE, IDB_OBJECT_STORE } from '../../../src/storage/idb.js'
import { ANONYMOUS_SCOPE, clearScope, migrateUnscoped, scopedStore, scopeOf } from '../../../src/storage/scope.js'
import { hasQueuedJobs } from '../../../widgets/host/queued.js'

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory()
})

describe('storage scopes', () => {
  it('gives each user a stable scope that does not spell out their id, and nobody the anonymous one', () => {
    expect(scopeOf('13800138000')).toBe(scopeOf('13800138000'))
    expect(scopeOf('13800138000')).not.toContain('13800138000')
    expect(scopeOf('u1')).not.toBe(scopeOf('u2'))
    expect(scopeOf(undefined)).toBe(ANONYMOUS_SCOPE)
    expect(scopeOf(null)).toBe(ANONYMOUS_SCOPE)
  })

  it("one user's drafts are invisible to the next, and come back with their owner", async () => {
    const base = memoryStore()
    let user = scopeOf('A')
    const store = scopedStore(base, () => user)
    await store.set('draft:report:x', { text: "A's" })
    user = scopeOf('B')
    expect(await store.get('draft:report:x')).toBeUndefined()
    expect(await store.keys('draft:')).toEqual([])
    user = scopeOf('A')
    expect(await store.get('draft:report:x')).toEqual({ text: "A's" })
    expect(await store.keys('draft:')).toEqual(['draft:report:x'])
  })

  it('moves data of earlier versions into the first scope once, and clearScope forgets only that scope', async () => {
    const base = memoryStore()
    await base.set('draft:report:x', { value: 'legacy' })
    await base.set('chat:current', 'c1')
    await base.set('outbox:job:1', { id: '1' })
    expect(await migrateUnscoped(base, scopeOf('A'))).toBe(2)
    expect(await migrateUnscoped(base, scopeOf('B'))).toBe(0)
    const a = scopedStore(base, () => scopeOf('A'))
    expect(await a.get('chat:current')).toBe('c1')
    expect(await base.get('draft:report:x')).toBeUndefined()
    // Jobs carry their author instead and stay where the outbox looks for them.
    expect(await base.get('outbox:job:1')).toEqual({ id: '1' })
    await scopedStore(base, () => scopeOf('B')).set('draft:y', 1)
    expect(await clearScope(base, scopeOf('A'))).toBe(2)
    expect(await scopedStore(base, () => scopeOf('B')).get('draft:y')).toBe(1)
  })
})

describe("the entry's check for queued jobs", () => {
  it('finds a job the outbox stored through idb-keyval, and nothing on a fresh device without breaking the later open', async () => {
    expect(await hasQueuedJobs()).toBe(false)
    const store = idbStore()
    await store.set('draft:x', 1)
    expect(await hasQueuedJobs()).toBe(false)
    await store.set('outbox:job:1', { id: '1' })
    expect(await hasQueuedJobs()).toBe(true)
    expect([IDB_DATABASE, IDB_OBJECT_STORE]).toEqual(['help-feedback', 'kv'])
  })

  it('answers false when IndexedDB is missing or open throws', async () => {
    ;(globalThis as { indexedDB?: unknown }).indexedDB = undefined
    expect(await hasQueuedJobs()).toBe(false)
    ;(globalThis as { indexedDB?: unknown }).indexedDB = {
      open: () => {
        throw new DOMException('blocked', 'SecurityError')
      },
    }
    expect(await hasQueuedJobs()).toBe(false)
  })
})
