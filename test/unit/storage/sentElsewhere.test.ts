import { describe, expect, it } from 'vitest'
import { twoTabs } from '../../support/draftTabs.js'

describe('a draft sent from one tab while another tab has its form open', () => {
  it("the other tab's next save does not write the sent draft back", async () => {
    const { a, b, fresh } = twoTabs()
    a.drafts.save('report', 'charged twice at the coffee shop', true)
    await a.drafts.flush()
    // Tab B opens the same form: it shows the draft.
    expect(await b.drafts.load('report')).toBe('charged twice at the coffee shop')
    expect(await a.drafts.load('report')).toBe('charged twice at the coffee shop')
    // Tab A sends it (held while it is being sent, cleared once queued).
    const release = a.drafts.hold('report')
    await a.drafts.clear('report')
    release()
    // Tab B's form saves again (a field left, a debounce).
    b.drafts.save('report', 'charged twice at the coffee shop.', true)
    await b.drafts.flush()
    expect(await fresh().load('report')).toBeUndefined()
    expect(await a.drafts.load('report')).toBeUndefined()
  })

  it('nor does its pagehide copy', async () => {
    const { a, b, fresh } = twoTabs()
    a.drafts.save('report', 'charged twice at the coffee shop', true)
    await a.drafts.flush()
    expect(await b.drafts.load('report')).toBe('charged twice at the coffee shop')
    const release = a.drafts.hold('report')
    await a.drafts.clear('report')
    release()
    b.drafts.save('report', 'charged twice at the coffee shop, twice')
    b.window.dispatchEvent(new Event('pagehide'))
    await b.drafts.flush()
    expect(await fresh().load('report')).toBeUndefined()
  })

  it('discarded (not sent) in one tab, the other tab still saves its own', async () => {
    const { a, b, fresh } = twoTabs()
    a.drafts.save('report', 'half written', true)
    await a.drafts.flush()
    expect(await b.drafts.load('report')).toBe('half written')
    await a.drafts.clear('report')
    b.drafts.save('report', 'half written, and more from tab B', true)
    await b.drafts.flush()
    expect(await fresh().load('report')).toBe('half written, and more from tab B')
  })

  it('a form opened after the send (in either tab) saves as usual', async () => {
    const { a, b, fresh } = twoTabs()
    a.drafts.save('report', 'the first report', true)
    await a.drafts.flush()
    expect(await b.drafts.load('report')).toBe('the first report')
    const release = a.drafts.hold('report')
    await a.drafts.clear('report')
    release()
    // Tab B opens the form again: nothing to restore, and what is typed now is kept.
    expect(await b.drafts.load('report')).toBeUndefined()
    b.drafts.save('report', 'a new report, from tab B', true)
    await b.drafts.flush()
    expect(await fresh().load('report')).toBe('a new report, from tab B')
    // And a writer that never loaded the key (a new page) is not taken for a stale one.
    const c = fresh()
    c.save('other', 'never loaded, never sent', true)
    await c.flush()
    expect(await fresh().load('other')).toBe('never loaded, never sent')
  })
})
