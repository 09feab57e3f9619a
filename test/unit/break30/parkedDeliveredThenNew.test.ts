/**
 * The device refuses to store a report's outbox job (storage full), offline: the job lives in
 * the page's memory and its draft is parked on the device. The network comes back and the job
 * is delivered. The user then starts a new report of the same category on that page: it is
 * saved as typed (a reload finds it), and the form is not told the report went from another
 * window (it went from this one).
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  loadReportDraft,
  saveReportDraft,
  startValues,
  submitReport,
  watchSentElsewhere,
} from '../../../src/reports/flow.js'
import { memoryStore } from '../../../src/storage/index.js'
import { resilientStore } from '../../../src/storage/resilient.js'
import type { KeyValueStore } from '../../../src/storage/types.js'
import { fakeTransport } from '../../support/fakeTransport.js'
import { TX, closeAll, makeClient } from '../flows/helpers.js'

afterEach(async () => {
  await closeAll()
})

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

describe('a parked report delivered later, then a new report of its category on the same page', () => {
  it('is saved as typed, and not taken for a report sent elsewhere', async () => {
    const full = fullDisk()
    const fake = fakeTransport()
    fake.setMode('offline')
    const a = makeClient(fake, resilientStore(full)).client
    const { drafts, outbox } = await a.services()
    const values = { ...startValues(CATEGORY, TX, undefined), description: PARKED }
    await saveReportDraft(a, CATEGORY, { values, transaction: TX })
    await drafts.flush()
    const r = await submitReport(a, { category: CATEGORY, values, transaction: TX })
    expect(r.status).toBe('queued')
    fake.setMode('ok')
    await outbox.retry(r.status === 'queued' ? r.jobId : '')
    await vi.waitFor(async () => expect(await outbox.list()).toEqual([]))
    await drafts.flush()

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
