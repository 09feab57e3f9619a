import { readFileSync, readdirSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { createSearchIndex, walletSynonyms } from '../../../src/search/index.js'
import { parseArticle } from '../../../src/search/markdownArticle.js'

// Over REST the articles arrive one locale at a time, so the index holds only that locale and
// term statistics differ from the full set: the canonical answers must still come first.
const dir = new URL('../../../examples/articles/zh-CN/', import.meta.url)
const zh = readdirSync(dir).map((f) =>
  parseArticle(readFileSync(new URL(f, dir), 'utf8'), { file: f, locale: 'zh-CN' }),
)

describe('a zh-CN-only index', () => {
  const index = createSearchIndex(zh, { synonyms: walletSynonyms })
  it.each([
    ['钱扣了但是没到账', 'zh-charged-not-received'],
    ['银行卡 bind failed', 'zh-bind-bank-card'],
  ])('%s → %s first', (query, id) => {
    expect(index.search(query, { locale: 'zh-CN', limit: 3 })[0]?.id).toBe(id)
  })
})
