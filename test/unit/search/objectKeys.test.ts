import { describe, expect, it } from 'vitest'
import { createSearchIndex, loadIndex, serializeIndex, tokenize, walletSynonyms } from '../../../src/search/index.js'

/** Words that name Object.prototype members: a lookup in a plain object finds the member. */
const WORDS = ['constructor', 'toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf', '__proto__', '__defineGetter__']

describe('words that are Object.prototype member names', () => {
  it('tokenize to strings', () => {
    for (const w of WORDS) for (const t of tokenize(w)) expect(typeof t).toBe('string')
  })

  it('are indexed, found, saved and loaded like any word', () => {
    const articles = [
      {
        id: 'a',
        locale: 'en',
        title: 'Why the constructor field shows toString',
        body: `Words: ${WORDS.join(' ')}.`,
        tags: ['constructor'],
      },
      { id: 'b', locale: 'en', title: 'Payment failed', body: 'Your payment failed at the shop.', tags: [] },
    ]
    for (const options of [{}, { synonyms: walletSynonyms }]) {
      const live = createSearchIndex(articles, options)
      const saved = loadIndex(JSON.stringify(serializeIndex(live)), options)
      for (const index of [live, saved]) {
        for (const w of WORDS) expect(index.search(w, { locale: 'en' }).map((h) => h.id)).toEqual(['a'])
        expect(
          index
            .search('payment constructor', { locale: 'en' })
            .map((h) => h.id)
            .sort(),
        ).toEqual(['a', 'b'])
      }
    }
  })
})
