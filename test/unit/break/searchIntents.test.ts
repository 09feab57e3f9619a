import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { loadArticles } from '../../../scripts/indexArticles.js'
import { createSearchIndex, walletSynonyms } from '../../../src/search/index.js'
import { syntheticCorpus } from '../../../bench/data/corpus.js'

/**
 * Intent patterns (`INTENTS`) read two cues of a query as a situation; stories told with the same
 * cues about another situation must keep their own article first. Checked on the example articles.
 */
const root = fileURLToPath(new URL('../../../', import.meta.url))
const articles = loadArticles(join(root, 'examples/articles'))
const index = createSearchIndex(articles, { synonyms: walletSynonyms })
const first = (q: string, locale: string): string | undefined => index.search(q, { locale })[0]?.id
/** The same articles among 940 distractors that share their words (the bench's 1k corpus). */
const big = createSearchIndex(articles.concat(syntheticCorpus(articles, 940)), { synonyms: walletSynonyms })

describe('a bank card that did not grow is a top-up only when money went from the card', () => {
  it.each([
    ['提现了但卡里没多钱', 'zh-CN', 'zh-withdraw-failed'],
    ['提现后银行卡余额没变', 'zh-CN', 'zh-withdraw-failed'],
    ['提現後銀行卡餘額沒變', 'zh-TW', 'zh-TW-withdraw-failed'],
    ['退款了但卡里钱没多', 'zh-CN', 'zh-refund-not-received'],
  ])('%s (%s) → %s', (q, locale, id) => expect(first(q, locale)).toBe(id))

  it('money taken from the card that never reached the wallet is still a top-up', () => {
    expect(first('银行扣了500 零钱没增加', 'zh-CN')).toBe('zh-topup-failed')
    expect(first('卡里的钱划走了 钱包里没多', 'zh-CN')).toBe('zh-topup-failed')
  })
})

describe('money taken on a failed cash-out is the failure, not the fee', () => {
  it.each([
    ['提现失败了但是扣钱了', 'zh-CN', 'zh-withdraw-failed'],
    ['提现没到账，余额却扣钱了', 'zh-CN', 'zh-withdraw-failed'],
    ['提現失敗了但是扣錢了', 'zh-TW', 'zh-TW-withdraw-failed'],
  ])('%s (%s) → %s', (q, locale, id) => expect(first(q, locale)).toBe(id))

  it('what a cash-out costs still leads to the fees article', () => {
    expect(first('提个现还要扣钱啊 咋算的', 'zh-CN')).toBe('zh-fees')
    expect(first('钱取到卡上平台要抽多少', 'zh-CN')).toBe('zh-fees')
  })
})

describe('someone else not receiving a code, refund or top-up is not a pending transfer', () => {
  it.each([
    ['我妈的手机没收到验证码', 'zh-CN', 'zh-sms-code-not-received'],
    ['我媽的手機沒收到驗證碼', 'zh-TW', 'zh-TW-sms-code-not-received'],
    ['朋友说退款还没收到', 'zh-CN', 'zh-refund-not-received'],
  ])('%s (%s) → %s', (q, locale, id) => expect(first(q, locale)).toBe(id))

  it('money sent to a friend who has not got it is still a pending transfer', () => {
    expect(first('给朋友打了钱他说还没收到', 'zh-CN')).toBe('zh-transfer-delayed')
  })
})

describe('a lost phone number or SIM is a number change, not a lost phone', () => {
  it.each([
    ['手机卡丢了，怎么换绑手机号', 'zh-CN', 'zh-change-phone-number'],
    ['I lost my old phone number, how do I change it', 'en', 'en-change-phone-number'],
  ])('%s (%s) → %s', (q, locale, id) => expect(first(q, locale)).toBe(id))

  it('a lost or stolen phone still leads to freezing the account', () => {
    expect(first('手机丢了赶紧把号锁了', 'zh-CN')).toBe('zh-freeze-account')
    expect(first('what should i do if i lose my phone', 'en')).toBe('en-freeze-account')
  })
})

describe('a refund that has not come for an order is the refund article', () => {
  it.each([
    ['I never got the refund for my order', 'en', 'en-refund'],
    ['the refund for my order never arrived', 'en', 'en-refund'],
    ['my order was cancelled but I never got my money back', 'en', 'en-refund'],
    ['my refund from the merchant is still awaiting', 'en', 'en-refund'],
  ])('%s (%s) → %s', (q, locale, id) => expect(first(q, locale)).toBe(id))

  it('an order that never came still leads to the dispute article', () => {
    expect(first('package never came', 'en')).toBe('en-merchant-dispute')
    expect(first('ordered shoes, never got delivered', 'en')).toBe('en-merchant-dispute')
  })
})

