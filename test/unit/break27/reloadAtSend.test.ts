/**
 * The page goes (a reload, the app killed) the moment a report is stored in the outbox, before
 * its draft's deletion reached the device's storage: the report is on its way, and must not be
 * offered again as a draft by the next page.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { loadReportDraft, saveReportDraft, startValues, submitReport } from '../../../src/reports/flow.js'
import { memoryStore } from '../../../src/storage/index.js'
import type { KeyValueStore } from '../../../src/storage/types.js'
import { fakeTransport } from '../../support/fakeTransport.js'
import { TX, closeAll, makeClient } from '../flows/helpers.js'

afterEach(async () => {
  await closeAll()
})

const CATEGORY = 'charged_not_received'
const values = () => ({
  ...startValues(CATEGORY, TX, undefined),
  description: 'The coffee shop says my payment never arrived.',
})

describe('a reload right after the report was stored in the outbox', () => {
  it('the next page does not offer the report already on its way as a draft', async () => {
    const device = memoryStore()
    // The first page's writes to the drafts after the job was stored never land: it is gone.
    let gone = false
    // (Let go after the test, so that the first page's drafts can be closed.)
    const stuck: Array<() => void> = []
    const never = () => new Promise<void>((r) => stuck.push(r))
    const page: KeyValueStore = {
      ...device,
      get: (k) => device.get(k),
      keys: (p) => device.keys(p),
      set: (k, v) => (gone && k.includes('draft:') ? never() : device.set(k, v)),
      del: (k) => (gone && k.includes('draft:') ? never() : device.del(k)),
    }
    const fake = fakeTransport()
    // Offline: the job waits in the outbox (the next page delivers it).
    fake.setMode('offline')
    const { client } = makeClient(fake, page)
    const { drafts, outbox } = await client.services()
    await saveReportDraft(client, CATEGORY, { values: values(), transaction: TX })
    await drafts.flush()
    const enqueue = outbox.enqueue.bind(outbox)
    outbox.enqueue = (async (...a: Parameters<typeof enqueue>) => {
      const id = await enqueue(...a)
      gone = true
      return id
    }) as typeof outbox.enqueue
    void submitReport(client, { category: CATEGORY, values: values(), transaction: TX })
    await vi.waitFor(() => expect(gone).toBe(true))
    await new Promise((r) => setTimeout(r, 50))

    // The next page, on the same device: the job is there (and will be delivered).
    const next = makeClient(fake, device).client
    const jobs = await (await next.services()).outbox.list()
    expect(jobs.length + fake.calls.createTicket.length).toBeGreaterThan(0)
    const offered = (await loadReportDraft(next, CATEGORY))?.values.description
    gone = false
    for (const r of stuck) r()
    expect(offered).toBeUndefined()
  })
})
