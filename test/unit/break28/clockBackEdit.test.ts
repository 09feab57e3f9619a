/**
 * A refused report sent again keeps, in its job, the corrections it was sent with (their
 * drafts, to be deleted by whichever page finishes the send). Refused once more, the user fixes
 * it again on a later page, after the device clock went back (a network time correction): those
 * corrections are newer than the send, and a reload keeps them.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { RejectedError } from '../../../src/errors/index.js'
import { loadReportEdit, saveReportEdit, startValues, submitReport } from '../../../src/reports/flow.js'
import { memoryStore } from '../../../src/storage/index.js'
import { fakeTransport } from '../../support/fakeTransport.js'
import { TX, closeAll, makeClient } from '../flows/helpers.js'

afterEach(async () => {
  vi.restoreAllMocks()
  await closeAll()
})

const CATEGORY = 'charged_not_received'
const values = () => ({
  ...startValues(CATEGORY, TX, undefined),
  description: 'The coffee shop says it never arrived.',
})

describe('corrections typed into a report refused again, after the clock went back', () => {
  it('are still there after a reload', async () => {
    const device = memoryStore()
    const fake = fakeTransport()
    fake.setMode({ reject: new RejectedError([{ field: 'fields.amount', code: 'limit' }], 'invalid', 422) })
    const a = makeClient(fake, device).client
    const refused = await submitReport(a, { category: CATEGORY, values: values(), transaction: TX })
    if (refused.status !== 'rejected') throw new Error(refused.status)
    const first = { ...values(), amount: '12.80' }
    await saveReportEdit(a, refused.jobId, first)
    await (await a.services()).drafts.flush()
    const again = await submitReport(a, {
      category: CATEGORY,
      values: first,
      transaction: TX,
      retryJobId: refused.jobId,
    })
    expect(again.status).toBe('rejected')
    await closeAll()

    // The device clock goes back ten minutes; a later page, the user fixes it again.
    const real = Date.now.bind(Date)
    vi.spyOn(Date, 'now').mockImplementation(() => real() - 600_000)
    const b = makeClient(fake, device).client
    const second = { ...values(), amount: '12.08' }
    await saveReportEdit(b, refused.jobId, second)
    await (await b.services()).drafts.flush()
    expect((await loadReportEdit(b, refused.jobId))?.amount).toBe('12.08')
    await closeAll()

    // Reload.
    const c = makeClient(fake, device).client
    expect((await loadReportEdit(c, refused.jobId))?.amount).toBe('12.08')
  })
})
