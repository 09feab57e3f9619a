/**
 * Everyday words for wallet problems that the synonym table lacked: each query below found another
 * article first over the demo articles (no similar questions) before its words joined a group.
 * The wordings are the tests' own, not queries of a tuning or held-out set.
 */
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { loadArticles } from '../../../scripts/indexArticles.js'
import { createSearchIndex, walletSynonyms } from '../../../src/search/index.js'

const root = fileURLToPath(new URL('../../../', import.meta.url))
const index = createSearchIndex(loadArticles(join(root, 'examples/articles')), { synonyms: walletSynonyms })
const first = (q: string, locale: string): string | undefined => index.search(q, { locale })[0]?.id

describe('wallet vocabulary', () => {
  it.each([
    ['wallet lockdown', 'en-freeze-account'],
    ['left my phone in a taxi', 'en-freeze-account'],
    ['unfamiliar purchase', 'en-unauthorized-transaction'],
    ['replenish my wallet from the bank', 'en-topup-failed'],
    ['misclicked and paid my cousin', 'en-wrong-recipient'],
    ['shut my wallet for good', 'en-close-account'],
    ['when will my ticket money come back', 'en-refund'],
    ['the app wants me to blink', 'en-verify-identity'],
    // Eleventh round (2026-12-06).
    ['a phantom charge from a shop', 'en-unauthorized-transaction'],
    ['topped out when sending rent', 'en-limits'],
    // Twelfth round (2026-12-06).
    ['enrol my debit card in the wallet', 'en-link-bank-card'],
    ['money siphoned out of my account', 'en-unauthorized-transaction'],
    ['account drained overnight', 'en-unauthorized-transaction'],
    ['put my wallet on ice', 'en-freeze-account'],
    ['upload a photo of my licence', 'en-verify-identity'],
    ['discontinue my wallet', 'en-close-account'],
    ['pull out my balance to the bank', 'en-withdraw'],
  ])('「%s」 finds %s first', (q, id) => {
    expect(first(q, 'en')).toBe(id)
  })

  it.each([
    ['怎么给钱包上锁', 'zh-freeze-account'],
    ['被诓走两千块', 'zh-scam-paid'],
    // Eleventh round (2026-12-06).
    ['返钱要几天', 'zh-refund-not-received'],
    ['钱包作废了怎么办', 'zh-close-account'],
    ['寄来的不是我挑的颜色', 'zh-merchant-dispute'],
    ['有人拉我进群说稳赚不赔', 'zh-scam-paid'],
  ])('「%s」 finds %s first', (q, id) => {
    expect(first(q, 'zh-CN')).toBe(id)
  })

  // Words the eleventh round tried in a looser form, which sent ordinary queries elsewhere: 作废 alone
  // (any voided code or card became closing the account), 手机掉 (手机掉线, 手机掉电), 自动关闭 (an order
  // closed by itself), emptied and cleaned out (said of one's own withdrawal).
  it.each([
    ['付款码作废', 'zh-CN', 'zh-payment-failed'],
    ['旧卡作废了换了新卡', 'zh-CN', 'zh-bind-bank-card'],
    ['手机掉线了付款失败', 'zh-CN', 'zh-payment-failed'],
    ['how do I withdraw, I emptied my account', 'en', 'en-withdraw'],
    ['cleaned out my wallet to close it', 'en', 'en-close-account'],
  ])('「%s」 (%s) still finds %s first', (q, locale, id) => {
    expect(first(q, locale)).toBe(id)
  })
  it('an order that closed by itself is no app that closes itself', () => {
    expect(index.search('订单自动关闭', { locale: 'zh-CN' }).map((h) => h.id)).not.toContain('zh-app-update')
  })
})
