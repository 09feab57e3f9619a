/**
 * Two tabs of one device, offline. Tab B is open (the SDK started) but its report form is
 * closed. Tab A sends its report and goes the moment its job is stored, before its draft's
 * deletion reached the device. Then the user opens the report form in tab B.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { loadReportDraft, saveReportDraft, startValues } from '../../../src/reports/flow.js'
import { TX, closeAll } from '../flows/helpers.js'
import { releaseGonePages, twoTabsOneGoing } from '../flows/tabs.js'

afterEach(async () => {
  releaseGonePages()
  await closeAll()
})

const CATEGORY = 'charged_not_received'
const SENT = 'The coffee shop says my payment never arrived.'

describe('a tab whose form opens after another tab sent the draft and went before deleting it', () => {
  it('does not offer the report sent (sent again, a second ticket)', async () => {
    const { device, a, asv, b, sendAndGo } = await twoTabsOneGoing('drafts')
    // Tab B: open, its report form not (yet).
    await b.services()
    const values = { ...startValues(CATEGORY, TX, undefined), description: SENT }
    await saveReportDraft(a, CATEGORY, { values, transaction: TX })
    await asv.drafts.flush()

    await sendAndGo({ category: CATEGORY, values, transaction: TX }, 'stored')
    expect(await device.keys('outbox:job:')).toHaveLength(1)

    // The user opens the report form in tab B.
    expect((await loadReportDraft(b, CATEGORY))?.values.description).toBeUndefined()
  })
})
