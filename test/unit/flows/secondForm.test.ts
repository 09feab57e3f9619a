import { afterEach, describe, expect, it, vi } from 'vitest'
import { loadReportDraft, saveReportDraft, startValues, submitReport } from '../../../src/reports/flow.js'
import { fakeTransport } from '../../support/fakeTransport.js'
import { TX, closeAll, makeClient, slowEnqueue } from './helpers.js'

afterEach(async () => {
  await closeAll()
})

const CATEGORY = 'charged_not_received'
const values = () => ({
  ...startValues(CATEGORY, TX, undefined),
  description: 'The coffee shop says my payment never arrived.',
})

describe('a form of the same category opened while a report is being sent', () => {
  it('has its text saved (not held with the one being sent), and it stays once that one is sent', async () => {
    const fake = fakeTransport()
    const { client } = makeClient(fake)
    const { drafts, outbox } = await client.services()
    const first = {}
    const second = {}
    await saveReportDraft(client, CATEGORY, { values: values(), transaction: TX }, first)
    await drafts.flush()
    const { queueing, store } = slowEnqueue(outbox)
    const submitted = submitReport(client, { category: CATEGORY, values: values(), transaction: TX, form: first })
    await vi.waitFor(() => expect(queueing()).toBe(true))
    await saveReportDraft(client, CATEGORY, { values: { description: 'A second payment vanished too.' } }, second)
    await drafts.flush()
    store()
    expect(['sent', 'queued']).toContain((await submitted).status)
    await drafts.flush()
    expect((await loadReportDraft(client, CATEGORY))?.values.description).toBe('A second payment vanished too.')
  })
})
