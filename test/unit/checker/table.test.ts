import { describe, expect, it } from 'vitest'
import { buildOfficialList, checkContact, type CheckResult } from '../../../src/checker/index.js'

/** The operator of these tests: one hotline, a website and mailbox on example.com, two social accounts. */
const list = buildOfficialList(
  {
    hotline: { number: '95188' },
    email: { address: 'service@example.com' },
    website: { url: 'https://wallet.example.com' },
    social: [
      { name: '微博', url: 'https://weibo.com/examplewallet' },
      { name: 'Douyin', url: 'https://www.douyin.com/user/ExampleWallet', handle: '@ExampleWallet' },
    ],
  },
  ['+86 171 0000 1234', 'refund-example.top'],
)
const withLandline = buildOfficialList({
  hotline: { number: '010-9518 8000' },
  website: { url: 'https://www.example.com.cn' },
})

type Expect = ['official' | 'notOurs' | 'unreadable'] | ['lookalike', string]
const verdictOf = (r: CheckResult): string[] => (r.verdict === 'lookalike' ? [r.verdict, r.reason] : [r.verdict])

/** Genuine forms of the official channels: each must be recognised as ours. */
const genuine: Array<[string, string]> = [
  ['95188', 'hotline'],
  ['９５１８８', 'hotline'],
  ['95 188', 'hotline'],
  ['951-88', 'hotline'],
  ['tel:95188', 'hotline'],
  ['+86 95188', 'hotline'],
  ['0086 95188', 'hotline'],
  ['+86-95188', 'hotline'],
  ['https://wallet.example.com', 'website'],
  ['wallet.example.com/help', 'website'],
  ['HTTPS://WALLET.EXAMPLE.COM/refund?id=1', 'website'],
  ['https://example.com', 'website'],
  ['http://pay.example.com:8443/a#b', 'website'],
  ['example.com.', 'website'],
  ['service@example.com', 'email'],
  ['SERVICE@Example.COM', 'email'],
  ['mailto:service@example.com', 'email'],
  ['noreply@notice.example.com', 'email'],
  ['@examplewallet', 'social'],
  ['ExampleWallet', 'social'],
  ['https://weibo.com/examplewallet', 'social'],
  ['https://www.douyin.com/user/ExampleWallet', 'social'],
]
const genuineLandline: string[] = [
  '010-9518 8000',
  '+86 10 9518 8000',
  '0086 10 95188000',
  '(010) 95188000',
  '+86 (0)10 9518-8000',
  '+８６ １０ ９５１８ ８０００',
  'https://www.example.com.cn/',
  'm.example.com.cn',
]

