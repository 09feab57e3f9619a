import { describe, expect, it } from 'vitest'
import { createSearchIndex } from '../../../src/search/index.js'
import type { Article } from '../../../src/types.js'

/**
 * Similar questions: a word many users asked an article with outweighs a rarer word that one
 * user's question on another article holds once.
 */
describe('search: similar questions, many askers against one', () => {
  const filler: Article[] = Array.from({ length: 20 }, (_, i) => ({
    id: `f${i}`,
    locale: 'en',
    title: `Topic ${i}`,
    tags: [],
    body: 'General wallet help text about settings.',
    questions: ['where is my money', `how long for topic ${i}`, ...(i < 8 ? ['refund', 'late'] : [])],
  }))
  const asked = ['where is my refund, still late', 'refund late', 'refund missing', 'late refund from shop']
  const articles: Article[] = [
    ...filler,
    {
      id: 'money-back',
      locale: 'en',
      title: 'Money back',
      tags: [],
      body: 'It goes back to where you paid from.',
      questions: Array.from({ length: 10 }, (_, i) => asked[i % 4]!),
    },
    {
      id: 'parking',
      locale: 'en',
      title: 'Parking passes',
      tags: [],
      body: 'Buy a parking pass in the wallet.',
      // One question each holds the query's words once, one of them rare ("fortnight").
      questions: ['parking pass after a fortnight', 'refund for parking', 'is it late'],
    },
  ]
  const index = createSearchIndex(articles)

  it('ranks the article whose questions repeat the query words above one holding a rare word once', () => {
    const hits = index.search('refund late a fortnight', { locale: 'en' })
    expect(hits.map((h) => h.id).slice(0, 2)).toEqual(['money-back', 'parking'])
  })

  it('still finds an article through a word only one of its questions holds', () => {
    expect(index.search('fortnight', { locale: 'en' }).map((h) => h.id)).toEqual(['parking'])
  })

  it('keeps more askers ahead under a very high questions weight (no tie at the cache cap)', () => {
    const article = (id: string, n: number): Article => ({
      id,
      locale: 'en',
      title: id,
      tags: [],
      body: 'text',
      questions: Array<string>(n).fill('refund'),
    })
    // Ids so that a tie (ordered by id) would put the fewer askers first.
    const heavy = createSearchIndex([article('z-many', 15), article('a-fewer', 10), article('none', 0)], {
      weights: { questions: 5000 },
    })
    const [a, b] = heavy.search('refund', { locale: 'en' })
    expect([a!.id, b!.id]).toEqual(['z-many', 'a-fewer'])
    expect(a!.score).toBeGreaterThan(b!.score)
  })
})
