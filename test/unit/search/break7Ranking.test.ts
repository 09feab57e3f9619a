import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { loadArticles } from '../../../scripts/indexArticles.js'
import { createSearchIndex, walletSynonyms } from '../../../src/search/index.js'

/*
 * Queries written from the example articles against the English and Taiwan synonym groups and
 * the synonym weight 0.8: each one ranked its article first before those groups came in, and a
 * variant that stands for another topic took the first place from it.
 */
const root = fileURLToPath(new URL('../../../', import.meta.url))
const index = createSearchIndex(loadArticles(join(root, 'examples/articles')), { synonyms: walletSynonyms })
const top = (q: string, locale: string): string | undefined => index.search(q, { locale })[0]?.id

describe('synonym variants that stand for another topic', () => {
  it.each([
    // "remember" is no sign of a forgotten PIN: not remembering a payment is the fraud case.
    ["I don't remember making this payment", 'en', 'en-unauthorized-transaction'],
    // One-time codes are six digits too; "digit" alone must not pull in the PIN article.
    ['6-digit code never came', 'en', 'en-verification-code'],
    ['waiting for the six digit sms', 'en', 'en-verification-code'],
    // The crash group holds "freezes" (stem freez, as in freeze account): a crash word must not
    // rank the account freeze article over the app update article.
    ['the app quits', 'en', 'en-update-app'],
    ['app shuts down by itself', 'en', 'en-update-app'],
    // "incorrect" says nothing about a balance.
    ['incorrect recipient', 'en', 'en-wrong-recipient'],
    // 退货 (sending goods back) is a matter with the merchant, not a refund on its way.
    ['七天无理由退货', 'zh-CN', 'zh-merchant-dispute'],
    ['退货运费谁出', 'zh-CN', 'zh-merchant-dispute'],
  ])('「%s」 (%s) ranks %s first', (q, locale, id) => {
    expect(top(q, locale)).toBe(id)
  })
})

describe('the new groups where they help (held before and after the fix)', () => {
  it.each([
    ['take out money to my bank', 'en', 'en-withdraw'],
    ['mistakenly transferred to stranger', 'en', 'en-wrong-recipient'],
    ['without permission someone used my card', 'en', 'en-unauthorized-transaction'],
    ['selfie verification keeps failing', 'en', 'en-verify-identity'],
    ['买到假货怎么办', 'zh-CN', 'zh-merchant-dispute'],
    ['领出来的钱没到银行卡', 'zh-CN', 'zh-withdraw-failed'],
    ['臉部辨識失敗', 'zh-TW', 'zh-real-name-verification'],
    ['退货后退款没到账', 'zh-CN', 'zh-refund-not-received'],
    ["I can't remember my password", 'en', 'en-reset-pin'],
    ['mobile app keeps crashing', 'en', 'en-update-app'],
  ])('「%s」 (%s) ranks %s first', (q, locale, id) => {
    expect(top(q, locale)).toBe(id)
  })
})
