/**
 * `验证码 13812345678 收不到`: the user names the phone that does not receive the code. The number
 * right after the code's name was hidden whole as the code; it is the phone, and is masked as one
 * (`138****5678`) when it is clearly a mainland mobile (11 digits, `1[3-9]`) and words saying the
 * code did not arrive follow it. Anything else after 验证码 stays hidden whole.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { redact } from '../../../src/privacy/index.js'
import { maskText } from '../../../examples/server/mask.js'
import { mobile } from './arbitraries.js'
import { seeded, check } from './both.js'

const params = seeded(1000)

describe('privacy: the phone a code does not reach is masked as a phone', () => {
  it.each([
    ['验证码 13812345678 收不到', '验证码 138****5678 收不到'],
    ['验证码13812345678收不到', '验证码138****5678收不到'],
    ['验证码 138 1234 5678 一直收不到', '验证码 138****5678 一直收不到'],
    ['短信验证码 13812345678 没收到', '短信验证码 138****5678 没收到'],
    ['驗證碼 13812345678 沒收到', '驗證碼 138****5678 沒收到'],
    ['验证码 13812345678，收不到', '验证码 138****5678，收不到'],
    ['verification code 13812345678 not received', 'verification code 138****5678 not received'],
    ["OTP 13812345678 didn't get it", "OTP 138****5678 didn't get it"],
    ['verification code 13812345678 but did not receive it', 'verification code 138****5678 but did not receive it'],
  ])('%s → %s', check)

  it('a mobile after a code name and before "not received" keeps only its first three and last four (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('验证码 ', '验证码', '短信验证码 ', '動態碼 ', 'verification code ', 'OTP ', 'sms code '),
        mobile,
        fc.constantFrom('', ' ', '-'),
        fc.constantFrom(
          ' 收不到',
          '收不到',
          ' 没收到',
          '，一直收不到',
          ' not received',
          " didn't get it",
          ' never received',
        ),
        (name, m, sep, tail) => {
          const written = sep === '' ? m : `${m.slice(0, 3)}${sep}${m.slice(3, 7)}${sep}${m.slice(7)}`
          const text = name + written + tail
          const masked = name + `${m.slice(0, 3)}****${m.slice(7)}` + tail
          expect(redact(text).text).toBe(masked)
          expect(maskText(text)).toBe(masked)
          expect(redact(text).findings.map((f) => f.kind)).toEqual(['phone'])
        },
      ),
      params,
    )
  })

  it('anything else after a code name is still hidden whole', () => {
    // Not a mobile: 12 digits, a `12` prefix, a card.
    check('验证码 138123456789 收不到', '验证码 ****** 收不到')
    check('验证码 12812345678 收不到', '验证码 ****** 收不到')
    check('验证码 4111111111111111 没收到', '验证码 ****** 没收到')
    // A mobile with no words saying the code did not arrive is the code.
    check('验证码 13812345678', '验证码 ******')
    check('验证码 13812345678 收到了', '验证码 ****** 收到了')
    // Labelled with `是` / `:` it is the code's value, whatever follows.
    check('验证码是13812345678收不到', '验证码是******收不到')
    check('验证码：13812345678 收不到', '验证码：****** 收不到')
    // A code of a code's length is hidden as before.
    check('验证码 384921 收不到', '验证码 ****** 收不到')
    // Glued after letters the phone rule would not read it: hidden whole.
    check('OTP13812345678 not received', 'OTP****** not received')
  })
})
