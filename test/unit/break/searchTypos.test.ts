import 'fake-indexeddb/auto'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createSupportClient, type Article, type SupportClient } from '../../../src/index.js'
import { loadArticles } from '../../../scripts/indexArticles.js'
import { articlesTransport } from '../../support/transport.js'

// README, top: "help search over your articles … offline, forgiving of typos and paraphrase";
// "What the panel does": "prefix and typo tolerance". src/search/README.md: "an unknown word
// matches words 1 edit away (2 from 8 characters)".
// Two neighbouring letters swapped is the commonest slip on a phone keyboard, and one slip. A
// dropped letter is forgiven (`refnd` finds the refund article), and a swap is forgiven in long
// words (`withdarw`, `dupilcate`), but a swap in a short word finds nothing at all: `refnud`,
// `refudn`, `rfeund` for "refund", `scma` for "scam" — an empty result for the user's one word.
let articles: Article[]
beforeAll(() => {
  articles = loadArticles('examples/articles')
})
const clients: SupportClient[] = []
afterEach(() => clients.splice(0).forEach((c) => c.destroy()))

async function search(query: string): Promise<string[]> {
  const client = createSupportClient({ transport: articlesTransport(), locale: 'en', articles: { articles } })
  clients.push(client)
  return (await client.help.search(query)).slice(0, 3).map((h) => h.id)
}

describe('help search in the English UI, over the example articles', () => {
  it('forgives a dropped letter and a swap in a long word (holds today)', async () => {
    expect(await search('refnd')).toContain('en-refund')
    expect(await search('withdarw')).toContain('en-withdraw')
  })

  it.each([
    ['refnud', 'en-refund'],
    ['rfeund', 'en-refund'],
    ['refudn', 'en-refund'],
    ['scma', 'en-scams'],
  ])('forgives two swapped letters in a short word: %s finds %s', async (query, id) => {
    expect(await search(query)).toContain(id)
  })
})
