/**
 * The storage probe's clean-up of probe keys left by pages closed mid-probe (a key more than an
 * hour from the clock). Tabs of one device share its clock, but the clock can jump by hours
 * (network time fixing a wrong clock) while one tab is probing on a slow device.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { memoryStore, openStore } from '../../../src/storage/index.js'
import type { KeyValueStore } from '../../../src/storage/types.js'

afterEach(() => {
  vi.useRealTimers()
})

describe('a tab probing while the device clock jumps forward by hours', () => {
  it("keeps its device storage when another tab's probe takes its live probe key for a leftover", async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date('2026-03-01T10:00:00Z'))
    const device = memoryStore()
    // Tab A's page is busy: its probe's read back comes late.
    let readBack = () => {}
    const late = new Promise<void>((r) => (readBack = r))
    let first = true
    const slowA: KeyValueStore = {
      ...device,
      get: async (k) => {
        if (first && k.startsWith('__probe__:')) {
          first = false
          await late
        }
        return device.get(k)
      },
    }
    const a = openStore({ createPersistent: () => slowA, timeoutMs: 60_000 })
    await vi.waitFor(async () => expect(await device.keys('__probe__:')).toHaveLength(1))

    // The clock is fixed: two hours later. Tab B opens.
    vi.setSystemTime(new Date('2026-03-01T12:00:00Z'))
    const b = await openStore({ createPersistent: () => device })
    expect(b.reason).toBeUndefined()
    // B's clean-up ran (its deletes are not awaited by the probe).
    await new Promise((r) => setTimeout(r, 0))
    readBack()

    // Tab A works: its reports and outbox jobs are on the device, not in memory only.
    expect((await a).reason).toBeUndefined()
  })
})

describe('a store whose listing of keys never answers', () => {
  it('opens on the device: the clean-up of leftovers does not hold the probe', async () => {
    const device = memoryStore()
    const stuckList: KeyValueStore = { ...device, keys: () => new Promise<string[]>(() => {}) }
    const store = await openStore({ createPersistent: () => stuckList, timeoutMs: 200 })
    expect(store.reason).toBeUndefined()
  })
})
