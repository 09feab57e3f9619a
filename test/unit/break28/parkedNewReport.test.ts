/**
 * The device refuses to store a report's outbox job (storage full): the job is kept in memory and
 * its draft stays on the device ("parked") until it is delivered, for a reload to find. The user
 * starts a new report of the same category meanwhile. The parked report is not written over: a
 * reload before its job went finds both reports; once delivered, only the new one is left.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { loadReportDraft, saveReportDraft, startValues, submitReport } from '../../../src/reports/flow.js'
import { memoryStore } from '../../../src/storage/index.js'
import { resilientStore } from '../../../src/storage/resilient.js'
import type { KeyValueStore } from '../../../src/storage/types.js'
import { fakeTransport } from '../../support/fakeTransport.js'
import { TX, closeAll, makeClient } from '../flows/helpers.js'

afterEach(async () => {
  await closeAll()
})

/** Full: a job is refused; the small draft records still fit. */
function fullDisk(): KeyValueStore {
  const disk = memoryStore()
  const full = () => Promise.reject(new DOMException('full', 'QuotaExceededError'))
  return {
    ...disk,
    set: (k, v) => (k.startsWith('outbox:job:') ? full() : disk.set(k, v)),
    update: (k, fn) => (k.startsWith('outbox:job:') ? full() : disk.update!(k, fn)),
  }
}

const CATEGORY = 'charged_not_received'
const PARKED = 'The coffee shop says my payment never arrived.'
const NEW = 'A second payment to the bakery failed too.'

/** A report sent while the device refuses its job, then a new report of the category typed. */
async function parkThenType(full: KeyValueStore, fake: ReturnType<typeof fakeTransport>) {
  const a = makeClient(fake, resilientStore(full)).client
  const { drafts } = await a.services()
  const values = { ...startValues(CATEGORY, TX, undefined), description: PARKED }
  await saveReportDraft(a, CATEGORY, { values, transaction: TX })
  await drafts.flush()
  const r = await submitReport(a, { category: CATEGORY, values, transaction: TX })
  expect(r.status).toBe('queued')
  // The new report, in a form opened afresh on this page.
  expect(await loadReportDraft(a, CATEGORY)).toBeUndefined()
  const next = { ...startValues(CATEGORY, TX, undefined), description: NEW }
  await saveReportDraft(a, CATEGORY, { values: next, transaction: TX })
  await drafts.flush()
  // This page sends the parked one itself: its form holds the new report only.
  expect((await loadReportDraft(a, CATEGORY))?.values.description).toBe(NEW)
  return { a, jobId: r.status === 'queued' ? r.jobId : '' }
}

describe('a new report of the category of a report parked on the device', () => {
  it('does not write over the parked one: a reload before it went finds both', async () => {
    const full = fullDisk()
    const fake = fakeTransport()
    fake.setMode('offline')
    await parkThenType(full, fake)
    await closeAll()

    const next = makeClient(fake, resilientStore(full)).client
    expect(await (await next.services()).outbox.list()).toEqual([])
    const offered = (await loadReportDraft(next, CATEGORY))?.values.description
    expect(offered).toContain(PARKED)
    expect(offered).toContain(NEW)
    // Added to the draft once: the page after that offers the same, not the parked one twice.
    await (await next.services()).drafts.flush()
    await closeAll()
    const again = makeClient(fake, resilientStore(full)).client
    expect((await loadReportDraft(again, CATEGORY))?.values.description).toBe(offered)
  })

  it('once the parked one is delivered, leaves only the new report', async () => {
    const full = fullDisk()
    const fake = fakeTransport()
    fake.setMode('offline')
    const { a, jobId } = await parkThenType(full, fake)
    fake.setMode('ok')
    const { outbox, drafts } = await a.services()
    await outbox.retry(jobId)
    await vi.waitFor(async () => expect(await outbox.list()).toEqual([]))
    await drafts.flush()
    await closeAll()

    const next = makeClient(fake, resilientStore(full)).client
    expect((await loadReportDraft(next, CATEGORY))?.values.description).toBe(NEW)
  })
})