describe('a code that does not arrive is not a scam because a call or someone is named', () => {
  it.each([
    ['验证码一直不来，打电话给客服也打不通', 'zh-CN', 'zh-sms-code-not-received'],
    ['can someone help, my code isn’t arriving', 'en', 'en-verification-code'],
    ['voice call for the verification code', 'en', 'en-verification-code'],
  ])('%s (%s) → %s', (q, locale, id) => expect(first(q, locale)).toBe(id))

  it('someone asking for the code is still a scam', () => {
    expect(first('有人打电话自称平台工作人员让我报短信里的数字', 'zh-CN')).toBe('zh-fake-customer-service')
    expect(first('caller says he is from support and wants the code I just got', 'en')).toBe('en-scams')
  })
})

describe('an unknown charge is not read into 不明白, a stranger paid or a membership never used', () => {
  it.each([
    ['不明白为什么提现扣了手续费', 'zh-CN', 'zh-fees'],
    ['转账给不认识的人扣了钱怎么追回', 'zh-CN', 'zh-wrong-recipient'],
    ['从来没用过的会员怎么每个月都扣了钱', 'zh-CN', 'zh-auto-debit'],
  ])('%s (%s) → %s', (q, locale, id) => expect(first(q, locale)).toBe(id))

  it('a charge nobody recognizes still leads to the unauthorized-transaction article', () => {
    expect(first('账单里有一笔我完全没印象的支出', 'zh-CN')).toBe('zh-unauthorized-transaction')
    expect(first('不明消费', 'zh-CN')).toBe('zh-unauthorized-transaction')
  })
})

describe('卡 and 删 in a stuck app, a deleted account or a linked number are no card to remove', () => {
  it.each([
    ['App一直卡，删了重装可以吗', 'zh-CN', 'zh-app-update'],
    ['我想删除账号，卡里还有钱', 'zh-CN', 'zh-close-account'],
    ['银行卡关联的手机号换了', 'zh-CN', 'zh-change-phone-number'],
  ])('%s (%s) → %s', (q, locale, id) => expect(first(q, locale)).toBe(id))

  it('a card to take off the wallet still leads to unbinding', () => {
    expect(first('不想让这张卡再关联钱包了', 'zh-CN')).toBe('zh-unbind-bank-card')
    expect(first('旧卡不用了 怎么从账户里弄掉', 'zh-CN')).toBe('zh-unbind-bank-card')
  })
})

describe('号 of a card number, or a number that did not change, is no account or number change', () => {
  it.each([
    ['银行卡号码换了，怎么解绑旧卡', 'zh-CN', 'zh-unbind-bank-card'],
    ['换手机后号码没变，收不到验证码', 'zh-CN', 'zh-sms-code-not-received'],
  ])('%s (%s) → %s', (q, locale, id) => expect(first(q, locale)).toBe(id))

  it('a bank card number that stopped working is not a restricted account', () => {
    expect(first('银行卡号不能用了怎么换一张', 'zh-CN')).not.toBe('zh-account-restricted')
  })

  it('a blocked account and a new number still find their articles', () => {
    expect(first('好好的号突然不让用了 搞什么啊', 'zh-CN')).toBe('zh-account-restricted')
    expect(first('旧号停机了咋换绑', 'zh-CN')).toBe('zh-change-phone-number')
  })
})

describe('registering an account is no payment at the register', () => {
  it('a sign-up whose code never came leads to the code article', () => {
    expect(first("I couldn't register, the code never arrived", 'en')).toBe('en-verification-code')
    expect(first("couldn't register my account", 'en')).not.toBe('en-payment-failed')
  })

  it('a payment refused at the register still leads to the failed-payment article', () => {
    expect(first("couldn't pay at the register, it just said unsuccessful", 'en')).toBe('en-payment-failed')
  })
})

describe('money moved to a wrong bank account is no withdrawal', () => {
  it('moved to the wrong bank account leads to the wrong-recipient article', () => {
    expect(first('moved money to the wrong bank account', 'en')).toBe('en-wrong-recipient')
  })

  it('moving money to my bank still leads to withdrawals', () => {
    expect(first('moved my balance to my bank and it never landed', 'en')).toBe('en-withdraw')
  })
})

