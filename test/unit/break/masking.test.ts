import { describe, expect, it } from 'vitest'
import { looksLikeCode, redact } from '../../../src/privacy/index.js'
import { prepareOutgoing } from '../../../src/chat/compose.js'

// README: "card numbers, ID numbers and codes are masked on the device before anything is stored
// or sent"; codes are "a phrase, then the value … verbs and a few words between (`是`, `为`, …)",
// and "the chat's 'this looks like a code' warning … the warning and the masking never disagree".
// These are the texts a user actually pastes: the bank's SMS as it arrived.

const leaks = (text: string, secret: string) => {
  const out = redact(text).text
  expect(out, `${JSON.stringify(text)} → ${JSON.stringify(out)}`).not.toContain(secret)
}

describe('a verification SMS pasted as it arrived', () => {
  it('masks the code of the usual Chinese bank SMS ("…验证码为384921，5分钟内有效")', () => {
    leaks('您的验证码为384921，5分钟内有效', '384921')
    leaks('【钱包】您的验证码为384921，10分钟内有效，请勿泄露', '384921')
    leaks('验证码384921，5分钟', '384921')
  })

  it('warns before sending it in chat, and sends it masked', () => {
    const text = '刚收到短信：【钱包】您的验证码为384921，5分钟内有效'
    expect(looksLikeCode(text)).toBe(true)
    expect(prepareOutgoing(text).text).not.toContain('384921')
  })
})

describe('codes and passwords written in Chinese numerals', () => {
  it('masks a code spelled 三八四九二一 after 验证码 (README: value after the phrase)', () => {
    leaks('验证码是三八四九二一', '三八四九二一')
    leaks('驗證碼 三八四九二一', '三八四九二一')
  })

  it('masks a payment password after 支付密码是 (README: "passwords with letters are found after a password phrase")', () => {
    leaks('我的支付密码是一二三四五六', '一二三四五六')
  })
})

describe('a card followed by its expiry', () => {
  it('masks the card number in "card 4111 1111 1111 1111/05/27"', () => {
    leaks('card 4111 1111 1111 1111/05/27', '4111 1111 1111')
    leaks('4111111111111111/0527', '41111111')
  })
})
