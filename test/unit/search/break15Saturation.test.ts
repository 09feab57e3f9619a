import { describe, expect, it } from 'vitest'
import { createSearchIndex, loadIndex, serializeIndex } from '../../../src/search/index.js'
import type { Article } from '../../../src/types.js'

/**
 * The per-posting saturation cache once held one byte, scaled for title + tags + body: a term
 * strong in the similar questions too reached the cap (255), and two articles that the formula
 * ranks apart tied there, ordered by popularity instead.
 */
const words = (w: string, n: number): string => Array(n).fill(w).join(' ')
const article = (id: string, questionsTf: number, popularity: number, all: boolean): Article => ({
  id,
  locale: 'en',
  title: all ? words('zorbix', 15) : 'other things',
  tags: all ? Array(15).fill('zorbix') : ['other'],
  body: all ? words('zorbix', 15) : 'nothing to see here',
  // Same length for both: only the tf differs.
  questions: [words('zorbix', questionsTf), words('filler', 15 - questionsTf)].filter(Boolean),
  popularity,
})
/** Long fields elsewhere: the two articles' fields are short against the average, so they saturate high. */
const long: Article = {
  id: 'long',
  locale: 'en',
  title: words('lorem', 400),
  tags: ['ipsum'],
  body: words('dolor', 4000),
  questions: [words('amet', 4000)],
}

const ranked = (articles: Article[], options = {}) => {
  const live = createSearchIndex(articles, options)
  const loaded = loadIndex(JSON.stringify(serializeIndex(live)))
  const hits = live.search('zorbix', { locale: 'en' })
  expect(loaded.search('zorbix', { locale: 'en' })).toEqual(hits)
  return hits
}

describe('saturation cache', () => {
  it('keeps a stronger similar-questions match above a weaker one when questions weigh more', () => {
    // Questions only, weight 10: both articles are past the old cap.
    const hits = ranked([article('strong', 15, 1, false), article('weak', 6, 9, false), long], {
      weights: { questions: 10 },
    })
    expect(hits.map((h) => h.id)).toEqual(['strong', 'weak'])
    expect(hits[0]!.score).toBeGreaterThan(hits[1]!.score)
  })

  it('keeps them apart with default weights and tf 15 in every field', () => {
    const hits = ranked([article('strong', 15, 1, true), article('weak', 10, 9, true), long])
    expect(hits.map((h) => h.id)).toEqual(['strong', 'weak'])
    expect(hits[0]!.score).toBeGreaterThan(hits[1]!.score)
  })
})
