/**
 * A resident ID with a letter glued after it (`11010519491231002Xabc`, `110105194912310038a`) is
 * hidden as it is without the letter: the letter is kept, the ID's last four shown. Cards and
 * phone numbers with letters glued to them: gluedLetters.test.ts.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { redact } from '../../../src/privacy/index.js'
import { maskText } from '../../../examples/server/mask.js'
import { cnId, legacyId, written } from './arbitraries.js'

const params = {
  numRuns: 2000,
  seed: process.env.PRIVACY_SEED === undefined ? 20261204 : Number(process.env.PRIVACY_SEED),
}

const LETTERS = ['a', 'abc', 'X', 'x', 'Xyz', 'b2', 'ｂ', 'kg', '号', '号码']
const BEFORE = ['', '身份证 ', 'ID: ', '我的身份证号是', 'id=']
const AFTER = ['', ' thanks', '。', ' 12:30']

describe('an ID with a letter glued after it', () => {
  it('is hidden as it is without the letter', () => {
    fc.assert(
      fc.property(
        cnId,
        fc.constantFrom(...BEFORE),
        fc.constantFrom(...LETTERS),
        fc.constantFrom(...AFTER),
        (id, before, letters, after) => {
          const text = before + id + letters + after
          const r = redact(text)
          expect(r.text, text).toBe(redact(before + id).text + letters + after)
          expect(r.findings.map((f) => f.kind)).toEqual(['cn_id'])
          expect(maskText(text)).toBe(r.text)
        },
      ),
      params,
    )
  })

  it('written in groups, the digits are hidden too', () => {
    fc.assert(
      fc.property(
        cnId.chain((id) => written(id).map((w) => [id, w] as const)),
        fc.constantFrom(...LETTERS),
        ([id, w], letters) => {
          fc.pre(redact(w).findings.length > 0)
          const r = redact(w + letters)
          expect(r.text, w + letters).toBe(redact(w).text + letters)
          expect(r.text.replace(/\D+/g, '')).not.toContain(id.slice(0, 6))
        },
      ),
      params,
    )
  })

  it('a labelled legacy ID too', () => {
    fc.assert(
      fc.property(legacyId, fc.constantFrom('a', 'abc', 'Xy'), (id, letters) => {
        const text = `身份证 ${id}${letters}`
        expect(redact(text).text, text).toBe(redact(`身份证 ${id}`).text + letters)
      }),
      params,
    )
  })

  it('examples', () => {
    expect(redact('11010519491231002Xabc').text).toBe('**************002Xabc')
    expect(redact('11010519491231002Xa').text).toBe('**************002Xa')
    expect(redact('110105194912310038a').text).toBe('**************0038a')
    expect(redact('110105194912310038号').text).toBe('**************0038号')
    expect(redact('110105 19491231 002Xabc').text).toBe('**************002Xabc')
    expect(redact('身份证 110105491231002a').text).toBe('身份证 ***********1002a')
  })

  it('numbers that are no ID stay as they were', () => {
    for (const text of ['110105194912310021a', 'build 12345678901234567Xa'])
      expect(redact(text).findings, text).toEqual([])
  })
})
