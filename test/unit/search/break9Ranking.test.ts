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
