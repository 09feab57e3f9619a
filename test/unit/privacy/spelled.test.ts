/**
 * Generated cases for the shapes a pasted SMS or a spoken code takes: a code followed by its
 * validity clause (`，5分钟内有效`), codes and passwords spelled in Chinese numerals, and a card
 * followed by its expiry. Fixed seed; PRIVACY_SEED explores others.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { SECRET_MASK, looksLikeCode, redact } from '../../../src/privacy/index.js'

const seed = process.env.PRIVACY_SEED === undefined ? 20261202 : Number(process.env.PRIVACY_SEED)
const params = { numRuns: 2_000, seed }

const digitString = (min: number, max: number) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: min, maxLength: max }).map((d) => d.join(''))
const ZH = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九']
const ZH_ALT = ['〇', '幺', '两', '叁', '肆', '伍', '陆', '柒', '捌', '玖']
const spell = (digits: string, alt: boolean[]) =>
  [...digits].map((d, i) => (alt[i] === true ? ZH_ALT : ZH)[Number(d)] ?? '').join('')

const codePhrase = fc.constantFrom('验证码', '驗證碼', '短信验证码', '动态码', '校验码')
const passwordPhrase = fc.constantFrom('支付密码', '交易密码', '登录密码', '取款密码', '密码')
const joiner = fc.constantFrom('', '是', '为', '：', ' ', '是：', '就是')
const validity = fc.constantFrom('', '，5分钟内有效', '。10分钟内有效，请勿泄露', ',15 minutes', '，2分鐘內有效')
const lead = fc.constantFrom('', '【钱包】您的', '刚收到短信：', '客服说', '我的')

describe('codes as they are pasted or spoken', () => {
  it('a code in digits followed by its validity clause is hidden, and the chat warns', () => {
    fc.assert(
      fc.property(lead, codePhrase, joiner, digitString(4, 8), validity, (l, phrase, j, code, tail) => {
        const text = `${l}${phrase}${j}${code}${tail}`
        expect(redact(text).text).not.toContain(code)
        expect(looksLikeCode(text)).toBe(true)
      }),
      params,
    )
  })

  it('a code or a payment password spelled in Chinese numerals is hidden', () => {
    fc.assert(
      fc.property(
        lead,
        fc.oneof(codePhrase, passwordPhrase),
        joiner,
        digitString(4, 8),
        fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
        validity,
        (l, phrase, j, code, alt, tail) => {
          const spelled = spell(code, alt)
          const text = `${l}${phrase}${j}${spelled}${tail}`
          expect(redact(text).text).not.toContain(spelled)
        },
      ),
      params,
    )
  })

  it('numerals that are words after the phrase stay words', () => {
    for (const text of ['验证码一直收不到', '验证码是六位数', '密码错了三次', '验证码两分钟就过期了'])
      expect(redact(text).text).toBe(text)
  })
})

describe('a card followed by its expiry', () => {
  const luhnComplete = (body: string) => {
    let sum = 0
    for (let i = 0; i < body.length; i++) {
      let d = Number(body[body.length - 1 - i])
      if (i % 2 === 0) d = d * 2 > 9 ? d * 2 - 9 : d * 2
      sum += d
    }
    return body + String((10 - (sum % 10)) % 10)
  }
  const card = fc
    .tuple(fc.constantFrom('4', '51', '62'), digitString(15, 15))
    .map(([p, rest]) => luhnComplete((p + rest).slice(0, 15)))
  const month = fc.integer({ min: 1, max: 12 }).map((m) => String(m).padStart(2, '0'))
  const year = fc.integer({ min: 24, max: 39 }).map(String)

  it('the card number is hidden whatever the expiry notation', () => {
    fc.assert(
      fc.property(
        card,
        month,
        year,
        fc.constantFrom('/MM/YY', '/MMYY', '/MM/20YY'),
        fc.boolean(),
        (c, mm, yy, form, spaced) => {
          const shown = spaced ? (c.match(/.{1,4}/g) ?? []).join(' ') : c
          const expiry = form.replace('MM', mm).replace('YY', yy)
          const text = `card ${shown}${expiry}`
          const out = redact(text).text
          expect(out.replace(/\D/g, '')).not.toContain(c.slice(0, 12))
        },
      ),
      params,
    )
  })
})

describe('codes mixing Chinese numerals and digits', () => {
  // `验证码是三8四921`, `验证码 三八4921`: a scam victim reading a code aloud to a fake agent.
  it('are hidden whole, whatever mix of numerals, digits and spaces (property)', () => {
    fc.assert(
      fc.property(
        lead,
        fc.oneof(codePhrase, passwordPhrase),
        joiner,
        digitString(4, 8),
        fc.array(fc.constantFrom('zh', 'alt', 'ascii', 'wide'), { minLength: 8, maxLength: 8 }),
        fc.boolean(),
        validity,
        (l, phrase, j, code, how, spaced, tail) => {
          fc.pre(how.slice(0, code.length).some((h) => h === 'zh' || h === 'alt'))
          fc.pre(how.slice(0, code.length).some((h) => h === 'ascii' || h === 'wide'))
          const written = [...code]
            .map((d, i) => {
              const n = Number(d)
              const h = how[i]
              if (h === 'ascii') return d
              if (h === 'wide') return String.fromCharCode(0xff10 + n)
              return (h === 'alt' ? ZH_ALT : ZH)[n] ?? ''
            })
            .join(spaced ? ' ' : '')
          const text = `${l}${phrase}${j}${written}${tail}`
          expect(redact(text).text, text).toBe(`${l}${phrase}${j}${SECRET_MASK}${tail}`)
        },
      ),
      params,
    )
  })

  it('examples', () => {
    expect(redact('验证码是三8四921').text).toBe('验证码是******')
    expect(redact('验证码 三八4921，5分钟内有效').text).toBe('验证码 ******，5分钟内有效')
    expect(redact('验证码是 3 8 4 9 二 一').text).toBe('验证码是 ******')
    for (const text of ['验证码一直收不到', '验证码3次都没收到', '验证码是六位数', '密码错了3次'])
      expect(redact(text).text).toBe(text)
  })
})
