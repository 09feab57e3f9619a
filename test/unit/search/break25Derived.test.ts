import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { loadArticles } from '../../../scripts/indexArticles.js'
import { createSearchIndex, walletSynonyms } from '../../../src/search/index.js'

/*
 * The derived-word rule (refundable → refund) over the example articles: "over" and "under" are
 * prefixes, not the word an overpaid or underpaid user means.
 */
const root = fileURLToPath(new URL('../../../', import.meta.url))
const index = createSearchIndex(loadArticles(join(root, 'examples/articles')), { synonyms: walletSynonyms })
const ids = (q: string): string[] => index.search(q, { locale: 'en', limit: 3 }).map((h) => h.id)

describe('over- and under- words do not stand for "over" and "under"', () => {
  it('「overpaid the bill」 ranks the refund article first, not the limits article', () => {
    expect(ids('overpaid the bill')[0]).toBe('en-refund')
  })

  it.each(['overpaid', 'i was underpaid'])('「%s」 finds no limits article', (q) => {
    expect(ids(q)).not.toContain('en-limits')
  })
})
