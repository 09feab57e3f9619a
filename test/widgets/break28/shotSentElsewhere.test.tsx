/**
 * Two tabs of one device with the same report's draft, a screenshot included. Tab A sends it;
 * in tab B, whose form restored it, the user's first change after that is a screenshot. Tab B
 * is told, and that screenshot is kept with the new report: a later page restores it.
 */
import { fireEvent, waitFor } from '@testing-library/preact'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { saveReportDraft, startValues } from '../../../src/reports/flow.js'
import { fakeTransport } from '../../support/fakeTransport.js'
import { TX } from '../../support/fixtures.js'
import { closeClients, freshDevice, openPanel } from '../panelHarness.js'
import { closeOtherTabs, description, otherTab } from '../otherTab.js'
import { png, shotInput } from '../shotFiles.js'

const CATEGORY = 'charged_not_received'
const SENT = 'The coffee shop says my payment never arrived.'

beforeEach(() => freshDevice())
afterEach(async () => {
  await closeOtherTabs()
  await closeClients()
})

const textarea = description
const input = () => shotInput()!

describe('a screenshot added in a tab after another tab sent the report its form shows', () => {
  it('is kept with the new report, and the tab says so', async () => {
    const fake = fakeTransport()
    const a = otherTab(fake)
    const values = { ...startValues(CATEGORY, TX, undefined), description: SENT }
    const sentShot = { blob: new Blob([png('sent.png')]), name: 'sent.png', type: 'image/png' }
    await saveReportDraft(a, CATEGORY, { values, transaction: TX, files: [sentShot] })
    await (await a.services()).drafts.flush()

    const b = openPanel(fake, 'report', { transaction: TX, category: CATEGORY })
    await waitFor(() => expect(textarea()?.value).toBe(SENT))
    const sent = await a.reports.submit({
      category: CATEGORY,
      values,
      transaction: TX,
      files: [sentShot],
      settleMs: 200,
    })
    expect(['sent', 'queued']).toContain(sent.status)

    fireEvent.change(input(), { target: { files: [png('later.png')] } })
    await waitFor(() => expect(document.querySelector('[data-sent-elsewhere]')).not.toBeNull(), { timeout: 3000 })

    const { drafts } = await b.client.services()
    await waitFor(
      async () => {
        await drafts.flush()
        const next = otherTab(fake)
        const restored = await next.reports.loadDraft(CATEGORY)
        // (Named by the form as it prepared it.)
        expect(restored?.files?.filter((f) => f.name !== 'sent.png')).toHaveLength(1)
      },
      { timeout: 3000 },
    )
  })
})
