/**
 * The page goes the moment a report is stored in the outbox, before its draft's deletion
 * reached the device (see reloadAtSend.test.ts), in the cases around it: the job delivered
 * before any draft is loaded (by the next page, or by a tab open all along), another user signed
 * in, a draft written after the send, a refused report sent again, and the report's screenshots.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { RejectedError } from '../../../src/errors/index.js'
import {
  loadReportDraft,
  reportEditKey,
  saveReportDraft,
  saveReportEdit,
  startValues,
  submitReport,
  type SubmitReportInput,
} from '../../../src/reports/flow.js'
import type { SupportClient } from '../../../src/client.js'
import { memoryStore } from '../../../src/storage/index.js'
import type { KeyValueStore } from '../../../src/storage/types.js'
import { fakeTransport } from '../../support/fakeTransport.js'
import { TX, closeAll, makeClient } from '../flows/helpers.js'

const stuck: Array<() => void> = []
const goneOnes: Array<() => void> = []
afterEach(async () => {
  // The pages that went let their writes go, so that their drafts can be closed.
  for (const back of goneOnes.splice(0)) back()
  for (const r of stuck.splice(0)) r()
  await closeAll()
})

const CATEGORY = 'charged_not_received'
const DESCRIPTION = 'The coffee shop says my payment never arrived.'
const values = () => ({ ...startValues(CATEGORY, TX, undefined), description: DESCRIPTION })
const png = () => ({ blob: new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47])]), name: 's.png', type: 'image/png' })

/**
 * A page on `device` that goes once the outbox stored its next job: its writes to the drafts
 * after that never land, and its outbox stops (the page is gone).
 */
async function pageGoneAtSend(device: KeyValueStore, fake: ReturnType<typeof fakeTransport>, outboxGoes = true) {
  let gone = false
  const never = () => new Promise<void>((r) => stuck.push(r))
  const drafted = (k: string) => gone && k.includes('draft:')
  goneOnes.push(() => (gone = false))
  const page: KeyValueStore = {
    ...device,
    get: (k) => device.get(k),
    keys: (p) => device.keys(p),
    set: (k, v) => (drafted(k) ? never() : device.set(k, v)),
    del: (k) => (drafted(k) ? never() : device.del(k)),
    update: (k, fn) => (drafted(k) ? never() : device.update!(k, fn)),
  }
  const { client } = makeClient(fake, page)
  const sv = await client.services()
  return {
    client,
    sv,
    /** Sends the report; resolves once its job is stored and the page is gone. */
    async send(req: SubmitReportInput) {
      const enqueue = sv.outbox.enqueue.bind(sv.outbox)
      const retry = sv.outbox.retry.bind(sv.outbox)
      const goes = () => {
        gone = true
        if (outboxGoes) sv.outbox.dispose()
      }
      sv.outbox.enqueue = (async (...a: Parameters<typeof enqueue>) => {
        const id = await enqueue(...a)
        goes()
        return id
      }) as typeof sv.outbox.enqueue
      sv.outbox.retry = async (...a: Parameters<typeof retry>) => {
        const taken = await retry(...a)
        goes()
        return taken
      }
      void submitReport(client, req).catch(() => undefined)
      await vi.waitFor(() => expect(gone).toBe(true))
      await new Promise((r) => setTimeout(r, 20))
    },
  }
}

/** The report left the outbox, sent as one request (attempts that failed offline reuse its key). */
const delivered = async (client: SupportClient, fake: ReturnType<typeof fakeTransport>) => {
  const { outbox } = await client.services()
  await vi.waitFor(async () => expect(await outbox.list()).toEqual([]), { timeout: 5000 })
  expect(new Set(fake.calls.createTicket.map((c) => c.key)).size).toBe(1)
}

