/**
 * The device refuses to store a report's outbox job (storage full): the job is kept in memory and
 * its draft stays on the device ("parked") until it is delivered, for a reload to find. The user
 * starts a new report of the same category meanwhile. The parked report is not written over: a
 * reload before its job went finds both reports; once delivered, only the new one is left.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { loadReportDraft, saveReportDraft, startValues } from '../../../src/reports/flow.js'
import { resilientStore } from '../../../src/storage/resilient.js'
import type { KeyValueStore } from '../../../src/storage/types.js'
import { fakeTransport } from '../../support/fakeTransport.js'
import { TX, closeAll, makeClient } from '../flows/helpers.js'
import { deliverParked, fullDisk, parkReport } from '../flows/tabs.js'

afterEach(async () => {
  await closeAll()
})

const CATEGORY = 'charged_not_received'
const PARKED = 'The coffee shop says my payment never arrived.'
const NEW = 'A second payment to the bakery failed too.'

/** A report sent while the device refuses its job, then a new report of the category typed. */
async function parkThenType(full: KeyValueStore, fake: ReturnType<typeof fakeTransport>) {
  const { a, jobId } = await parkReport(full, fake, CATEGORY, PARKED)
  const { drafts } = await a.services()
  // The new report, in a form opened afresh on this page.
  expect(await loadReportDraft(a, CATEGORY)).toBeUndefined()
  const next = { ...startValues(CATEGORY, TX, undefined), description: NEW }
  await saveReportDraft(a, CATEGORY, { values: next, transaction: TX })
  await drafts.flush()
  // This page sends the parked one itself: its form holds the new report only.
  expect((await loadReportDraft(a, CATEGORY))?.values.description).toBe(NEW)
  return { a, jobId }
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
    await deliverParked(a, fake, jobId)
    await closeAll()

    const next = makeClient(fake, resilientStore(full)).client
    expect((await loadReportDraft(next, CATEGORY))?.values.description).toBe(NEW)
  })
})
