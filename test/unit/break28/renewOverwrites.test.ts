/**
 * Two tabs of one device with the same report's draft. Tab A sends it, and its user starts a
 * second report of the same kind there (written as a new draft), then closes tab A. In tab B,
 * which still shows the report sent, the user types on: tab B is told, and keeps what it typed
 * as a new report. The second report tab A stored is not thrown away by it, nor is what tab B
 * kept: one draft per category, so tab B's text is added to tab A's (after a blank line).
 */
import { afterEach, describe, expect, it } from 'vitest'
import {
  loadReportDraft,
  saveReportDraft,
  startValues,
  submitReport,
  watchSentElsewhere,
} from '../../../src/reports/flow.js'
import { memoryStore } from '../../../src/storage/index.js'
import { fakeTransport } from '../../support/fakeTransport.js'
import { TX, closeAll, makeClient } from '../flows/helpers.js'

afterEach(async () => {
  await closeAll()
})

const CATEGORY = 'charged_not_received'
const SENT = 'The coffee shop says my payment never arrived.'
const SECOND = 'The bakery charged me twice on Monday.'
const LATER = 'They also sent no receipt.'

describe('a renewal in tab B after tab A sent the draft and started another report', () => {
  it("does not replace tab A's new report", async () => {
    const device = memoryStore()
    const fake = fakeTransport()
    const a = makeClient(fake, device).client
    const b = makeClient(fake, device).client
    const values = { ...startValues(CATEGORY, TX, undefined), description: SENT }
    await saveReportDraft(a, CATEGORY, { values, transaction: TX })
    await (await a.services()).drafts.flush()
    await loadReportDraft(b, CATEGORY)
    // Tab B's form, as ReportForm does: told, it renews what was typed after the send.
    await watchSentElsewhere(b, CATEGORY, () => {
      void saveReportDraft(b, CATEGORY, { values: { description: LATER } }, undefined, true)
    })

    const sent = await submitReport(a, { category: CATEGORY, values, transaction: TX })
    expect(sent.status).toBe('sent')
    // Tab A's user starts a second report of the same kind; it is stored.
    await saveReportDraft(a, CATEGORY, { values: { description: SECOND } })
    await (await a.services()).drafts.flush()
    expect((await loadReportDraft(makeClient(fake, device).client, CATEGORY))?.values.description).toBe(SECOND)

    // Tab B's user types on.
    const bsv = await b.services()
    await saveReportDraft(b, CATEGORY, { values: { ...values, description: `${SENT} ${LATER}` }, transaction: TX })
    await bsv.drafts.flush()
    await bsv.drafts.flush()

    const next = makeClient(fake, device).client
    expect((await loadReportDraft(next, CATEGORY))?.values.description).toBe(`${SECOND}\n\n${LATER}`)
  })
})
