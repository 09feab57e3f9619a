import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { loadArticles } from '../../../scripts/indexArticles.js'
import { createSearchIndex, walletSynonyms } from '../../../src/search/index.js'

/*
 * Everyday phrases of the 2026-12-05 synonym lines that took the first place from the article a
 * query is about, over the example articles: each ranked its article first before those lines.
 */
const root = fileURLToPath(new URL('../../../', import.meta.url))
const index = createSearchIndex(loadArticles(join(root, 'examples/articles')), { synonyms: walletSynonyms })
const top = (q: string, locale: string): string | undefined => index.search(q, { locale })[0]?.id

describe('"not working" says something is broken, not that a payment was declined', () => {
  it.each([
    ['app not working', 'en-update-app'],
    ['wallet app not working', 'en-update-app'],
    ["app doesn't work", 'en-update-app'],
    ['login not working', 'en-reset-pin'],
  ])('「%s」 ranks %s first, not the withdrawal article', (q, id) => {
    expect(top(q, 'en')).toBe(id)
  })
})

describe('"too high" of a fee is about the fee, not the limit', () => {
  it.each(['fee too high', 'fees too high', 'too high fee'])('「%s」 ranks the fees article first', (q) => {
    expect(top(q, 'en')).toBe('en-fees')
  })
})

describe('钱包里的钱 / 账上的钱 is how users say their money, not a wrong balance', () => {
  it.each([
    ['账上的钱怎么提现', 'zh-withdraw-failed'],
    ['钱包里的钱被冻结了', 'zh-freeze-account'],
    ['钱包里的钱拿不出来 卡上一分没进 要疯了', 'zh-withdraw-failed'],
    ['卡挂失了，钱包里的钱拿不出来', 'zh-withdraw-failed'],
  ])('「%s」 ranks %s first, not the wrong-balance article', (q, id) => {
    expect(top(q, 'zh-CN')).toBe(id)
  })

  it('a wallet with less money in it is still a wrong balance', () => {
    expect(top('钱包里的钱少了', 'zh-CN')).toBe('zh-balance-wrong')
  })
})
