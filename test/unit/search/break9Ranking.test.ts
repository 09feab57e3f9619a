import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { loadArticles } from '../../../scripts/indexArticles.js'
import { createSearchIndex, walletSynonyms } from '../../../src/search/index.js'

/*
 * Queries a wallet user types, over the example articles, where a word the query holds only in
 * passing took the first place from the article the query is about.
 */
const root = fileURLToPath(new URL('../../../', import.meta.url))
const index = createSearchIndex(loadArticles(join(root, 'examples/articles')), { synonyms: walletSynonyms })
const top = (q: string, locale: string): string | undefined => index.search(q, { locale })[0]?.id

describe('"unknown" is a sign of fraud only next to a charge or a transaction', () => {
  it.each([
    // A status the app cannot tell is a delayed or failed payment, not a stolen account.
    ['payment status unknown', 'en', 'en-payment-failed'],
    ['transfer status unknown', 'en', 'en-transfer-delayed'],
    ['status unknown', 'en', 'en-transfer-delayed'],
    ['unknown app', 'en', 'en-update-app'],
    ['unknown error', 'en', 'en-payment-failed'],
    ['unknown device logged in', 'en', 'en-freeze-account'],
  ])('「%s」 (%s) ranks %s first', (q, locale, id) => {
    expect(top(q, locale)).toBe(id)
  })

  it.each([
    ['unknown charge', 'en'],
    ['unknown charges on my card', 'en'],
    ['unknown payment', 'en'],
    ['unknown transaction', 'en'],
    ['unknown transaction on my account', 'en'],
    ['unknown deduction', 'en'],
  ])('「%s」 (%s) still ranks the unauthorized transaction article first', (q, locale) => {
    expect(top(q, locale)).toBe('en-unauthorized-transaction')
  })
})

describe('a 7-letter word is corrected by two edits only into a word it starts as', () => {
  // Two substitutions anywhere made these other wallet words: scammer, better, version, pretend,
  // protect, declin(ed).
  it.each(['battery', 'session', 'present', 'product', 'deadline'])(
    '「%s」 is no typo of an article word: nothing found',
    (q) => {
      expect(index.search(q, { locale: 'en' })).toEqual([])
    },
  )

  // A word derived from an article word stands for it (see derived.test.ts): scanner → scan.
  it('「scanner」 is no typo of scammer: it finds what says scan, never the scam article', () => {
    const hits = index.search('scanner', { locale: 'en' })
    expect(hits.map((h) => h.id)).toEqual(['en-merchant-dispute'])
  })

  it('a QR scanner that does not work is no scam, a refund deadline no declined payment', () => {
    expect(index.search('qr scanner not working', { locale: 'en', limit: 3 }).map((h) => h.id)).not.toContain(
      'en-scams',
    )
    expect(index.search('deadline for refund', { locale: 'en', limit: 3 }).map((h) => h.id)).not.toContain(
      'en-payment-failed',
    )
    expect(top('session expired', 'en')).not.toBe('en-update-app')
  })

  it.each([
    // The stemmer's identiti is two edits from the typo, at its end; charegd is two from charg.
    ['identiy check failed', 'en', 'en-verify-identity'],
    ['charegd twice', 'en', 'en-duplicate-charge'],
  ])('「%s」 (%s) still ranks %s first', (q, locale, id) => {
    expect(top(q, locale)).toBe(id)
  })
})

describe('a single Han character of a longer query is never highlighted', () => {
  // 𠮷 (U+20BB7) is one character in two UTF-16 units, 吉 one in one.
  const small = createSearchIndex([
    { id: 'a', locale: 'zh-CN', title: '𠮷野家的钱包', tags: ['店'], body: '在𠮷野家用钱包付款，𠮷字和吉字不同。' },
  ])
  const marked = (q: string): string[] =>
    small.search(q).flatMap((h) => h.highlights.map(([s, e]) => h.snippet.slice(s, e)))

  it.each([
    ['钱包𠮷', '钱包'],
    ['钱包吉', '钱包'],
    ['𠮷钱包付款', '钱包付款'],
  ])('「%s」 marks %s only', (q, words) => {
    expect(marked(q)).toEqual([words])
  })

  it('a query of that one character still marks it', () => {
    expect(marked('𠮷')).toEqual(['𠮷', '𠮷'])
  })
})
