/**
 * Two tabs of one device, offline. Tab B's report form is open, empty (opened before anything was
 * typed). Tab A types a report, sends it and goes the moment its job is stored, before its draft's
 * deletion reached the device. The device clock is then set back an hour (a wrong time corrected).
 * Tab B's user types a report of their own, written to the device. The next page keeps it.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { loadReportDraft, saveReportDraft, startValues } from '../../../src/reports/flow.js'
import { syncStorage } from '../../support/draftTabs.js'
import { TX, closeAll, makeClient } from '../flows/helpers.js'
import { goingPage, releaseGonePages, twoTabsOneGoing } from '../flows/tabs.js'

afterEach(async () => {
  vi.useRealTimers()
  vi.unstubAllGlobals()
  releaseGonePages()
  await closeAll()
})

const CATEGORY = 'charged_not_received'
const SENT = 'The coffee shop says my payment never arrived.'
const MINE = 'My card was charged twice at the pharmacy.'

/** Tab A types the report and sends it, its page going once the job is stored; the clock is set back an hour. */
async function sendThenSetBack({ a, asv, sendAndGo }: Awaited<ReturnType<typeof twoTabsOneGoing>>) {
  const values = { ...startValues(CATEGORY, TX, undefined), description: SENT }
  await saveReportDraft(a, CATEGORY, { values, transaction: TX })
  await asv.drafts.flush()
  await sendAndGo({ category: CATEGORY, values, transaction: TX }, 'stored')
  vi.setSystemTime(new Date('2026-03-01T11:00:00Z'))
}

describe('a tab typing its own report after another tab sent one and went, the clock set back', () => {
  // The clean-up a gone page left deletes the draft stored under the key if it is older, on the
  // clock, than the job: tab B's write is stamped after the jobs on the device made from the draft.
  it('the next page keeps what tab B typed', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date('2026-03-01T12:00:00Z'))
    const tabs = await twoTabsOneGoing('drafts')
    const { device, fake, b } = tabs
    expect(await loadReportDraft(b, CATEGORY)).toBeUndefined()

    await sendThenSetBack(tabs)
    const bsv = await b.services()
    const mine = { ...startValues(CATEGORY, TX, undefined), description: MINE }
    await saveReportDraft(b, CATEGORY, { values: mine, transaction: TX })
    await bsv.drafts.flush()

    const next = makeClient(fake, device).client
    expect((await loadReportDraft(next, CATEGORY))?.values.description).toBe(MINE)
  })

  // Tab B is closed within the save's debounce: only its synchronous pagehide copy is on the
  // device, stamped on the clock set back. It never loaded a stored draft: its own, never stale.
  it('the next page keeps what tab B typed when tab B was closed before its save was written', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date('2026-03-01T12:00:00Z'))
    const local = syncStorage()
    vi.stubGlobal('localStorage', local)
    const tabs = await twoTabsOneGoing('drafts')
    const { device, fake } = tabs
    const windowB = new EventTarget()
    vi.stubGlobal('window', windowB)
    const pageB = goingPage(device, 'drafts')
    const b = makeClient(fake, pageB.store).client
    await b.services()
    vi.stubGlobal('window', undefined)
    expect(await loadReportDraft(b, CATEGORY)).toBeUndefined()

    await sendThenSetBack(tabs)
    const mine = { ...startValues(CATEGORY, TX, undefined), description: MINE }
    await saveReportDraft(b, CATEGORY, { values: mine, transaction: TX })
    pageB.go()
    windowB.dispatchEvent(new Event('pagehide'))
    expect([...local.m.values()].join()).toContain(MINE)

    const next = makeClient(fake, device).client
    expect((await loadReportDraft(next, CATEGORY))?.values.description).toBe(MINE)
  })
})
