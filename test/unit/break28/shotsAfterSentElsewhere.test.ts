/**
 * Two tabs of one device with the same report's draft, screenshots included: tab A sends it.
 * Tab B is told (its text save is not stored) and renews what was typed since. A screenshot
 * tab B's user attaches after that belongs to the new report: it is stored, and a later page
 * restores it.
 */
import { afterEach, describe, expect, it } from 'vitest'
import {
  loadReportDraft,
  saveReportDraft,
  saveReportFiles,
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
const LATER = 'And a second payment to the bakery failed too.'
const shot = (name: string) => ({ blob: new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47])]), name, type: 'image/png' })

describe('a screenshot attached in a tab after another tab sent the draft it restored', () => {
  it('is stored with the new report, and a later page restores it', async () => {
    const device = memoryStore()
    const fake = fakeTransport()
    const a = makeClient(fake, device).client
    const b = makeClient(fake, device).client
    const values = { ...startValues(CATEGORY, TX, undefined), description: SENT }
    await saveReportDraft(a, CATEGORY, { values, transaction: TX, files: [shot('sent.png')] })
    await (await a.services()).drafts.flush()

    // Tab B restores it, screenshot included.
    expect((await loadReportDraft(b, CATEGORY))?.files).toHaveLength(1)
    const told: string[] = []
    await watchSentElsewhere(b, CATEGORY, () => told.push('told'))

    // Tab A sends it.
    const sent = await submitReport(a, { category: CATEGORY, values, transaction: TX, files: [shot('sent.png')] })
    expect(sent.status).toBe('sent')

    // Tab B's user types on: told, the new text is renewed as a new report.
    const bsv = await b.services()
    await saveReportDraft(b, CATEGORY, { values: { ...values, description: `${SENT} ${LATER}` }, transaction: TX })
    await bsv.drafts.flush()
    expect(told).toEqual(['told'])
    await saveReportDraft(b, CATEGORY, { values: { description: LATER }, transaction: TX }, undefined, true)
    await bsv.drafts.flush()

    // Then attaches a screenshot to it.
    await expect(saveReportFiles(b, CATEGORY, [shot('later.png')], TX)).resolves.toBeUndefined()

    const next = makeClient(fake, device).client
    const restored = await loadReportDraft(next, CATEGORY)
    expect(restored?.values.description).toBe(LATER)
    expect(restored?.files?.map((f) => f.name)).toEqual(['later.png'])
  })
})
