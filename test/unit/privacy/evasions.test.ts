import { describe, expect, it } from 'vitest'
import { cnIdCheckChar, redact } from '../../../src/privacy/index.js'
import { digitsOf } from '../../../src/privacy/normalize.js'

const id17 = '11010519491231002'
const ID = id17 + cnIdCheckChar(id17)

/** The secret's digits must not survive, in any form. */
function hidden(text: string, secret: string) {
  const out = redact(text).text
  expect(digitsOf(out), `${JSON.stringify(text)} → ${JSON.stringify(out)}`).not.toContain(secret)
}

describe('spellings people use for numbers', () => {
  it('commas between the groups (ASCII and full-width, with or without a space)', () => {
    hidden('卡号 6222,0202,0011,2233', '62220202')
    hidden('card 4111，1111，1111，1111', '41111111')
    hidden('card 4111, 1111, 1111, 1111', '41111111')
    hidden('手机 138,0013,8000', '13800138000')
    hidden(`身份证 ${ID.slice(0, 6)},${ID.slice(6, 14)},${ID.slice(14)}`, ID.slice(0, 14))
  })

  it('emoji keycap digits (4️⃣, and the keycap without its variation selector)', () => {
    hidden(
      'card ' +
        '4111111111111111'
          .split('')
          .map((d) => d + '\ufe0f\u20e3')
          .join(''),
      '41111111',
    )
    hidden(
      '身份证 ' +
        ID.split('')
          .map((d) => (d === 'X' ? d : d + '\u20e3'))
          .join(''),
      ID.slice(0, 14),
    )
  })

  it('keeps amounts with thousands separators', () => {
    expect(redact('paid 1,234,567,890,123 and 1,111,111,111,116').findings).toEqual([])
  })
})

describe('passwords in quotes or brackets', () => {
  it.each([
    ['密码：“Abc12345”', 'Abc12345'],
    ['密码【Abc12345】', 'Abc12345'],
    ['登录密码是「Wallet_9981」', 'Wallet_9981'],
    ['支付密碼："Qq778899"', 'Qq778899'],
    ["密码 'hunter2x'", 'hunter2x'],
  ])('%s', (text, secret) => {
    const out = redact(text)
    expect(out.text).not.toContain(secret)
    expect(out.findings.map((f) => f.kind)).toEqual(['secret'])
  })
})

describe('a phrase joined to its value by an underscore, a plus, an arrow or a bar, as in keys and log fields', () => {
  it.each([
    'otp_384921',
    'OTP_384921 thanks',
    'PIN_1234',
    'cvv_123',
    '验证码_384921',
    'otp+384921',
    'OTP->384921',
    'otp=>384921',
    'pin|1234',
    '验证码+384921',
  ])('%s', (text) => {
    const out = redact(text)
    expect(out.findings.map((f) => f.kind)).toEqual(['secret'])
    expect(digitsOf(out.text)).toBe('')
  })

  it('keeps qualified codes', () => {
    for (const text of ['error_code_1234', 'promo_code_1234', 'country_code_86', 'error code+1234'])
      expect(redact(text).findings, text).toEqual([])
  })
})
