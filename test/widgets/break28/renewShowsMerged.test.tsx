/**
 * Tab A sends the report tab B's form shows, and starts a second report of the same kind there
 * (stored). Tab B's user types on: told it was sent elsewhere, tab B keeps what it typed, added
 * to tab A's second report, and its form shows both, so its next keystroke writes both back.
 */
import { fireEvent, waitFor } from '@testing-library/preact'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { saveReportDraft, startValues } from '../../../src/reports/flow.js'
import { fakeTransport } from '../../support/fakeTransport.js'
import { TX } from '../../support/fixtures.js'
import { closeClients, freshDevice, openPanel } from '../panelHarness.js'
import { closeOtherTabs, description, otherTab } from '../otherTab.js'

const CATEGORY = 'charged_not_received'
const SENT = 'The coffee shop says my payment never arrived.'
const SECOND = 'The bakery charged me twice on Monday.'
const LATER = 'And no receipt either.'

beforeEach(() => freshDevice())
afterEach(async () => {
  await closeOtherTabs()
  await closeClients()
})

const textarea = description

describe('a renewal after another tab stored a new report of the category', () => {
  it('shows both reports’ text in this tab, and keeps both after its next keystroke', async () => {
    const fake = fakeTransport()
    const a = otherTab(fake)
    const values = { ...startValues(CATEGORY, TX, undefined), description: SENT }
    await saveReportDraft(a, CATEGORY, { values, transaction: TX })
    await (await a.services()).drafts.flush()

    const b = openPanel(fake, 'report', { transaction: TX, category: CATEGORY })
    await waitFor(() => expect(textarea()?.value).toBe(SENT))
    const sent = await a.reports.submit({ category: CATEGORY, values, transaction: TX, settleMs: 200 })
    expect(['sent', 'queued']).toContain(sent.status)
    await saveReportDraft(a, CATEGORY, { values: { ...values, description: SECOND }, transaction: TX })
    await (await a.services()).drafts.flush()

    fireEvent.input(textarea()!, { target: { value: `${SENT} ${LATER}` } })
    await waitFor(() => expect(textarea()?.value).toBe(`${SECOND}\n\n${LATER}`), { timeout: 3000 })
    fireEvent.input(textarea()!, { target: { value: `${SECOND}\n\n${LATER}!` } })

    const { drafts } = await b.client.services()
    await drafts.flush()
    const next = otherTab(fake)
    expect((await next.reports.loadDraft(CATEGORY))?.values.description).toBe(`${SECOND}\n\n${LATER}!`)
  })
})
