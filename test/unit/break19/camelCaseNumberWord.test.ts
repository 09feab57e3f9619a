/**
 * A word naming the number glued before a phone or card number makes it the number it names
 * (`tel13800138000`, `mobileNo13800138000`). The word was only read when no letter stood before
 * it, so a field name in camelCase kept the number readable: `mobilePhone13800138000`,
 * `contactPhone…`, `userMobile…`, `myPhone…`, `bindTel…`, `userCardNo1234567812345670`. A word
 * starting with a capital after a small letter starts a word too. Inside a lower-case word it
 * still does not (`hotel13800138000`, `japan…`), nor after capitals (`ORDERTel…`).
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { redact } from '../../../src/privacy/index.js'
import { mobile } from '../privacy/arbitraries.js'

const params = {
  numRuns: 1000,
  seed: process.env.PRIVACY_SEED === undefined ? 20261204 : Number(process.env.PRIVACY_SEED),
}

const OWNER = ['user', 'contact', 'my', 'new', 'old', 'bind', 'mobile', 'home', 'x', 'i']
const WORD = ['Phone', 'Mobile', 'Tel', 'Telephone', 'Cell', 'CellPhone', 'Mob', 'Sms', 'Call']
const SUFFIX = ['', 'No', 'Num', 'Number', 'no']

describe('a camelCase word naming the number, glued before it', () => {
  it('hides the mobile number after it (property)', () => {
    fc.assert(
      fc.property(
        mobile,
        fc.constantFrom(...OWNER),
        fc.constantFrom(...WORD),
        fc.constantFrom(...SUFFIX),
        (n, owner, word, suffix) => {
          const text = `${owner}${word}${suffix}${n}`
          const r = redact(text)
          expect(r.text, text).toBe(`${owner}${word}${suffix}${n.slice(0, 3)}****${n.slice(7)}`)
        },
      ),
      params,
    )
  })

  it('examples', () => {
    expect(redact('mobilePhone13800138000').text).toBe('mobilePhone138****8000')
    expect(redact('contactTel13800138000 ext').text).toBe('contactTel138****8000 ext')
    expect(redact('userCardNo1234567812345670').text).toBe('userCardNo************5670')
    expect(redact('xtelePhone13800138000').text).toBe('xtelePhone138****8000')
  })

  it('a word inside a lower-case word, or after capitals, still keeps the number', () => {
    for (const text of [
      'hotel13800138000',
      'Hotel13800138000',
      'japan13800138000',
      'recall13800138000',
      'ORDERTel13800138000',
      'ORD13800138000',
      'orderNo13800138000',
      'TX20261204123456789',
      'userId13800138000',
    ])
      expect(redact(text).findings, text).toEqual([])
  })
})
