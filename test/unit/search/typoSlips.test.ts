/**
 * Two slips of English typing the typo lookup missed: a doubled letter typed once ("freze" for
 * freeze) met a shorter word one edit away first ("free", of the fees article's synonyms), and two
 * letters swapped further apart than neighbours ("uptade") were two edits, too many for a
 * six-letter word.
 */
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { loadArticles } from '../../../scripts/indexArticles.js'
import { createSearchIndex, walletSynonyms } from '../../../src/search/index.js'

const root = fileURLToPath(new URL('../../../', import.meta.url))
const index = createSearchIndex(loadArticles(join(root, 'examples/articles')), { synonyms: walletSynonyms })
const first = (q: string): string | undefined => index.search(q, { locale: 'en' })[0]?.id

describe('typo lookup', () => {
  it.each([
    ['freze wallet asap', 'en-freeze-account'],
    ['freze my acccount', 'en-freeze-account'],
    ['how do i frezze it', 'en-freeze-account'],
    ['uptade the wallet', 'en-update-app'],
    ['widthraw to my bank', 'en-withdraw'],
  ])('「%s」 finds %s first', (q, id) => {
    expect(first(q)).toBe(id)
  })

  it('a word of the articles is never replaced by an anagram of it', () => {
    // "fees" and "free" stay themselves: only unknown words are looked up.
    expect(first('free withdrawals')).toBe('en-fees')
    expect(first('fees')).toBe('en-fees')
  })

  it('a swap of two letters needs the same first letter and five letters or more', () => {
    const small = createSearchIndex([
      { id: 'a', locale: 'en', title: 'Delivery time', tags: [], body: 'When it arrives.', popularity: 1 },
      { id: 'b', locale: 'en', title: 'Card limits', tags: [], body: 'How much you can pay.', popularity: 1 },
    ])
    // m and t of "limits" swapped: found.
    expect(small.search('litims', { locale: 'en' })[0]?.id).toBe('b')
    // l and t swapped, the first letter among them: no word (nor "time", two edits away).
    expect(small.search('timil', { locale: 'en' })).toEqual([])
    // "ilmits": neighbours swapped, the first letter among them, one edit as before.
    expect(small.search('ilmits', { locale: 'en' })[0]?.id).toBe('b')
  })
})
