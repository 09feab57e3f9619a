/**
 * Reports' drafts across tabs of one device (test/unit/break28, break30): a tab whose page goes in
 * the middle of a send, and a device that refuses to store a report's outbox job.
 */
import { expect, vi } from 'vitest'
import type { SupportClient } from '../../../src/client.js'
import type { SupportOptions } from '../../../src/options/index.js'
import { saveReportDraft, startValues, submitReport } from '../../../src/reports/flow.js'
import { memoryStore } from '../../../src/storage/index.js'
import { resilientStore } from '../../../src/storage/resilient.js'
import type { KeyValueStore } from '../../../src/storage/types.js'
import type { ReportCategory } from '../../../src/types.js'
import { fakeTransport } from '../../support/fakeTransport.js'
import { TX, makeClient } from './helpers.js'

type Fake = ReturnType<typeof fakeTransport>
type Report = Parameters<typeof submitReport>[1]

/** A page that can go: `go()` closes it, `gone()` tells whether it did. */
export interface GoingPage {
  store: KeyValueStore
  gone: () => boolean
  go: () => void
}

const going: Array<{ gone: boolean }> = []
const stuck: Array<() => void> = []

/**
 * A page's view of `device` that can go (its tab closed): once it went, its writes never land
 * (`'drafts'`: only those of draft records; `'all'`: every one). `releaseGonePages()` lets them
 * finish, after the test.
 */
export function goingPage(device: KeyValueStore, what: 'drafts' | 'all'): GoingPage {
  const state = { gone: false }
  going.push(state)
  const held = (k: string) => state.gone && (what === 'all' || k.includes('draft:'))
  const never = () => new Promise<void>((r) => stuck.push(r))
  const store: KeyValueStore = {
    ...device,
    set: (k, v) => (held(k) ? never() : device.set(k, v)),
    del: (k) => (held(k) ? never() : device.del(k)),
    update: (k, fn) => (held(k) ? never() : device.update!(k, fn)),
  }
  return { store, gone: () => state.gone, go: () => void (state.gone = true) }
}

/** For `afterEach`: the pages that went let their writes go, so that their drafts can be closed. */
export function releaseGonePages(): void {
  for (const p of going.splice(0)) p.gone = false
  for (const r of stuck.splice(0)) r()
}

/**
 * Two tabs of one device, offline: tab A on a page that can go (see `goingPage`), tab B on the
 * device itself. `sendAndGo` has tab A send a report and its page go; it resolves once it went:
 * `'stored'`, once its outbox stored the job (the outbox stops too); `'storing'`, the moment the
 * job is to be stored.
 */
export async function twoTabsOneGoing(what: 'drafts' | 'all') {
  const device = memoryStore()
  const fake = fakeTransport()
  fake.setMode('offline')
  const page = goingPage(device, what)
  const a = makeClient(fake, page.store).client
  const asv = await a.services()
  const b = makeClient(fake, device).client
  const sendAndGo = async (report: Report, when: 'stored' | 'storing') => {
    const enqueue = asv.outbox.enqueue.bind(asv.outbox)
    asv.outbox.enqueue = (
      when === 'stored'
        ? async (...args: Parameters<typeof enqueue>) => {
            const id = await enqueue(...args)
            page.go()
            asv.outbox.dispose()
            return id
          }
        : (...args: Parameters<typeof enqueue>) => {
            page.go()
            return enqueue(...args)
          }
    ) as typeof asv.outbox.enqueue
    void submitReport(a, report).catch(() => undefined)
    await vi.waitFor(() => expect(page.gone()).toBe(true))
  }
  return { device, fake, page, a, asv, b, sendAndGo }
}

/**
 * A device that is full: a report's outbox job (it holds the screenshots) is refused; the small
 * draft records still fit.
 */
export function fullDisk(): KeyValueStore {
  const disk = memoryStore()
  const full = () => Promise.reject(new DOMException('full', 'QuotaExceededError'))
  return {
    ...disk,
    set: (k, v) => (k.startsWith('outbox:job:') ? full() : disk.set(k, v)),
    update: (k, fn) => (k.startsWith('outbox:job:') ? full() : disk.update!(k, fn)),
  }
}

/**
 * A report typed on a page of the device `full` (see `fullDisk`) and sent, offline: its job is
 * refused by the device and kept in the page's memory, its draft parked on the device.
 */
export async function parkReport(
  full: KeyValueStore,
  fake: Fake,
  category: ReportCategory,
  description: string,
  options?: SupportOptions,
): Promise<{ a: SupportClient; jobId: string }> {
  const a = makeClient(fake, resilientStore(full), options).client
  const { drafts } = await a.services()
  const values = { ...startValues(category, TX, undefined), description }
  await saveReportDraft(a, category, { values, transaction: TX })
  await drafts.flush()
  const r = await submitReport(a, { category, values, transaction: TX })
  expect(r.status).toBe('queued')
  return { a, jobId: r.status === 'queued' ? r.jobId : '' }
}

/** The network comes back and page `a` delivers its parked report's job (see `parkReport`). */
export async function deliverParked(a: SupportClient, fake: Fake, jobId: string): Promise<void> {
  fake.setMode('ok')
  const { outbox, drafts } = await a.services()
  await outbox.retry(jobId)
  await vi.waitFor(async () => expect(await outbox.list()).toEqual([]))
  await drafts.flush()
}
