/**
 * What a reload reopens is kept per widget of the page (host/reopen.ts): the keys of each, and the
 * plain key an earlier version wrote, taken by the first (the only one, then).
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { dropTag, takeOpenView, widgetTag } from '../../widgets/host/reopen.js'

const reloaded = () =>
  vi
    .spyOn(performance, 'getEntriesByType')
    .mockReturnValue([{ type: 'reload' } as unknown as PerformanceEntry] as PerformanceEntryList)
const tags: string[] = []
afterEach(() => {
  tags.splice(0).forEach(dropTag)
  sessionStorage.clear()
  vi.restoreAllMocks()
})
const tag = () => {
  const t = widgetTag()
  tags.push(t)
  return t
}

describe('the keys of each widget for a reload', () => {
  it('the first has the plain keys, the others theirs from their rank; a rank given back is taken again', () => {
    expect(tag()).toBe('')
    expect(tag()).toBe(':2')
    expect(tag()).toBe(':3')
    // A widget destroyed gives its tag back: created again, it has the same keys.
    dropTag(':2')
    expect(tag()).toBe(':2')
    expect(tag()).toBe(':4')
  })

  it('each widget takes its own marker only', () => {
    reloaded()
    const first = tag()
    const second = tag()
    sessionStorage.setItem('help-feedback:article', 'en-balance')
    sessionStorage.setItem('help-feedback:report:2', JSON.stringify({ category: 'other' }))
    expect(takeOpenView(second)).toEqual(['report', { category: 'other', reloaded: true }, expect.any(Function)])
    expect(sessionStorage.getItem('help-feedback:article')).toBe('en-balance')
    expect(takeOpenView(first)).toEqual(['article', { id: 'en-balance' }, expect.any(Function)])
    expect(sessionStorage.length).toBe(0)
  })

  it('the plain key of an earlier version is the only widget’s (the first one’s)', () => {
    reloaded()
    sessionStorage.setItem('help-feedback:article', 'en-balance')
    expect(takeOpenView(tag())).toEqual(['article', { id: 'en-balance' }, expect.any(Function)])
    expect(sessionStorage.length).toBe(0)
  })
})
