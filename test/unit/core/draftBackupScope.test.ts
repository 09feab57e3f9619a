import { afterEach, describe, expect, it, vi } from 'vitest'
import { createServices } from '../../../src/services.js'
import { memoryStore } from '../../../src/storage/index.js'
import type { KeyValueStore } from '../../../src/storage/types.js'
import { stubTransport } from '../../support/transport.js'

const transport = stubTransport()

/** A synchronous storage like localStorage, with key()/length. */
function fakeLocalStorage() {
  const items = new Map<string, string>()
  return {
    items,
    get length() {
      return items.size
    },
    key: (i: number) => [...items.keys()][i] ?? null,
    getItem: (k: string) => items.get(k) ?? null,
    setItem: (k: string, v: string) => void items.set(k, String(v)),
    removeItem: (k: string) => void items.delete(k),
    clear: () => items.clear(),
  }
}

/** The page unloads before IndexedDB writes a draft: draft writes never land. */
function unloadingStore(base: KeyValueStore): KeyValueStore {
  return {
    ...base,
    get persistent() {
      return base.persistent
    },
    set: (k, v) => (k.includes('draft:') ? new Promise<void>(() => undefined) : base.set(k, v)),
  }
}

afterEach(() => {
  vi.unstubAllGlobals()
})

async function aliceLeavesADraft(ls: ReturnType<typeof fakeLocalStorage>) {
  const win = new EventTarget()
  vi.stubGlobal('window', win)
  vi.stubGlobal('localStorage', ls)
  const disk = memoryStore()
  const page1 = await createServices({
    transport: async () => transport,
    store: unloadingStore(disk),
    userId: () => 'alice',
  })
  page1.drafts.save('report:refund', { description: 'Alice: refund of my rent to landlord Zhang, flat 12B' })
  win.dispatchEvent(new Event('pagehide'))
  page1.outbox.dispose()
  // The synchronous copy is what survived the unload.
  expect([...ls.items.values()].join()).toContain('landlord Zhang')
  return disk
}

describe('the pagehide copy of a draft (localStorage) belongs to its user', () => {
  it('is not shown to another user who signs in on the same device', async () => {
    const ls = fakeLocalStorage()
    const disk = await aliceLeavesADraft(ls)
    const page2 = await createServices({ transport: async () => transport, store: disk, userId: () => 'bob' })
    expect(await page2.drafts.load('report:refund')).toBeUndefined()
    page2.outbox.dispose()
  })

  it('is not shown after a switch to another user in the same page', async () => {
    const ls = fakeLocalStorage()
    const disk = await aliceLeavesADraft(ls)
    const page2 = await createServices({ transport: async () => transport, store: disk, userId: () => 'alice' })
    expect(await page2.drafts.load('report:refund')).toMatchObject({
      description: expect.stringContaining('landlord Zhang'),
    })
    await page2.setUser('bob')
    expect(await page2.drafts.load('report:refund')).toBeUndefined()
    page2.outbox.dispose()
  })

  it('is deleted by logout({ forget: true })', async () => {
    const ls = fakeLocalStorage()
    const disk = await aliceLeavesADraft(ls)
    const page2 = await createServices({ transport: async () => transport, store: disk, userId: () => 'alice' })
    await page2.forgetUser()
    expect([...ls.items.values()].join()).not.toContain('landlord Zhang')
    page2.outbox.dispose()
  })
})

describe('a draft the store refused stays with its user', () => {
  it('is not shown to the next user signed in on the same page', async () => {
    vi.useFakeTimers()
    try {
      const base = memoryStore()
      const refusing: KeyValueStore = {
        ...base,
        get persistent() {
          return base.persistent
        },
        set: (k, v) => (k.includes('draft:') ? Promise.reject(new Error('quota')) : base.set(k, v)),
      }
      const services = await createServices({
        transport: async () => transport,
        store: refusing,
        userId: () => 'alice',
      })
      services.drafts.save('report:refund', { description: 'Alice: refund of my rent to landlord Zhang' })
      await vi.advanceTimersByTimeAsync(1000)
      expect(await services.drafts.load('report:refund')).toMatchObject({
        description: expect.stringContaining('landlord Zhang'),
      })
      await services.setUser('bob')
      expect(await services.drafts.load('report:refund')).toBeUndefined()
      await services.setUser('alice')
      expect(await services.drafts.load('report:refund')).toMatchObject({
        description: expect.stringContaining('landlord Zhang'),
      })
      services.outbox.dispose()
    } finally {
      vi.useRealTimers()
    }
  })
})
