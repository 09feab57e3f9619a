/**
 * Alice sends a report and, while its job is being stored, signs out and Bob signs in (a shared
 * device, a session ending). The report is Alice's: it waits in her outbox, and it is never sent
 * under Bob's session.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { saveReportDraft, startValues, submitReport } from '../../../src/reports/flow.js'
import { memoryStore } from '../../../src/storage/index.js'
import { fakeTransport } from '../../support/fakeTransport.js'
import { TX, closeAll, makeClient, slowEnqueue } from '../flows/helpers.js'

afterEach(async () => {
  await closeAll()
})

const CATEGORY = 'charged_not_received'
const ALICE = "Alice's payment to the coffee shop never arrived."

describe('a user switch while a report is being stored', () => {
  it("leaves the report in its writer's outbox, not in the next user's", async () => {
    const fake = fakeTransport()
    fake.setMode('offline')
    const { client } = makeClient(fake, memoryStore())
    const sv = await client.services()
    await sv.setUser('alice')
    const values = { ...startValues(CATEGORY, TX, undefined), description: ALICE }
    await saveReportDraft(client, CATEGORY, { values, transaction: TX })
    await sv.drafts.flush()
    const { queueing, store } = slowEnqueue(sv.outbox)
    const submitted = submitReport(client, { category: CATEGORY, values, transaction: TX })
    await vi.waitFor(() => expect(queueing()).toBe(true))
    await sv.setUser('bob')
    store()
    expect((await submitted).status).toBe('queued')

    const texts = async () =>
      (await sv.outbox.list()).map((j) => JSON.stringify(j.payload)).filter((p) => p.includes('coffee shop'))
    expect(await texts()).toEqual([])
    await sv.setUser('alice')
    expect(await texts()).toHaveLength(1)
  })
})
