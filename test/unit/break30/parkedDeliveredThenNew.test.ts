/**
 * The device refuses to store a report's outbox job (storage full), offline: the job lives in
 * the page's memory and its draft is parked on the device. The network comes back and the job
 * is delivered. The user then starts a new report of the same category on that page: it is
 * saved as typed (a reload finds it), and the form is not told the report went from another
 * window (it went from this one).
 */
import { afterEach, describe, expect, it } from 'vitest'
import { loadReportDraft, saveReportDraft, startValues, watchSentElsewhere } from '../../../src/reports/flow.js'
import { resilientStore } from '../../../src/storage/resilient.js'
import { fakeTransport } from '../../support/fakeTransport.js'
import { TX, closeAll, makeClient } from '../flows/helpers.js'
import { deliverParked, fullDisk, parkReport } from '../flows/tabs.js'

afterEach(async () => {
  await closeAll()
})

const CATEGORY = 'charged_not_received'
const PARKED = 'The coffee shop says my payment never arrived.'
const NEW = 'A second payment to the bakery failed too.'

describe('a parked report delivered later, then a new report of its category on the same page', () => {
  it('is saved as typed, and not taken for a report sent elsewhere', async () => {
    const full = fullDisk()
    const fake = fakeTransport()
    fake.setMode('offline')
    const { a, jobId } = await parkReport(full, fake, CATEGORY, PARKED)
    await deliverParked(a, fake, jobId)
    const { drafts } = await a.services()

    // The form opened afresh for a new report of the category.
    let told = 0
    await watchSentElsewhere(a, CATEGORY, () => told++)
    expect(await loadReportDraft(a, CATEGORY)).toBeUndefined()
    const next = { ...startValues(CATEGORY, TX, undefined), description: NEW }
    await saveReportDraft(a, CATEGORY, { values: next, transaction: TX })
    await drafts.flush()
    expect(told).toBe(0)
    await closeAll()

    const reload = makeClient(fake, resilientStore(full)).client
    expect((await loadReportDraft(reload, CATEGORY))?.values.description).toBe(NEW)
  })
})