describe('a page gone between storing a report in the outbox and deleting its draft', () => {
  it('the next page delivers the report at once, then does not offer it as a draft', async () => {
    const device = memoryStore()
    const fake = fakeTransport()
    fake.setMode('offline')
    const a = await pageGoneAtSend(device, fake)
    await saveReportDraft(a.client, CATEGORY, { values: values(), transaction: TX })
    await a.sv.drafts.flush()
    await a.send({ category: CATEGORY, values: values(), transaction: TX })

    fake.setMode('ok')
    const next = makeClient(fake, device).client
    await delivered(next, fake)
    expect(await loadReportDraft(next, CATEGORY)).toBeUndefined()
  })

  it("the page's own outbox does not deliver the report before its draft is deleted", async () => {
    const device = memoryStore()
    const fake = fakeTransport()
    // (The page's draft writes stop once the job is stored; its outbox goes on, online.)
    const a = await pageGoneAtSend(device, fake, false)
    await saveReportDraft(a.client, CATEGORY, { values: values(), transaction: TX })
    await a.sv.drafts.flush()
    await a.send({ category: CATEGORY, values: values(), transaction: TX })
    await new Promise((r) => setTimeout(r, 100))
    a.sv.outbox.dispose()

    const next = makeClient(fake, device).client
    expect(await loadReportDraft(next, CATEGORY)).toBeUndefined()
    await delivered(next, fake)
  })

  it('delivered by a tab open all along, it is not offered by a page opened after', async () => {
    const device = memoryStore()
    const fake = fakeTransport()
    fake.setMode('offline')
    const open = makeClient(fake, device).client
    await open.services()
    const a = await pageGoneAtSend(device, fake)
    await saveReportDraft(a.client, CATEGORY, { values: values(), transaction: TX })
    await a.sv.drafts.flush()
    await a.send({ category: CATEGORY, values: values(), transaction: TX })

    fake.setMode('ok')
    await (await open.services()).outbox.flush()
    await delivered(open, fake)
    const later = makeClient(fake, device).client
    expect(await loadReportDraft(later, CATEGORY)).toBeUndefined()
    await delivered(later, fake)
  })

  it("another user on the next page keeps their own draft; the sender's report is not offered when they are back", async () => {
    const device = memoryStore()
    const fake = fakeTransport()
    fake.setMode('offline')
    // Bob wrote a report of the same kind on this device earlier.
    const before = makeClient(fake, device).client
    const bsv = await before.services()
    await bsv.setUser('bob')
    await saveReportDraft(before, CATEGORY, { values: { description: "Bob's own unsent report" } })
    await bsv.drafts.flush()
    await closeAll()

    const a = await pageGoneAtSend(device, fake)
    await a.sv.setUser('alice')
    await saveReportDraft(a.client, CATEGORY, { values: values(), transaction: TX })
    await a.sv.drafts.flush()
    await a.send({ category: CATEGORY, values: values(), transaction: TX })

    const next = makeClient(fake, device).client
    const sv = await next.services()
    await sv.setUser('bob')
    expect((await loadReportDraft(next, CATEGORY))?.values.description).toBe("Bob's own unsent report")
    await sv.setUser('alice')
    expect(await loadReportDraft(next, CATEGORY)).toBeUndefined()
    fake.setMode('ok')
    await sv.outbox.flush()
    await delivered(next, fake)
  })

  it('a draft another tab wrote after the send stays, and that tab goes on saving it', async () => {
    const device = memoryStore()
    const fake = fakeTransport()
    fake.setMode('offline')
    const other = makeClient(fake, device).client
    const osv = await other.services()
    const a = await pageGoneAtSend(device, fake)
    await saveReportDraft(a.client, CATEGORY, { values: values(), transaction: TX })
    await a.sv.drafts.flush()
    await a.send({ category: CATEGORY, values: values(), transaction: TX })

    // The other tab, its form empty until now, starts a second report of the same kind.
    await saveReportDraft(other, CATEGORY, { values: { description: 'A second payment vanished too.' } })
    await osv.drafts.flush()
    fake.setMode('ok')
    const next = makeClient(fake, device).client
    await delivered(next, fake)
    expect((await loadReportDraft(next, CATEGORY))?.values.description).toBe('A second payment vanished too.')
    await saveReportDraft(other, CATEGORY, { values: { description: 'A second payment vanished too, 12.80.' } })
    await osv.drafts.flush()
    const later = makeClient(fake, device).client
    expect((await loadReportDraft(later, CATEGORY))?.values.description).toBe('A second payment vanished too, 12.80.')
  })

  it('the screenshots kept with the draft are not offered either', async () => {
    const device = memoryStore()
    const fake = fakeTransport()
    fake.setMode('offline')
    const a = await pageGoneAtSend(device, fake)
    await saveReportDraft(a.client, CATEGORY, { values: values(), transaction: TX, files: [png()] })
    await a.sv.drafts.flush()
    await a.send({ category: CATEGORY, values: values(), transaction: TX, files: [png()] })

    const next = makeClient(fake, device).client
    expect(await loadReportDraft(next, CATEGORY)).toBeUndefined()
  })

  it('a refused report sent again: the corrections its job now holds are not kept beside it', async () => {
    const device = memoryStore()
    const fake = fakeTransport()
    fake.setMode({ reject: new RejectedError([{ field: 'fields.amount', code: 'limit' }], 'invalid', 422) })
    const a = await pageGoneAtSend(device, fake)
    const refused = await submitReport(a.client, { category: CATEGORY, values: values(), transaction: TX })
    if (refused.status !== 'rejected') throw new Error(refused.status)
    const fixed = { ...values(), amount: '12.80' }
    await saveReportEdit(a.client, refused.jobId, fixed)
    await a.sv.drafts.flush()
    fake.setMode('offline')
    await a.send({ category: CATEGORY, values: fixed, transaction: TX, retryJobId: refused.jobId })

    const next = makeClient(fake, device).client
    const { drafts } = await next.services()
    expect(await drafts.load(reportEditKey(refused.jobId))).toBeUndefined()
  })
})
