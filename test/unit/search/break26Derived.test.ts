import { describe, expect, it } from 'vitest'
import { loadArticles, withQuestionsFile } from '../../../scripts/indexArticles.js'
import { createSearchIndex, walletSynonyms } from '../../../src/search/index.js'

const dir = 'examples/articles'
const all = withQuestionsFile(
  ['en', 'zh-CN', 'zh-TW'].flatMap((l) => loadArticles(`${dir}/${l}`)),
  dir,
)
const index = createSearchIndex(
  all.filter((a) => a.locale === 'en'),
  { synonyms: walletSynonyms },
)
const top = (q: string) => index.search(q, { limit: 3, locale: 'en' }).map((h) => h.id)

describe('derived English words (suffix rule)', () => {
  it('restore is no "store": the account articles, not the refund ones', () => {
    expect(top('restore my account')[0]).not.toBe('en-refund')
  })
  it('a base ending in a silent e keeps its derivations (failure, requirements, validity)', () => {
    expect(top('payment failure').slice(0, 2)).toEqual(['en-payment-failed', 'en-topup-failed'])
  })
  it('chargeback finds something', () => {
    expect(top('chargeback').length).toBeGreaterThan(0)
  })
})
