/**
 * The drafts store under attack: storage refusing, then recovering; a clock set back; two tabs
 * of one device, one sending; many sends; a user switch between a pick and its write.
 */
import { describe, expect, it } from 'vitest'
import { createDrafts } from '../../../src/drafts/index.js'
import { memoryStore } from '../../../src/storage/index.js'
import { syncStorage, twoTabs } from '../../support/draftTabs.js'
import type { KeyValueStore } from '../../../src/storage/types.js'

/** A store whose writes fail while `refusing.on` (a full disk, a closed connection). */
function refusingStore(base: KeyValueStore = memoryStore()) {
  const refusing = { on: true }
  const store: KeyValueStore = {
    ...base,
    get persistent() {
      return base.persistent
    },
    get: (k) => base.get(k),
    del: (k) => base.del(k),
    keys: (p) => base.keys(p),
    set: (k, v) => (refusing.on ? Promise.reject(new DOMException('full', 'QuotaExceededError')) : base.set(k, v)),
  }
  return { store, refusing }
}

describe('a draft the store refused', () => {
  it('is in the pagehide copy: a reload finds the text though the store never took it', async () => {
    const backup = syncStorage()
    const window = new EventTarget()
    const { store } = refusingStore()
    const drafts = createDrafts(store, { debounceMs: 0, environment: { window, backup } })
    drafts.save('report', 'the shop says my payment never arrived', true)
    // The write was tried and refused; the user typed nothing since.
    expect(await drafts.stored('report')).toBe(false)
    window.dispatchEvent(new Event('pagehide'))
    const next = createDrafts(memoryStore(), { environment: { backup } })
    expect(await next.load('report')).toBe('the shop says my payment never arrived')
  })

  it('refused, then the store recovers: the next write lands and stored() says so', async () => {
    const { store, refusing } = refusingStore()
    const drafts = createDrafts(store, { debounceMs: 0, environment: {} })
    drafts.save('files', { files: ['a'] }, true)
    expect(await drafts.stored('files')).toBe(false)
    refusing.on = false
    drafts.save('files', { files: ['a', 'b'] }, true)
    expect(await drafts.stored('files')).toBe(true)
    expect(await createDrafts(store, { environment: {} }).load('files')).toEqual({ files: ['a', 'b'] })
  })
})

describe('a clock set back between two writes of one draft', () => {
  it('the pagehide copy of the newer text wins over the older stored one', async () => {
    const backup = syncStorage()
    const window = new EventTarget()
    const base = memoryStore()
    let clock = 10_000_000
    const drafts = createDrafts(base, { debounceMs: 0, now: () => clock, environment: { window, backup } })
    drafts.save('report', 'first words', true)
    await drafts.flush()
    // The device's clock is corrected (an hour back); the user types on, and the page goes
    // before the store took the new text (only the pagehide copy has it).
    clock -= 3_600_000
    const stuck: KeyValueStore = { ...base, set: () => new Promise<void>(() => undefined) }
    const later = createDrafts(stuck, { debounceMs: 60_000, now: () => clock, environment: { window, backup } })
    await later.load('report')
    later.save('report', 'first words, and what happened next')
    window.dispatchEvent(new Event('pagehide'))
    const next = createDrafts(base, { now: () => clock, environment: { backup } })
    expect(await next.load('report')).toBe('first words, and what happened next')
  })
})

/** Tab `a` sends what it holds under `key` (held while sent, cleared once queued). */
async function send(drafts: ReturnType<typeof createDrafts>, key: string) {
  const release = drafts.hold(key)
  await drafts.clear(key)
  release()
}

describe('two tabs, one sends', () => {
  it('a screenshot picked in the other tab after the send, dropped as stale, is not reported as stored', async () => {
    const { a, b, fresh } = twoTabs()
    a.drafts.save('files', { files: ['receipt'] }, true)
    await a.drafts.flush()
    expect(await b.drafts.load('files')).toEqual({ files: ['receipt'] })
    await send(a.drafts, 'files')
    // Tab B's form (opened before the send) adds a screenshot: its thumbnail shows once stored().
    b.drafts.save('files', { files: ['receipt', 'bank statement'] }, true)
    const said = await b.drafts.stored('files')
    const kept = await fresh().load('files')
    // Whatever the store does with it, the thumbnail must not claim what a reload does not find.
    expect(said ? kept : 'not claimed').toEqual(said ? { files: ['receipt', 'bank statement'] } : 'not claimed')
  })

  it('a report typed in a tab whose form was empty is its own: a send in the other tab does not drop it', async () => {
    const { a, b, fresh } = twoTabs()
    // Tab B opens the form: nothing to restore.
    expect(await b.drafts.load('report')).toBeUndefined()
    // Tab A writes and sends a report of the same kind.
    a.drafts.save('report', "tab A's report", true)
    await a.drafts.flush()
    await send(a.drafts, 'report')
    // Tab B's user types a report of their own, then reloads.
    b.drafts.save('report', "tab B's own report, never sent", true)
    await b.drafts.flush()
    expect(await fresh().load('report')).toBe("tab B's own report, never sent")
  })

  it('the sent marks stay one per key however many reports are sent', async () => {
    const { a, store } = twoTabs()
    for (let i = 0; i < 50; i++) {
      a.drafts.save('report', `report ${i}`, true)
      await a.drafts.flush()
      await send(a.drafts, 'report')
    }
    expect((await store.keys('draft:')).sort()).toEqual(['draft:report#sent'])
    expect(await store.get('draft:report#sent')).toEqual({ gen: 50 })
  })

  it('after the send, the sending tab itself saves its next report', async () => {
    const { a, fresh } = twoTabs()
    a.drafts.save('report', 'first', true)
    await a.drafts.flush()
    await send(a.drafts, 'report')
    a.drafts.save('report', 'second report, same tab', true)
    await a.drafts.flush()
    expect(await fresh().load('report')).toBe('second report, same tab')
  })
})

describe('a screenshot picked as another user signs in', () => {
  it("lands in the picker's scope, and stored() answers for that write", async () => {
    const base = memoryStore()
    let who = 'alice'
    const of = (s: string): KeyValueStore => ({
      ...base,
      get: (k) => base.get(`${s}:${k}`),
      set: (k, v) => base.set(`${s}:${k}`, v),
      del: (k) => base.del(`${s}:${k}`),
      keys: async (p = '') => (await base.keys(`${s}:${p}`)).map((k) => k.slice(s.length + 1)),
    })
    const current: KeyValueStore = {
      ...base,
      get: (k) => of(who).get(k),
      set: (k, v) => of(who).set(k, v),
      del: (k) => of(who).del(k),
      keys: (p) => of(who).keys(p),
    }
    const drafts = createDrafts(current, { scope: () => who, storeOf: of, environment: {} })
    drafts.save('files', { files: ["alice's receipt"] }, true)
    who = 'bob'
    expect(await drafts.stored('files')).toBe(true)
    expect(await of('alice').get('draft:files')).toMatchObject({ value: { files: ["alice's receipt"] } })
    expect(await of('bob').get('draft:files')).toBeUndefined()
  })
})
