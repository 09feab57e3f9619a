/**
 * What a reload reopens is kept per widget of the page (host/reopen.ts): the keys of each, and the
 * plain key an earlier version wrote, taken by the only widget in the page.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { dropTag, takeOpenView, widgetTag } from '../../widgets/host/reopen.js'

const reloaded = () =>
  vi
    .spyOn(performance, 'getEntriesByType')
    .mockReturnValue([{ type: 'reload' } as unknown as PerformanceEntry] as PerformanceEntryList)
const el = (id = '') => Object.assign(document.createElement('div'), { id })
const tags: string[] = []
afterEach(() => {
  tags.splice(0).forEach(dropTag)
  sessionStorage.clear()
  vi.restoreAllMocks()
})
const tag = (element: Element, container?: Element) => {
  const t = widgetTag(element, container)
  tags.push(t)
  return t
}

describe('the keys of each widget for a reload', () => {
  it('the first without an id has the plain keys; the others theirs, from their rank or their id', () => {
    expect(tag(el())).toBe('')
    expect(tag(el())).toBe(':2')
    expect(tag(el(), el('side'))).toBe('#side')
    expect(tag(el('help'))).toBe('#help')
    expect(tag(el('help'))).toBe('#help:2')
    // A widget destroyed gives its tag back: created again, it has the same keys.
    dropTag(':2')
    expect(tag(el())).toBe(':2')
  })

  it('each widget takes its own marker only', () => {
    reloaded()
    const first = tag(el())
    const second = tag(el())
    sessionStorage.setItem('help-feedback:article', 'en-balance')
    sessionStorage.setItem('help-feedback:report:2', JSON.stringify({ category: 'other' }))
    expect(takeOpenView(second)).toEqual(['report', { category: 'other', reloaded: true }])
    expect(sessionStorage.getItem('help-feedback:article')).toBe('en-balance')
    expect(takeOpenView(first)).toEqual(['article', { id: 'en-balance' }])
    expect(sessionStorage.length).toBe(0)
  })

  it('the plain key of an earlier version: taken by the only widget, whatever its id; not by one of two', () => {
    reloaded()
    sessionStorage.setItem('help-feedback:article', 'en-balance')
    const only = tag(el('help'))
    expect(takeOpenView(only)).toEqual(['article', { id: 'en-balance' }])
    expect(sessionStorage.length).toBe(0)

    sessionStorage.setItem('help-feedback:chat', '1')
    expect(takeOpenView(tag(el('side')))).toBeUndefined()
    expect(sessionStorage.getItem('help-feedback:chat')).toBe('1')
  })
})
