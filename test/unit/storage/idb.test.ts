import 'fake-indexeddb/auto'
import { describe, expect, it } from 'vitest'
import { idbStore, openStore } from '../../../src/storage/index.js'

let n = 0
const freshDb = () => `hf-test-${++n}-${Math.random()}`

describe('idbStore', () => {
  it('round-trips values and survives a reload (a new store on the same database)', async () => {
    const dbName = freshDb()
    const first = idbStore('hf:', { dbName })
    await first.set('outbox:job:1', { payload: { subject: '转账失败' }, attempts: 2 })
    const afterReload = idbStore('hf:', { dbName })
    expect(afterReload.persistent).toBe(true)
    expect(await afterReload.get('outbox:job:1')).toEqual({ payload: { subject: '转账失败' }, attempts: 2 })
  })

  it('lists keys by prefix inside its own namespace only', async () => {
    const dbName = freshDb()
    const a = idbStore('hf:', { dbName })
    const other = idbStore('other:', { dbName })
    await a.set('outbox:job:1', 1)
    await a.set('outbox:job:2', 2)
    await a.set('draft:x', 3)
    await other.set('outbox:job:9', 9)
    expect((await a.keys('outbox:job:')).sort()).toEqual(['outbox:job:1', 'outbox:job:2'])
    expect((await a.keys()).sort()).toEqual(['draft:x', 'outbox:job:1', 'outbox:job:2'])
    await a.del('outbox:job:1')
    expect(await a.get('outbox:job:1')).toBeUndefined()
    expect(await other.get('outbox:job:9')).toBe(9)
  })
})

describe('openStore with IndexedDB available', () => {
  it('probes successfully and returns a persistent store without a fallback reason', async () => {
    const store = await openStore({ prefix: `p${++n}:` })
    expect(store.persistent).toBe(true)
    expect(store.reason).toBeUndefined()
    await store.set('k', 'v')
    expect(await store.get('k')).toBe('v')
    expect(await store.keys()).toEqual(['k']) // the probe key is cleaned up
  })
})

describe('openStore: probe keys left behind', () => {
  const HOUR = 3_600_000

  it('removes the probe keys of pages closed mid-probe, keeps one another page is probing with now', async () => {
    const dbName = freshDb()
    const device = idbStore('hf:', { dbName })
    const now = Date.now()
    const live = `__probe__:${now}:0.3`
    await device.set(`__probe__:${now - 2 * HOUR}:0.1`, 'closed mid-probe')
    // Written before the device clock was set back by hours.
    await device.set(`__probe__:${now + 2 * HOUR}:0.2`, 'closed mid-probe')
    await device.set(live, 'another tab, probing now')

    const store = await openStore({ createPersistent: (prefix) => idbStore(prefix, { dbName }) })
    expect(store.reason).toBeUndefined()
    expect(await idbStore('hf:', { dbName }).keys('__probe__:')).toEqual([live])
  })

  it('two stores opening at once over leftovers: both keep the device, and no probe key is left', async () => {
    const dbName = freshDb()
    await idbStore('hf:', { dbName }).set(`__probe__:${Date.now() - 2 * HOUR}:0.1`, 'closed mid-probe')
    const open = () => openStore({ createPersistent: (prefix) => idbStore(prefix, { dbName }) })
    const [a, b] = await Promise.all([open(), open()])
    expect([a.reason, b.reason]).toEqual([undefined, undefined])
    expect(await idbStore('hf:', { dbName }).keys('__probe__:')).toEqual([])
  })
})
