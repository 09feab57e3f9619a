import { afterEach, describe, expect, it, vi } from 'vitest'
import { RejectedError } from '../../../src/errors/index.js'
import { loadReportDraft, saveReportDraft, startValues, submitReport } from '../../../src/reports/flow.js'
import { fakeTransport } from '../../support/fakeTransport.js'
import { TX, closeAll, makeClient, slowEnqueue } from './helpers.js'

afterEach(async () => {
  await closeAll()
})

const CATEGORY = 'charged_not_received'
const DESCRIPTION = 'The coffee shop says my payment never arrived.'
const values = () => ({ ...startValues(CATEGORY, TX, undefined), description: DESCRIPTION })

describe('a refused report sent again', () => {
  it("leaves the category's draft alone: a new report being written there is not lost", async () => {
    const fake = fakeTransport()
    fake.setMode({ reject: new RejectedError([{ field: 'fields.amount', code: 'limit' }], 'invalid', 422) })
    const { client } = makeClient(fake)
    const refused = await submitReport(client, { category: CATEGORY, values: values(), transaction: TX })
    expect(refused.status).toBe('rejected')
    if (refused.status !== 'rejected') return
    // Meanwhile the user starts a second report of the same kind, about another payment.
    await saveReportDraft(client, CATEGORY, { values: { description: 'And a second payment vanished too.' } })
    const { drafts } = await client.services()
    await drafts.flush()
    fake.setMode('ok')
    const again = await submitReport(client, {
      category: CATEGORY,
      values: { ...values(), amount: '12.80' },
      transaction: TX,
      retryJobId: refused.jobId,
    })
    expect(again.status).toBe('sent')
    await drafts.flush()
    expect((await loadReportDraft(client, CATEGORY))?.values.description).toBe('And a second payment vanished too.')
  })
})

describe('another user signs in while a report is being queued', () => {
  it("clears the sender's draft, not the next user's: nothing sent comes back, nothing typed is lost", async () => {
    const fake = fakeTransport()
    const { client } = makeClient(fake)
    const sv = await client.services()
    const { drafts, outbox } = sv
    // Bob wrote a draft of the same kind earlier on this device.
    await sv.setUser('bob')
    await saveReportDraft(client, CATEGORY, { values: { description: "Bob's own unsent report" } })
    await sv.setUser(undefined)
    // The anonymous user writes a report and sends it; the outbox takes its time storing it.
    await saveReportDraft(client, CATEGORY, { values: values(), transaction: TX })
    await drafts.flush()
    const { queueing, store } = slowEnqueue(outbox)
    const submitted = submitReport(client, { category: CATEGORY, values: values(), transaction: TX })
    await vi.waitFor(() => expect(queueing()).toBe(true))
    await sv.setUser('bob')
    store()
    expect(['sent', 'queued']).toContain((await submitted).status)
    await drafts.flush()
    expect((await loadReportDraft(client, CATEGORY))?.values.description).toBe("Bob's own unsent report")
    await sv.setUser(undefined)
    expect(await loadReportDraft(client, CATEGORY)).toBeUndefined()
  })
})
