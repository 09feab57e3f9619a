/**
 * What a reload reopens, per widget of the page (host/reopen.ts), when widgets come and go: a
 * widget destroyed before its panel showed what it reopened (a StrictMode-like double mount), and
 * a widget's rank changing between the page that wrote its marker and the reloaded one.
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

describe('reopen after a reload, a widget of the page destroyed before', () => {
  it('the first of two destroyed, the second shows a report form; reloaded with that one alone: it reopens it, and a widget mounted later does not', async () => {
    const before = await page()
    const first = create(before).mount()
    const second = create(before).mount()
    first.destroy()
    await second.open('report', { category: 'other' })
    await waitFor(() => expect(sessionStorage.length).toBe(1))
    // The reload: the page mounts the widget that is left (the other one was gone).
    const after = await page()
    const only = create(after).mount()
    await waitFor(async () => expect(await view(only)).toBe('report'), { timeout: 5000 })
    const later = create(after).mount()
    await new Promise((r) => setTimeout(r, 300))
    expect(await view(later)).toBe('closed')
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
