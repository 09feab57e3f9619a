import { describe, expect, it } from 'vitest'
import { createSearchIndex, loadIndex, serializeIndex, walletSynonyms } from '../../../src/search/index.js'

/** Locale tags that name Object.prototype members: a lookup in the synonym table finds the member. */
const TAGS = ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf']

describe('an article whose locale is an Object.prototype member name', () => {
  it.each(TAGS)('(%s) is found, and the other articles still are', (tag) => {
    const articles = [
      { id: 'odd', locale: tag, title: 'Refund of a card payment', body: 'How a refund reaches the card.', tags: [] },
      { id: 'en-refund', locale: 'en', title: 'Refund timing', body: 'A refund takes three days.', tags: [] },
    ]
    for (const options of [{}, { synonyms: walletSynonyms }]) {
      const live = createSearchIndex(articles, options)
      for (const index of [live, loadIndex(JSON.stringify(serializeIndex(live)), options)]) {
        expect(index.search('refund', { locale: 'en' }).map((h) => h.id)).toEqual(['en-refund'])
        expect(index.search('refund', { locale: tag }).map((h) => h.id)).toEqual(['odd'])
        // A UI language no article is in searches every article.
        expect(
          index
            .search('refund', { locale: 'fr' })
            .map((h) => h.id)
            .sort(),
        ).toEqual(['en-refund', 'odd'])
      }
    }
  })
})
