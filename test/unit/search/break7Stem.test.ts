import { describe, expect, it } from 'vitest'
import { stem } from '../../../src/search/tokenize.js'

describe('stem: doubled letters', () => {
  it('joins the forms of a word whose last letter doubles before -ed / -ing', () => {
    for (const [a, b] of [
      ['adding', 'add'],
      ['added', 'add'],
      ['erring', 'err'],
      ['scanned', 'scan'],
      ['pinned', 'pin'],
      ['submitted', 'submit'],
      ['transferred', 'transfer'],
      ['filled', 'fill'],
      ['billing', 'bill'],
      ['missed', 'miss'],
      // British spelling doubles the l of cancel: "transfer cancelled" must meet "tap Cancel".
      ['cancelled', 'cancel'],
      ['cancelling', 'cancel'],
    ]) {
      expect(stem(a!), a).toBe(stem(b!))
    }
  })

  it('keeps words apart that only share letters once a doubled one is undone', () => {
    // "add" and "ad", "err" and "er": three letters stay as they are.
    expect(stem('adding')).not.toBe('ad')
    expect(stem('added')).not.toBe(stem('ads'))
  })
})
