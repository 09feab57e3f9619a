/**
 * The device refuses to store a report's outbox job (storage full: the job is kept in memory
 * and sent from this page when it can). Offline, the user reloads before it went: the report
 * is still on the device, as a draft or as a job.
 *
 * The draft stays while its job is in memory only (this page no longer offers it), and goes once
 * the job is delivered: it is not offered again then.
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

/** Full: a job (it holds the screenshots) is refused; the small draft records still fit. */
function fullDisk(): KeyValueStore {
  const disk = memoryStore()
  return {
    ...disk,
    set: (k, v) =>
      k.startsWith('outbox:job:') ? Promise.reject(new DOMException('full', 'QuotaExceededError')) : disk.set(k, v),
    update: (k, fn) =>
      k.startsWith('outbox:job:')
        ? Promise.reject(new DOMException('full', 'QuotaExceededError'))
        : disk.update!(k, fn),
  }
}

const CATEGORY = 'charged_not_received'
const DESCRIPTION = 'The coffee shop says my payment never arrived.'

describe('a report whose outbox job the device refused to store', () => {
  it('is not lost by a reload while offline', async () => {
    const full = fullDisk()
    const fake = fakeTransport()
    fake.setMode('offline')
    const a = makeClient(fake, resilientStore(full)).client
    const values = { ...startValues(CATEGORY, TX, undefined), description: DESCRIPTION }
    await saveReportDraft(a, CATEGORY, { values, transaction: TX })
    await (await a.services()).drafts.flush()
    expect((await submitReport(a, { category: CATEGORY, values, transaction: TX })).status).toBe('queued')
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
    const a = makeClient(fake, resilientStore(full)).client
    const values = { ...startValues(CATEGORY, TX, undefined), description: DESCRIPTION }
    await saveReportDraft(a, CATEGORY, { values, transaction: TX })
    await (await a.services()).drafts.flush()
    const r = await submitReport(a, { category: CATEGORY, values, transaction: TX })
    expect(r.status).toBe('queued')
    expect(await loadReportDraft(a, CATEGORY)).toBeUndefined()

    fake.setMode('ok')
    const { outbox } = await a.services()
    await outbox.retry(r.status === 'queued' ? r.jobId : '')
    await vi.waitFor(async () => expect(await outbox.list()).toEqual([]))
    await (await a.services()).drafts.flush()
    await closeAll()
    expect(await loadReportDraft(makeClient(fake, resilientStore(full)).client, CATEGORY)).toBeUndefined()
  })
})
