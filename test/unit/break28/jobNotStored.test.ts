/**
 * The device refuses to store a report's outbox job (storage full: the job is kept in memory
 * and sent from this page when it can). Offline, the user reloads before it went: the report
 * is still on the device, as a draft or as a job.
 *
 * The draft stays while its job is in memory only (this page no longer offers it), and goes once
 * the job is delivered: it is not offered again then.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { loadReportDraft } from '../../../src/reports/flow.js'
import { resilientStore } from '../../../src/storage/resilient.js'
import { fakeTransport } from '../../support/fakeTransport.js'
import { closeAll, makeClient } from '../flows/helpers.js'
import { deliverParked, fullDisk, parkReport } from '../flows/tabs.js'

afterEach(async () => {
  await closeAll()
})

const CATEGORY = 'charged_not_received'
const DESCRIPTION = 'The coffee shop says my payment never arrived.'

describe('a report whose outbox job the device refused to store', () => {
  it('is not lost by a reload while offline', async () => {
    const full = fullDisk()
    const fake = fakeTransport()
    fake.setMode('offline')
    const { a } = await parkReport(full, fake, CATEGORY, DESCRIPTION)
    await (await a.services()).drafts.flush()
    await closeAll()

    // Reload.
    const next = makeClient(fake, resilientStore(full)).client
    const { outbox } = await next.services()
    const jobs = await outbox.list()
    const draft = await loadReportDraft(next, CATEGORY)
    expect(jobs.length > 0 || draft?.values.description === DESCRIPTION).toBe(true)
  })
  it('is not offered again by this page, nor once it was delivered', async () => {
    const full = fullDisk()
    const fake = fakeTransport()
    fake.setMode('offline')
    const { a, jobId } = await parkReport(full, fake, CATEGORY, DESCRIPTION)
    expect(await loadReportDraft(a, CATEGORY)).toBeUndefined()

    await deliverParked(a, fake, jobId)
    await closeAll()
    expect(await loadReportDraft(makeClient(fake, resilientStore(full)).client, CATEGORY)).toBeUndefined()
  })
})
