/**
 * Two tabs of one device with the same report's draft, offline. Tab A sends it. Tab B, whose form
 * restored the draft, goes on typing and is closed within the save's debounce (400 ms): its save
 * was never written, only its synchronous pagehide copy (`localStorage`) was, and that copy is of
 * the report sent. The next page offers what tab B typed after the send, as a new report, and
 * not the report sent: that copy keeps the draft it was typed from, and the rest is the new one.
 * The same with the device clock set back after the send (a network time correction).
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { loadReportDraft, saveReportDraft, startValues, submitReport } from '../../../src/reports/flow.js'
import { memoryStore } from '../../../src/storage/index.js'
import type { KeyValueStore } from '../../../src/storage/types.js'
import { syncStorage } from '../../support/draftTabs.js'
import { fakeTransport } from '../../support/fakeTransport.js'
import { TX, closeAll, makeClient } from '../flows/helpers.js'

const stuck: Array<() => void> = []
const revive: Array<() => void> = []
afterEach(async () => {
  vi.useRealTimers()
  vi.unstubAllGlobals()
  // The page that went lets its storage answer again, so that its drafts can be closed.
  for (const r of revive.splice(0)) r()
  for (const r of stuck.splice(0)) r()
  await closeAll()
})

const CATEGORY = 'charged_not_received'
const SENT = 'The coffee shop says my payment never arrived.'
const LATER = 'And a second payment to the bakery failed too.'

/** A page of `device` whose storage calls (of the keys `which` picks) never answer once it is `gone()`. */
function page(device: KeyValueStore, which: (key: string) => boolean = () => true) {
  let gone = false
  const never = () => new Promise<never>((r) => stuck.push(r as () => void))
  const off = (k: string) => gone && which(k)
  const kv: KeyValueStore = {
    ...device,
    get: (k) => (off(k) ? never() : device.get(k)),
    set: (k, v) => (off(k) ? never() : device.set(k, v)),
    del: (k) => (off(k) ? never() : device.del(k)),
    keys: (p) => (off(p ?? '') ? never() : device.keys(p)),
    update: (k, fn) => (off(k) ? never() : device.update!(k, fn)),
  }
  revive.push(() => void (gone = false))
  return { kv, gone: () => void (gone = true) }
}

/**
 * Tab A sends the draft (`aGone`: and goes the moment its job is stored, before deleting the
 * draft); tab B types on (`setBack`: the clock set back an hour first) and is closed before its
 * save is written. What the next page offers.
 */
async function closedAfterSend(aGone: boolean, setBack = false) {
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(new Date('2026-03-01T12:00:00Z'))
  const device = memoryStore()
  const local = syncStorage()
  vi.stubGlobal('localStorage', local)
  const fake = fakeTransport()
  fake.setMode('offline')
  const pageA = page(device, (k) => k.includes('draft:'))
  const a = makeClient(fake, pageA.kv).client
  const values = { ...startValues(CATEGORY, TX, undefined), description: SENT }
  await saveReportDraft(a, CATEGORY, { values, transaction: TX })
  await (await a.services()).drafts.flush()

  // Tab B, its own window (pagehide).
  const windowB = new EventTarget()
  vi.stubGlobal('window', windowB)
  const b = page(device)
  const tabB = makeClient(fake, b.kv).client
  await tabB.services()
  vi.stubGlobal('window', undefined)
  expect((await loadReportDraft(tabB, CATEGORY))?.values.description).toBe(SENT)

  const { outbox } = await a.services()
  if (aGone) {
    const enqueue = outbox.enqueue.bind(outbox)
    outbox.enqueue = (async (...args: Parameters<typeof enqueue>) => {
      const id = await enqueue(...args)
      pageA.gone()
      return id
    }) as typeof outbox.enqueue
    void submitReport(a, { category: CATEGORY, values, transaction: TX }).catch(() => undefined)
    await vi.waitFor(async () => expect(await device.keys('outbox:job:')).toHaveLength(1))
  } else {
    expect((await submitReport(a, { category: CATEGORY, values, transaction: TX })).status).toBe('queued')
    await (await a.services()).drafts.flush()
  }

  if (setBack) vi.setSystemTime(new Date('2026-03-01T11:00:00Z'))
  // Tab B's user types on, and closes the tab before the save is written.
  await saveReportDraft(tabB, CATEGORY, { values: { ...values, description: `${SENT} ${LATER}` }, transaction: TX })
  b.gone()
  windowB.dispatchEvent(new Event('pagehide'))
  expect([...local.m.values()].join()).toContain(LATER)

  const next = makeClient(fake, device).client
  expect(await (await next.services()).outbox.list()).toHaveLength(1)
  return (await loadReportDraft(next, CATEGORY))?.values.description
}

describe('a tab closed within the save debounce after another tab sent the draft it restored', () => {
  it('leaves what it typed after the send to the next page, not the report sent', async () => {
    expect(await closedAfterSend(false)).toBe(LATER)
  })

  it('the same when the tab that sent it went before deleting it', async () => {
    expect(await closedAfterSend(true)).toBe(LATER)
  })

  it('the same with the clock set back after the send', async () => {
    expect(await closedAfterSend(false, true)).toBe(LATER)
  })

  it('the same with the clock set back, the tab that sent it gone before deleting it', async () => {
    expect(await closedAfterSend(true, true)).toBe(LATER)
  })
})
