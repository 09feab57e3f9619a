/**
 * Two tabs of one device with the same report's draft, offline. Tab A sends it and goes the
 * moment its job is stored, before its draft's deletion reached the device. Tab B, whose form
 * restored the draft, goes on typing. A page opened after that does not offer the report sent
 * again (sent a second time, it would be a second ticket): what tab B typed after the send is a
 * new report, as when tab A's deletion did get through (see break27/sentElsewhere).
 *
 * Tab B's save finds the job, stored on the device, made from the draft its copy continues: it
 * finishes tab A's clean-up (the draft marked sent), is not written, and tab B is told. A page
 * gone before its job was stored sent nothing: tab B's draft is the whole report then.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { loadReportDraft, saveReportDraft, startValues, watchSentElsewhere } from '../../../src/reports/flow.js'
import { TX, closeAll, makeClient } from '../flows/helpers.js'
import { releaseGonePages, twoTabsOneGoing } from '../flows/tabs.js'

afterEach(async () => {
  releaseGonePages()
  await closeAll()
})

const CATEGORY = 'charged_not_received'
const SENT = 'The coffee shop says my payment never arrived.'
const LATER = 'And a second payment to the bakery failed too.'

describe('a tab that goes on typing a draft another tab sent, that tab gone before deleting it', () => {
  it('the next page does not offer the report sent again', async () => {
    // Tab A: once its outbox stored the job, its draft writes never land (the page is gone).
    const { device, fake, a, asv, b, sendAndGo } = await twoTabsOneGoing('drafts')
    const values = { ...startValues(CATEGORY, TX, undefined), description: SENT }
    await saveReportDraft(a, CATEGORY, { values, transaction: TX })
    await asv.drafts.flush()
    expect((await loadReportDraft(b, CATEGORY))?.values.description).toBe(SENT)
    // Tab B's form, as ReportForm does: told, it keeps what was typed after the send.
    let told = 0
    await watchSentElsewhere(b, CATEGORY, () => {
      told++
      void saveReportDraft(b, CATEGORY, { values: { description: LATER }, transaction: TX }, undefined, true)
    })

    await sendAndGo({ category: CATEGORY, values, transaction: TX }, 'stored')

    // Tab B's user types on.
    const bsv = await b.services()
    await saveReportDraft(b, CATEGORY, { values: { ...values, description: `${SENT} ${LATER}` }, transaction: TX })
    await bsv.drafts.flush()
    await bsv.drafts.flush()

    const next = makeClient(fake, device).client
    const offered = (await loadReportDraft(next, CATEGORY))?.values.description
    expect(offered).toBe(LATER)
    expect(told).toBe(1)
  })

  it('gone before its job was stored: tab B goes on with the whole report', async () => {
    // Tab A: from the moment its job is to be stored, none of its writes land (the page is gone).
    const { device, fake, a, asv, b, sendAndGo } = await twoTabsOneGoing('all')
    const values = { ...startValues(CATEGORY, TX, undefined), description: SENT }
    await saveReportDraft(a, CATEGORY, { values, transaction: TX })
    await asv.drafts.flush()
    await loadReportDraft(b, CATEGORY)
    let told = 0
    await watchSentElsewhere(b, CATEGORY, () => told++)
    await sendAndGo({ category: CATEGORY, values, transaction: TX }, 'storing')

    const bsv = await b.services()
    await saveReportDraft(b, CATEGORY, { values: { ...values, description: `${SENT} ${LATER}` }, transaction: TX })
    await bsv.drafts.flush()

    const next = makeClient(fake, device).client
    expect(await (await next.services()).outbox.list()).toEqual([])
    expect((await loadReportDraft(next, CATEGORY))?.values.description).toBe(`${SENT} ${LATER}`)
    expect(told).toBe(0)
  })
})
