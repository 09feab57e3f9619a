/**
 * A code or password spelled in Chinese numerals followed by digits that are no part of it
 * (`验证码三八四九二一120秒内有效`, `密码一二三四五六七八 12345`): read with the digits the value is
 * too long, and it must still be hidden as spelled, as it was before mixed values were read.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { redact } from '../../../src/privacy/index.js'

const seed = process.env.PRIVACY_SEED === undefined ? 20261207 : Number(process.env.PRIVACY_SEED)
const ZH = '零一二三四五六七八九'
const NUMERAL = /[零〇洞一幺壹二两兩貳贰三叁參四肆五伍六陆陸七柒拐八捌九玖勾]/

describe('a spelled value followed by unrelated digits', () => {
  it('no numeral of the value stays readable', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(['验证码', 4, 8], ['动态码是', 4, 8], ['支付密码', 4, 12], ['my code ', 4, 8]) as fc.Arbitrary<
          [string, number, number]
        >,
        fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 12, maxLength: 12 }),
        fc.integer({ min: 0, max: 8 }),
        fc.constantFrom('', ' '),
        fc.integer({ min: 1, max: 99999 }),
        fc.constantFrom('秒内有效', '分钟内有效', '年设的', 's', ' 次都不对'),
        ([phrase, min, max], digits, extra, space, n, unit) => {
          const spelled = digits
            .slice(0, Math.min(max, min + extra))
            .map((d) => ZH[d])
            .join('')
          const text = `${phrase}${spelled}${space}${n}${unit}`
          expect(redact(text).text.slice(phrase.length)).not.toMatch(NUMERAL)
        },
      ),
      { numRuns: 1_000, seed },
    )
  })

  it('examples', () => {
    expect(redact('验证码三八四九二一120秒内有效').text).toBe('验证码******120秒内有效')
    expect(redact('my code 三八四九二一 120s').text).not.toContain('三')
  })
})
