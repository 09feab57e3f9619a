import { afterEach, describe, expect, it, vi } from 'vitest'
import { memoryStore, openStore, resilientStore, type StorageWarning } from '../../../src/storage/index.js'
import type { KeyValueStore } from '../../../src/storage/types.js'

afterEach(() => {
  vi.useRealTimers()
})

const quotaError = () => Object.assign(new Error('The quota has been exceeded.'), { name: 'QuotaExceededError' })

/** A persistent store whose writes fail while `full` is true. */
function fullDisk(): KeyValueStore & { full: boolean } {
  const inner = memoryStore()
  const store = {
    persistent: true,
    full: true,
    get: inner.get,
    del: inner.del,
    keys: inner.keys,
    async set(key: string, value: unknown) {
      if (store.full) throw quotaError()
      await inner.set(key, value)
    },
  }
  return store
}

describe('openStore fallback', () => {
  it('keeps the device for two widgets that open storage at once (no memory-only fallback)', async () => {
    // Two widgets on one page (or two tabs) probe the same database at the same time.
    const shared = memoryStore()
    const open = () => openStore({ createPersistent: () => shared })
    const [a, b] = await Promise.all([open(), open()])
    expect([a.reason, b.reason]).toEqual([undefined, undefined])
  })

  it('falls back to memory when IndexedDB does not exist', async () => {
    expect(typeof indexedDB).toBe('undefined')
    const store = await openStore()
    expect(store.persistent).toBe(false)
    expect(store.reason).toBe('unsupported')
    await store.set('draft:a', { text: 'still works' })
    expect(await store.get('draft:a')).toEqual({ text: 'still works' })
  })

  it('falls back when the probe hangs (WebViews that never settle indexedDB.open)', async () => {
    vi.useFakeTimers()
    const hanging: KeyValueStore = {
      persistent: true,
      get: () => new Promise(() => {}),
      set: () => new Promise(() => {}),
      del: () => new Promise(() => {}),
      keys: () => new Promise(() => {}),
    }
    const opening = openStore({ createPersistent: () => hanging, timeoutMs: 2000 })
    await vi.advanceTimersByTimeAsync(2000)
    const store = await opening
    expect(store.persistent).toBe(false)
    expect(store.reason).toBe('timeout')
  })

  it('falls back when opening or writing the probe fails', async () => {
    const store = await openStore({ createPersistent: () => fullDisk() })
    expect(store.persistent).toBe(false)
    expect(store.reason).toBe('open_failed')
  })

  it('falls back when the probe reads back something else', async () => {
    const liar: KeyValueStore = { ...memoryStore(), persistent: true, get: async () => 'stale' as never }
    expect((await openStore({ createPersistent: () => liar })).reason).toBe('probe_mismatch')
  })
})

describe('resilientStore at runtime', () => {
  it('keeps data in memory and warns when a write hits the quota', async () => {
    const disk = fullDisk()
    disk.full = false
    const warnings: StorageWarning[] = []
    const store = resilientStore(disk, { onWarning: (w) => warnings.push(w) })
    await store.set('outbox:job:1', { v: 1 })
    expect(store.persistent).toBe(true)

    disk.full = true
    await expect(store.set('outbox:job:2', { v: 2 })).resolves.toBeUndefined()
    expect(await store.get('outbox:job:2')).toEqual({ v: 2 })
    expect((await store.keys('outbox:job:')).sort()).toEqual(['outbox:job:1', 'outbox:job:2'])
    expect(warnings).toEqual([expect.objectContaining({ code: 'quota_exceeded', key: 'outbox:job:2' })])
    expect(store.persistent).toBe(false)
    expect(store.memoryKeys()).toEqual(['outbox:job:2'])

    // Space freed: the next write of that key goes back to disk.
    disk.full = false
    await store.set('outbox:job:2', { v: 3 })
    expect(await disk.get('outbox:job:2')).toEqual({ v: 3 })
    expect(store.persistent).toBe(true)
  })

  it('openStore wraps the probed store so runtime quota errors degrade instead of throwing', async () => {
    const disk = fullDisk()
    disk.full = false
    const warnings: StorageWarning[] = []
    const store = await openStore({ createPersistent: () => disk, onWarning: (w) => warnings.push(w) })
    expect(store.persistent).toBe(true)
    disk.full = true
    await store.set('draft:r', 'text')
    expect(await store.get('draft:r')).toBe('text')
    expect(warnings.map((w) => w.code)).toEqual(['quota_exceeded'])
    expect(store.persistent).toBe(false)
  })
})

describe('memoryStore', () => {
  it('stores a copy, as IndexedDB would', async () => {
    const store = memoryStore()
    const value = { text: 'a' }
    await store.set('k', value)
    value.text = 'mutated'
    expect(await store.get('k')).toEqual({ text: 'a' })
  })
})