describe('a card payment that could not connect is a failed payment, not a card to link', () => {
  it('a card payment with a connection error leads to the failed-payment article', () => {
    expect(first("debit card payment failed, app couldn't connect", 'en')).toBe('en-payment-failed')
  })

  it('a card that will not connect to the wallet still leads to linking', () => {
    expect(first("why won't my credit card connect to the wallet", 'en')).toBe('en-link-bank-card')
  })
})

describe('a wallet that looks different, lost a card or paid out a withdrawal is no wrong balance', () => {
  it.each([
    ['提现到银行卡，零钱少了但银行卡没到账', 'zh-CN', 'zh-withdraw-failed'],
    ['钱包里绑定的银行卡不见了', 'zh-CN', 'zh-bind-bank-card'],
    ['更新后钱包界面不一样了', 'zh-CN', 'zh-app-update'],
  ])('%s (%s) → %s', (q, locale, id) => expect(first(q, locale)).toBe(id))

  it('a balance that is short still leads to the balance article', () => {
    expect(first('钱包里的钱莫名少了一块', 'zh-CN')).toBe('zh-balance-wrong')
  })
})

describe('something bought earlier that failed, went unshipped or is to be refunded is no records search', () => {
  it.each([
    ['以前都能付，现在买东西付款失败', 'zh-CN', 'zh-payment-failed'],
    ['去年买的会员一直自动扣费', 'zh-CN', 'zh-auto-debit'],
    ['上个月买的东西还没发货', 'zh-CN', 'zh-merchant-dispute'],
  ])('%s (%s) → %s', (q, locale, id) => expect(first(q, locale)).toBe(id))

  it('looking back at past spending still leads to the records article', () => {
    expect(first('想看看上个月花了多少', 'zh-CN')).toBe('zh-transaction-records')
    expect(first('去年买的东西想翻出来看看 在哪找啊', 'zh-CN')).toBe('zh-transaction-records')
  })
})

describe('two charges that differ are a duplicate charge, not goods unlike their description', () => {
  it('买东西两次扣的钱不一样 leads to the duplicate-charge article', () => {
    expect(first('买东西两次扣的钱不一样', 'zh-CN')).toBe('zh-duplicate-charge')
  })

  it('goods unlike their description still lead to the dispute article', () => {
    expect(first('收到的商品跟网页上完全不一样', 'zh-CN')).toBe('zh-merchant-dispute')
  })
})

describe('"cell" alone is no phone number', () => {
  it('a phone that died during a payment leads to the payment articles, not the number change', () => {
    expect(first('my cell died during payment, was I charged', 'en')).not.toBe('en-change-phone-number')
    expect(first('my cell died during payment, was I charged', 'en')).not.toBe('en-freeze-account')
  })

  it('a new cell number still leads to the number change', () => {
    expect(first('how do I update my cell number', 'en')).toBe('en-change-phone-number')
  })
})

describe('"at most how long" asks for a time, not a limit', () => {
  it('当天转账最多多久到账 leads to the delayed-transfer article', () => {
    expect(first('当天转账最多多久到账', 'zh-CN')).toBe('zh-transfer-delayed')
  })

  it('how much a day allows still leads to the limits article', () => {
    expect(first('一天最多能转多少钱', 'zh-CN')).toBe('zh-limits')
  })
})

describe('support that cannot be reached is not a scammer who vanished', () => {
  it('平台联系不上客服，钱提不出来 leads to the withdrawal article among 1k articles', () => {
    expect(big.search('平台联系不上客服，钱提不出来', { locale: 'zh-CN' })[0]?.id).toBe('zh-withdraw-failed')
  })

  it('a contact who vanished with the money still leads to the scam article', () => {
    expect(first('网上认识的人带我投资 转了钱就联系不上了 还有救吗', 'zh-CN')).toBe('zh-scam-paid')
  })
})

describe('a changed cell is still a phone number', () => {
  it('changed my cell leads to the number change', () => {
    expect(first('changed my cell, how do I update it', 'en')).toBe('en-change-phone-number')
  })
})

describe('"called me" alone is no scam', () => {
  it('a merchant who called about a refund leads to the refund article among 1k articles', () => {
    expect(big.search('the merchant called me about my refund', { locale: 'en' })[0]?.id).toBe('en-refund')
  })

  it('a call asking for the code is still a scam', () => {
    expect(first('someone called me and asked for my code', 'en')).toBe('en-scams')
  })
})
