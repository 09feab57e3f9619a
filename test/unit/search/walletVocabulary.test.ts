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
    ['my account got cleaned out overnight', 'en-unauthorized-transaction'],
    ['a phantom charge from a shop', 'en-unauthorized-transaction'],
    ['topped out when sending rent', 'en-limits'],
  ])('「%s」 finds %s first', (q, id) => {
    expect(first(q, 'en')).toBe(id)
  })

  it.each([
    ['怎么给钱包上锁', 'zh-freeze-account'],
    ['被诓走两千块', 'zh-scam-paid'],
    // Eleventh round (2026-12-06).
    ['返钱要几天', 'zh-refund-not-received'],
    ['这个钱包我要作废掉', 'zh-close-account'],
    ['寄来的不是我挑的颜色', 'zh-merchant-dispute'],
    ['有人拉我进群说稳赚不赔', 'zh-scam-paid'],
  ])('「%s」 finds %s first', (q, id) => {
    expect(first(q, 'zh-CN')).toBe(id)
  })
})
