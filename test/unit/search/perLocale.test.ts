import { readFileSync, readdirSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { createSearchIndex, walletSynonyms } from '../../../src/search/index.js'
import { parseArticle } from '../../../src/search/markdownArticle.js'
import { onePerArticle, translationKey } from '../../../src/search/locales.js'

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

describe('onePerArticle (what the index and bench:search show per translated article)', () => {
  const locale = (id: string): string => (id.startsWith('zh-TW-') ? 'zh-TW' : id.startsWith('zh-') ? 'zh-CN' : 'en')
  const copies = new Map<string, string[]>()
  for (const id of ['zh-refund', 'zh-TW-refund', 'zh-limits', 'zh-TW-fees', 'zh-fees'])
    copies.set(translationKey(id, locale(id)), [...(copies.get(translationKey(id, locale(id))) ?? []), id])
  const show = (ranked: string[], locales: string[], limit = 10): string[] =>
    onePerArticle(
      ranked,
      locales,
      limit,
      (id) => translationKey(id, locale(id)),
      (k) => copies.get(k)!,
      locale,
    ).map(([id]) => id)

  it('keeps the ranked order, one entry per topic, in the most preferred locale that has it', () => {
    const ranked = ['zh-refund', 'zh-limits', 'zh-TW-refund', 'zh-fees', 'zh-TW-fees']
    expect(show(ranked, ['zh-TW', 'zh-CN'])).toEqual(['zh-TW-refund', 'zh-limits', 'zh-TW-fees'])
    expect(show(ranked, ['zh-CN', 'zh-TW'])).toEqual(['zh-refund', 'zh-limits', 'zh-fees'])
    expect(show(ranked, ['zh-TW', 'zh-CN'], 2)).toEqual(['zh-TW-refund', 'zh-limits'])
  })

  it('pairs each shown copy with the entry that matched', () => {
    const pairs = onePerArticle(
      ['zh-fees'],
      ['zh-TW', 'zh-CN'],
      10,
      (id) => translationKey(id, locale(id)),
      (k) => copies.get(k)!,
      locale,
    )
    expect(pairs).toEqual([['zh-TW-fees', 'zh-fees']])
  })
})
