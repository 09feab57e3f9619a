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
const top3 = (q: string): string[] =>
  index
    .search(q, { locale: 'zh-CN' })
    .slice(0, 3)
    .map((h) => h.id)

describe('超额, 超出, 超了: going over the cap is the limits article', () => {
  it.each(['转账提示超额了', '付款的时候说超出了', '转钱超额'])('%s leads to the limits article', (q) =>
    expect(first(q)).toBe('zh-limits'),
  )

  it('among 1k articles too, not the transfer article the verb names', () => {
    expect(big.search('转钱超额', { locale: 'zh-CN' })[0]?.id).toBe('zh-limits')
  })
})

describe('a charge while asleep, or for nothing bought, is an unauthorized one', () => {
  it.each(['我在睡觉的时候被扣了三百块', '睡着了手机却收到付款通知', '我根本没买东西却扣款了'])(
    '%s leads to the unauthorized-transaction article',
    (q) => {
      expect(first(q)).toBe('zh-unauthorized-transaction')
      expect(big.search(q, { locale: 'zh-CN' })[0]?.id).toBe('zh-unauthorized-transaction')
    },
  )

  it('the same cues in another story keep that story’s article (the row’s fourth list)', () => {
    expect(first('昨晚睡觉前付款失败了')).toBe('zh-payment-failed')
    expect(first('没买东西为什么付款密码被锁了')).toBe('zh-reset-payment-password')
    expect(first('没碰手机怎么就扣了手续费')).toBe('zh-fees')
    expect(first('在睡觉的时候商家扣款了两次')).toBe('zh-duplicate-charge')
    expect(top3('钱扣了东西没买成')).toContain('zh-charged-not-received')
    expect(first('钱扣了东西没买成')).not.toBe('zh-unauthorized-transaction')
  })
})

describe('someone on the phone asking for screen sharing or a safe account is the fake-support scam', () => {
  it.each(['接到电话让我下载zoom', '客服说要共享屏幕才能退款', '打来电话让我开共享屏幕', '有人打电话说我涉嫌洗钱'])(
    '%s leads to the fake-support article among 1k articles',
    (q) => expect(big.search(q, { locale: 'zh-CN' })[0]?.id).toBe('zh-fake-customer-service'),
  )

  it('money laundering named by the account itself, with no caller, keeps the restriction article', () => {
    expect(first('账户被冻结了说涉嫌洗钱')).toBe('zh-account-restricted')
  })
})
