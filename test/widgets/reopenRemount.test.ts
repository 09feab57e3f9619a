/**
 * What a reload reopens, per widget of the page (host/reopen.ts), when widgets come and go: a
 * widget destroyed before its panel showed what it reopened (a StrictMode-like double mount).
 * (Widgets whose rank changes across a reload are told apart by ids: e2e/twoWidgetsReload.test.ts.)
 */
import { waitFor } from '@testing-library/preact'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { fakeTransport } from '../support/fakeTransport.js'
import { freshDevice } from './panelHarness.js'

type Entry = typeof import('../../widgets/index.js')
const widgets: Array<{ destroy(): void }> = []

beforeEach(() => {
  freshDevice()
  sessionStorage.clear()
  vi.spyOn(performance, 'getEntriesByType').mockReturnValue([
    { type: 'reload' } as unknown as PerformanceEntry,
  ] as PerformanceEntryList)
})
afterEach(() => {
  widgets.splice(0).forEach((w) => w.destroy())
  sessionStorage.clear()
  vi.restoreAllMocks()
})

/** A fresh page: the entry module loaded anew (no widget in it yet). */
async function page(): Promise<Entry> {
  vi.resetModules()
  return import('../../widgets/index.js')
}
const create = (m: Entry) => {
  const w = m.createHelpFeedback({ transport: fakeTransport().transport, locale: 'en' })
  widgets.push(w)
  return w
}
const view = async (w: ReturnType<Entry['createHelpFeedback']>) =>
  w.isOpen ? (await w.client()).store.getState().ui.view : 'closed'

describe('reopen after a reload, widgets created and destroyed', () => {
  it('mounted, destroyed at once and mounted again (StrictMode in development): the second one reopens', async () => {
    sessionStorage.setItem('help-feedback:report', JSON.stringify({ category: 'other' }))
    const m = await page()
    create(m).mount().destroy()
    const again = create(m).mount()
    await waitFor(async () => expect(await view(again)).toBe('report'), { timeout: 5000 })
  })
})

describe('control', () => {
  it('mounted once: reopens', async () => {
    sessionStorage.setItem('help-feedback:report', JSON.stringify({ category: 'other' }))
    const m = await page()
    const w = create(m).mount()
    await waitFor(async () => expect(await view(w)).toBe('report'), { timeout: 5000 })
  })
})
