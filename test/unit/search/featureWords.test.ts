/**
 * A word that names another wallet feature is no synonym for a problem: "in transit" and
 * "travelling" stood for a delay and "allowance" for a limit, so every query about a delay or a
 * limit also found the operator's articles about transit cards, travel money and pocket-money
 * allowances (at 10k articles they outranked the answer). Twelfth round (2026-12-06).
 */
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { expect, it } from 'vitest'
import type { Article } from '../../../src/types.js'
import { loadArticles } from '../../../scripts/indexArticles.js'
import { createSearchIndex, walletSynonyms } from '../../../src/search/index.js'

const root = fileURLToPath(new URL('../../../', import.meta.url))
const feature = (id: string, title: string, tag: string, body: string): Article => ({
  id,
  locale: 'en',
  title,
  tags: [tag],
  body,
})
const index = createSearchIndex(
  [
    ...loadArticles(join(root, 'examples/articles')),
    feature(
      'en-x-transit',
      'Transit card on your phone',
      'transit',
      'Tap in on buses and trains. Transit rides are listed under Activity.',
    ),
    feature(
      'en-x-travel',
      'Travel money abroad',
      'travel',
      'Spend in 40 currencies when you travel. Travel rates update hourly.',
    ),
    feature(
      'en-x-allowance',
      'Pocket money for kids',
      'allowance',
      'Give your kids a weekly allowance they can spend with their own card.',
    ),
  ],
  { synonyms: walletSynonyms },
)
const ids = (q: string): string[] => index.search(q, { locale: 'en', limit: 20 }).map((h) => h.id)

it.each([
  ['my transfer is still pending', 'en-transfer-delayed', 'en-x-transit'],
  ['payment delayed', 'en-transfer-delayed', 'en-x-travel'],
  ['what is the maximum i can send', 'en-limits', 'en-x-allowance'],
])('「%s」 finds %s and not %s, which only a synonym named', (q, answer, other) => {
  const found = ids(q)
  expect(found).toContain(answer)
  expect(found).not.toContain(other)
})

it('the feature articles are still found by their own words', () => {
  expect(ids('transit card')[0]).toBe('en-x-transit')
  expect(ids('weekly allowance')[0]).toBe('en-x-allowance')
})
