import fc from 'fast-check'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { loadArticles } from '../../../scripts/indexArticles.js'
import { createSearchIndex, walletSynonyms } from '../../../src/search/index.js'

/*
 * Whatever a user types or pastes, search returns at most `limit` distinct articles, and the
 * derived-word rule (refundable → refund) does work in proportion to what was typed: counted as
 * the characters its string slices copy, not timed.
 */
const root = fileURLToPath(new URL('../../../', import.meta.url))
const index = createSearchIndex(loadArticles(join(root, 'examples/articles')), { synonyms: walletSynonyms })

const WORDS = [
  'refund',
  'unfreezing',
  'refundable',
  'scanner',
  'recharge',
  'overpaid',
  'not working',
  '钱包里的钱',
  '提不出来',
  '轉帳',
  'too high',
  'stuck',
]
// A word, or a run of up to 3,000 letters (fast-check's default sizes keep strings short).
const letters = fc
  .tuple(
    fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz'), minLength: 1, maxLength: 30 }),
    fc.integer({ min: 1, max: 300 }),
  )
  .map(([s, n]) => s.repeat(n).slice(0, 3000))
const query = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  letters,
  fc
    .tuple(
      fc.array(fc.oneof(fc.constantFrom(...WORDS), letters, fc.constantFrom('un', 're', 'mis', 'dis', 'de', 'non')), {
        maxLength: 8,
      }),
      fc.constantFrom(' ', '', '-'),
    )
    .map(([ws, sep]) => ws.join(sep)),
)
const locale = fc.constantFrom('en', 'zh-CN', 'zh-TW', '')

/** Characters copied by String.prototype.slice while `fn` runs. */
function sliced<T>(fn: () => T): [T, number] {
  const slice = String.prototype.slice
  let n = 0
  String.prototype.slice = function (this: string, ...a: [number?, number?]) {
    const s = slice.apply(this, a)
    n += s.length
    return s
  }
  try {
    return [fn(), n]
  } finally {
    String.prototype.slice = slice
  }
}

describe('search over the example articles, any string', () => {
  it('never throws, returns at most limit distinct articles', () => {
    fc.assert(
      fc.property(query, locale, fc.integer({ min: 1, max: 12 }), (q, loc, limit) => {
        const hits = index.search(q, { locale: loc, limit })
        expect(hits.length).toBeLessThanOrEqual(limit)
        expect(new Set(hits.map((h) => h.id)).size).toBe(hits.length)
        for (const h of hits) expect(typeof h.snippet == 'string' || h.snippet === undefined).toBe(true)
      }),
      { numRuns: 300 },
    )
  })

  it('slices characters in proportion to the query, however long its words', () => {
    index.search('warm up', { locale: 'en' })
    fc.assert(
      fc.property(query, locale, (q, loc) => {
        const [, n] = sliced(() => index.search(q, { locale: loc, limit: 10 }))
        // Snippets slice article text (a few hundred characters a hit); the rule slices words.
        expect(n).toBeLessThanOrEqual(20_000 + 40 * q.length)
      }),
      { numRuns: 150 },
    )
  })
})
