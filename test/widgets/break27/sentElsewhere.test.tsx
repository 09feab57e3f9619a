/**
 * Two tabs of one device with the same report's draft: tab A sends it, tab B's form (which
 * restored it before) goes on typing. Tab B is told, and what it typed after the send is kept as
 * a new report of the category, not dropped with the one sent; the report sent is not.
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
const LATER = 'And a second payment to the bakery failed too.'

beforeEach(() => freshDevice())
afterEach(async () => {
  await closeOtherTabs()
  await closeClients()
})

const textarea = description

describe('a report sent from another tab while this tab’s form shows it', () => {
  it('this tab says so, and keeps what was typed after the send as a new draft', async () => {
    const fake = fakeTransport()
    const a = otherTab(fake)
    await saveReportDraft(a, CATEGORY, {
      values: { ...startValues(CATEGORY, TX, undefined), description: SENT },
      transaction: TX,
    })
    await (await a.services()).drafts.flush()

    // Tab B's form restores it.
    const b = openPanel(fake, 'report', { transaction: TX, category: CATEGORY })
    await waitFor(() => expect(textarea()?.value).toBe(SENT))
    // Tab A sends it.
    const sent = await a.reports.submit({
      category: CATEGORY,
      values: { ...startValues(CATEGORY, TX, undefined), description: SENT },
      transaction: TX,
      settleMs: 200,
    })
    expect(['sent', 'queued']).toContain(sent.status)
    // Tab B's user goes on typing after it.
    fireEvent.input(textarea()!, { target: { value: `${SENT} ${LATER}` } })
    await waitFor(() => expect(document.querySelector('[data-sent-elsewhere]')).not.toBeNull(), { timeout: 3000 })
    expect(textarea()?.value).toBe(LATER)

    // A page opened after: the new report is there, the one sent is not.
    const { drafts } = await b.client.services()
    await drafts.flush()
    const next = otherTab(fake)
    expect((await next.reports.loadDraft(CATEGORY))?.values.description).toBe(LATER)
  })
})
