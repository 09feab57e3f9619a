import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { loadArticles } from '../../../scripts/indexArticles.js'
import { createSearchIndex, walletSynonyms } from '../../../src/search/index.js'
import { syntheticCorpus } from '../../../bench/data/corpus.js'

/** The example help articles: each behaviour below is checked on the articles users search. */
const root = fileURLToPath(new URL('../../../', import.meta.url))
const articles = loadArticles(join(root, 'examples/articles'))
const index = createSearchIndex(articles, { synonyms: walletSynonyms })
const first = (q: string, locale: string): string | undefined => index.search(q, { locale })[0]?.id
const ids = (q: string, locale: string): string[] => index.search(q, { locale }).map((h) => h.id)
/** The same articles among 940 distractors that share their words (the bench's 1k corpus). */
const big = createSearchIndex(articles.concat(syntheticCorpus(articles, 940)), { synonyms: walletSynonyms })

describe('a call from someone claiming to be staff is a scam', () => {
  it('a caller or someone "claiming" to be the platform leads to the scam articles', () => {
    expect(first('a caller said my account has a problem', 'en')).toBe('en-scams')
    expect(first('自称平台的人打来说要帮我退款', 'zh-CN')).toMatch(/^zh-(scam-paid|fake-customer-service)$/)
  })
})

describe('intent patterns: a third party asking for the code means a scam', () => {
  it('someone asking for the verification code leads to the scam article, not to the one about codes', () => {
    expect(first('someone called asking for my code', 'en')).toBe('en-scams')
    expect(first('自称银行的人来电问我要验证码', 'zh-CN')).toBe('zh-fake-customer-service')
  })

  it('a code that does not arrive, with nobody asking for it, still leads to the code article', () => {
    expect(first('my code never arrived', 'en')).toBe('en-verification-code')
    expect(first('验证码一直收不到', 'zh-CN')).toBe('zh-sms-code-not-received')
  })
})

describe('intent patterns: situations told in the user’s own words', () => {
  it.each([
    ['手机昨晚在饭店被偷了', 'zh-CN', 'zh-freeze-account'],
    ['my phone got stolen on the bus', 'en', 'en-freeze-account'],
    ['钱包里的钱莫名只剩一半了', 'zh-CN', 'zh-balance-wrong'],
    ['账单上有一笔陌生的消费', 'zh-CN', 'zh-unauthorized-transaction'],
    ['买的东西跟说的不一样', 'zh-CN', 'zh-merchant-dispute'],
    ['钱转到银行卡平台抽多少', 'zh-CN', 'zh-fees'],
    ['上个月的钱都花在哪了', 'zh-CN', 'zh-transaction-records'],
    ['号被封了', 'zh-CN', 'zh-account-restricted'],
    ['这张卡以后不用了想删掉', 'zh-CN', 'zh-unbind-bank-card'],
    ['网上认识的人让我交保证金才能提现', 'zh-CN', 'zh-scam-paid'],
  ])('%s → %s', (q, locale, id) => expect(first(q, locale)).toBe(id))

  it('half a pattern changes nothing: the topic word typed alone keeps its article', () => {
    expect(first('提现失败', 'zh-CN')).toBe('zh-withdraw-failed')
    expect(first('手机号怎么换', 'zh-CN')).toBe('zh-change-phone-number')
    expect(first('余额不对', 'zh-CN')).toBe('zh-balance-wrong')
  })
})

describe('intent patterns in English, phrases included (never_paid: "never" then "paid")', () => {
  it.each([
    ['the shop says I never paid', 'en-charged-not-received'],
    ['my visa won’t connect to the app', 'en-link-bank-card'],
    ['payment got refused at the till', 'en-payment-failed'],
    ['a hacker spent money from my account', 'en-unauthorized-transaction'],
    // Written as words, not stems, in the row: purchased meets the stem the query's word gets.
    ['a stranger purchased a phone with my account', 'en-unauthorized-transaction'],
    ['my parcel never came', 'en-merchant-dispute'],
  ])('%s → %s', (q, id) => expect(first(q, 'en')).toBe(id))
})

describe('intent patterns: limits, top-ups and transfers told as what happened', () => {
  it('a payment over the cap and a top-up the balance does not show lead to their articles', () => {
    expect(first('单笔付款超过了怎么办', 'zh-CN')).toBe('zh-limits')
    expect(first('银行卡扣了钱但余额没变', 'zh-CN')).toBe('zh-topup-failed')
  })

  it('money sent to family that they say has not come is a delayed transfer, among distractors too', () => {
    expect(big.search('转给我妈的钱她说没收到', { locale: 'zh-CN' })[0]?.id).toBe('zh-transfer-delayed')
  })
})

describe('an intent outweighs a word typed: it stands for two cues of the query', () => {
  it.each([
    ['a hacker spent my balance', 'en-unauthorized-transaction'],
    ['the shop says I never paid', 'en-charged-not-received'],
  ])('%s → %s among distractors', (q, id) => expect(big.search(q, { locale: 'en' })[0]?.id).toBe(id))
})

describe('wallet words a user types for the articles’ own (Taiwan and colloquial)', () => {
  it.each([
    ['被忽悠付了钱', 'zh-CN', 'zh-scam-paid'],
    ['这笔付了双份', 'zh-CN', 'zh-duplicate-charge'],
  ])('%s → %s', (q, locale, id) => expect(first(q, locale)).toBe(id))

  it('a cell is a mobile number', () => {
    expect(first('got a new cell, how do I put it on my account', 'en')).toBe('en-change-phone-number')
    expect(first('switched cells', 'en')).toBe('en-change-phone-number')
  })

  it('冒用 (someone used my card) is unauthorized use', () => {
    expect(ids('信用卡被冒用', 'zh-TW').slice(0, 3)).toContain('zh-TW-unauthorized-transaction')
  })
})

describe('English: a text is an SMS; money moved to the bank is a withdrawal', () => {
  it.each([
    ['no text when I log in', 'en-verification-code'],
    ['I moved my money to the bank but it is not there', 'en-withdraw'],
    ['how to move my balance to my bank', 'en-withdraw'],
  ])('%s → %s', (q, id) => expect(first(q, 'en')).toBe(id))
})
