import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { loadArticles } from '../../../scripts/indexArticles.js'
import { createSearchIndex, walletSynonyms } from '../../../src/search/index.js'
import { syntheticCorpus } from '../../../bench/data/corpus.js'

/** The example help articles, alone and among 940 distractors that share their words (the bench's 1k corpus). */
const root = fileURLToPath(new URL('../../../', import.meta.url))
const articles = loadArticles(join(root, 'examples/articles'))
const index = createSearchIndex(articles, { synonyms: walletSynonyms })
const big = createSearchIndex(articles.concat(syntheticCorpus(articles, 940)), { synonyms: walletSynonyms })
const first = (q: string): string | undefined => index.search(q, { locale: 'zh-CN' })[0]?.id

describe('超额, 超出, 超了: going over the cap is the limits article', () => {
  it.each(['转账提示超额了', '付款的时候说超出了', '转钱超额'])('%s leads to the limits article', (q) =>
    expect(first(q)).toBe('zh-limits'),
  )

  it('among 1k articles too, not the transfer article the verb names', () => {
    expect(big.search('转钱超额', { locale: 'zh-CN' })[0]?.id).toBe('zh-limits')
  })
})