/** Look-alikes: each must be caught, with the reason the user is told. */
const lookalikes: Array<[string, Expect]> = [
  // Phone numbers
  ['+95188', ['lookalike', 'containsOfficial']],
  ['0095188', ['lookalike', 'containsOfficial']],
  ['95188-1', ['lookalike', 'containsOfficial']],
  ['951880', ['lookalike', 'containsOfficial']],
  ['1095188', ['lookalike', 'containsOfficial']],
  ['+1 95188 0000', ['lookalike', 'containsOfficial']],
  ['+44 95188', ['lookalike', 'containsOfficial']],
  ['95186', ['lookalike', 'similarNumber']],
  ['95818', ['lookalike', 'similarNumber']],
  ['9518', ['lookalike', 'similarNumber']],
  ['９５１８６', ['lookalike', 'similarNumber']],
  // Web addresses
  ['wallet.example.com.evil.cn', ['lookalike', 'subdomain']],
  ['https://wallet.example.com.evil.cn/login', ['lookalike', 'subdomain']],
  ['example.com.refund-center.cn', ['lookalike', 'subdomain']],
  ['example.com-secure.cn', ['lookalike', 'subdomain']],
  ['https://example.secure-login.cn', ['lookalike', 'subdomain']],
  ['wallet-example.com', ['lookalike', 'combo']],
  ['example-pay.cn', ['lookalike', 'combo']],
  ['https://example-refund.top/claim', ['lookalike', 'combo']],
  ['examplewallet.net', ['lookalike', 'combo']],
  ['https://wallet.example.com@evil.cn', ['lookalike', 'userinfo']],
  ['https://example.com:pass@evil.cn/', ['lookalike', 'userinfo']],
  ['wallet.example.com@evil.cn', ['lookalike', 'userinfo']],
  ['https://exаmple.com', ['lookalike', 'homograph']], // Cyrillic а
  ['https://xn--exmple-4nf.com', ['lookalike', 'homograph']], // the same, as punycode
  ['https://wallet.exаmple.com', ['lookalike', 'homograph']],
  ['https://examplе.com', ['lookalike', 'homograph']], // Cyrillic е
  ['https://exampΙe.com', ['lookalike', 'homograph']], // Greek capital iota
  ['https://examp1e.com', ['lookalike', 'homograph']],
  ['https://exarnple.com', ['lookalike', 'homograph']],
  ['https://ехаmрlе.com', ['lookalike', 'homograph']], // Cyrillic е, х, а, р
  ['https://ｗａｌｌｅｔ.example.com', ['lookalike', 'disguised']], // full-width letters
  ['https://ｅｘａｍｐｌｅ.ｃｏｍ', ['lookalike', 'disguised']],
  ['example.cn', ['lookalike', 'otherSuffix']],
  ['https://example.com.cn', ['lookalike', 'otherSuffix']],
  ['example.net', ['lookalike', 'otherSuffix']],
  ['exmaple.com', ['lookalike', 'typo']],
  ['examples.com', ['lookalike', 'typo']],
  ['exampel.com', ['lookalike', 'typo']],
  ['https://wallet.exanple.com', ['lookalike', 'typo']],
  ['https://weibo.com/examp1ewallet', ['lookalike', 'similarHandle']],
  ['https://weibo.com/examplewalIet', ['lookalike', 'similarHandle']],
  // E-mail addresses
  ['service@example.com.evil.cn', ['lookalike', 'subdomain']],
  ['service@exаmple.com', ['lookalike', 'homograph']],
  ['service@examp1e.com', ['lookalike', 'homograph']],
  ['service@example-help.com', ['lookalike', 'combo']],
  ['service@exmaple.com', ['lookalike', 'typo']],
  ['service@example.cn', ['lookalike', 'otherSuffix']],
  ['example.service@qq.com', ['lookalike', 'mailbox']],
  ['examp1e-kefu@163.com', ['lookalike', 'mailbox']],
  ['service@gmail.com', ['lookalike', 'mailbox']],
  ['ｓｅｒｖｉｃｅ@example.com', ['lookalike', 'disguised']],
  // Social accounts
  ['@examplewalIet', ['lookalike', 'similarHandle']], // capital I for l
  ['@examp1ewallet', ['lookalike', 'similarHandle']],
  ['@exampIewallet', ['lookalike', 'similarHandle']],
  ['@examplewallett', ['lookalike', 'similarHandle']],
  ['@example_wallet', ['lookalike', 'similarHandle']],
  ['@examplewalet', ['lookalike', 'similarHandle']],
  ['@exampelwallet', ['lookalike', 'similarHandle']],
  ['@examplewallet1', ['lookalike', 'similarHandle']],
  ['@еxamplewallet', ['lookalike', 'similarHandle']], // Cyrillic е
  ['@examplewαllet', ['lookalike', 'similarHandle']], // Greek α
  ['@exampleωallet', ['lookalike', 'similarHandle']], // Greek ω
  ['＠ｅｘａｍｐｌｅｗａｌｌｅｔ', ['lookalike', 'similarHandle']], // full-width
  ['@exarnplewallet', ['lookalike', 'similarHandle']],
  ['@examplewallet-cs', ['lookalike', 'similarHandle']],
  // Not ours at all
  ['13800138000', ['notOurs']],
  ['https://evil.cn', ['notOurs']],
  ['someone@qq.com', ['notOurs']],
  ['@cheapflights', ['notOurs']],
  ['hello world', ['unreadable']],
]

describe('the checker gives the expected verdict', () => {
  it.each(genuine)('%s is our %s', (input, channel) => {
    const r = checkContact(input, list)
    expect(r.verdict).toBe('official')
    expect(r.verdict === 'official' && r.match.channel).toBe(channel)
  })
  it.each(genuineLandline)('%s is our landline or site (.com.cn operator)', (input) => {
    expect(checkContact(input, withLandline).verdict).toBe('official')
  })
  it.each(lookalikes)('%s → %j', (input, expected) => {
    expect(verdictOf(checkContact(input, list))).toEqual(expected)
  })
  it('the table is as large as promised', () => {
    expect(lookalikes.filter(([, e]) => e[0] === 'lookalike').length).toBeGreaterThanOrEqual(60)
    expect(genuine.length + genuineLandline.length).toBeGreaterThanOrEqual(20)
  })
})

describe('known scams', () => {
  it('a shipped scam number is flagged, in any form', () => {
    const r = checkContact('0086 171-0000-1234', list)
    expect(r).toMatchObject({ verdict: 'notOurs', knownScam: true })
  })
  it('a shipped scam domain is flagged, subdomains too, and still says why it looks like ours', () => {
    expect(checkContact('https://pay.refund-example.top/x', list)).toMatchObject({
      verdict: 'lookalike',
      reason: 'combo',
      knownScam: true,
    })
  })
  it('an ordinary foreign number is not a known scam', () => {
    expect(checkContact('13800138000', list)).toMatchObject({ knownScam: false })
  })
})

describe('what the verdict names', () => {
  it('names the real owner of a look-alike address', () => {
    expect(checkContact('wallet.example.com.evil.cn', list)).toMatchObject({
      owner: 'evil.cn',
      imitates: 'example.com',
    })
    expect(checkContact('https://a.b.example.com.cn.evil.com.cn', withLandline)).toMatchObject({
      owner: 'evil.com.cn',
      reason: 'subdomain',
    })
  })
  it('names the platform of an official account', () => {
    expect(checkContact('@ExampleWallet', list)).toMatchObject({ verdict: 'official', match: { platform: '微博' } })
  })
})
