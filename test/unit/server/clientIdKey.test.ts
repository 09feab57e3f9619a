/**
 * A chat message's Idempotency-Key comes back as its `clientId` to the user's devices and the
 * agent console, masked unless it is one of the SDK's UUIDs. A key is not prose: a letter glued
 * after the digits (`otp-384921a`, `pay-4111111111111111x`) or a separator written as a URL escape
 * (`pay%204111111111111111`, `otp%3D384921`) must not keep a card number, ID or code readable.
 * A key with nothing to hide comes back exactly as sent (the sender matches its pending message
 * by it).
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { maskClientId } from '../../../examples/server/mask.js'
import { digitsOf } from '../../../src/privacy/normalize.js'
import { cardNumber, cnId } from '../privacy/arbitraries.js'

const params = {
  numRuns: 2000,
  seed: process.env.PRIVACY_SEED === undefined ? 20261204 : Number(process.env.PRIVACY_SEED),
}

const code = fc.stringMatching(/^[1-9]\d{5}$/)
const SEPARATORS = ['-', '_', ':', '=', '', '%2D', '%2d', '%5F', '%3A', '%3D', '%20', '%252D']
const SUFFIXES = ['', 'a', 'X', 'x1', 'abc', '-a', 'b%2D1', '%20a', 'Z9']

/** A key built around a secret: what must not survive and what may (the last 4 of a card or ID). */
const secretKey = fc.oneof(
  fc.tuple(fc.constantFrom('pay', 'card', 'pan', 'tx'), cardNumber).map(([p, pan]) => [p, pan, pan.slice(0, -4)]),
  fc.tuple(fc.constantFrom('id', 'sfz', 'user'), cnId).map(([p, id]) => [p, id, id.slice(0, -4)]),
  fc.tuple(fc.constantFrom('otp', 'code', 'cvv', 'pin', 'sms code'), code).map(([p, c]) => [p, c, c]),
)

describe('maskClientId', () => {
  it('hides a card, ID or code however the key glues or escapes it', () => {
    fc.assert(
      fc.property(
        secretKey,
        fc.constantFrom(...SEPARATORS),
        fc.constantFrom(...SUFFIXES),
        ([prefix, value, hidden], sep, suffix) => {
          // A glued `otp384921` or `cvv123456` is the phrase and its value; a card glued to a word is a card.
          const key = `${prefix}${sep}${value}${suffix}`
          const masked = maskClientId(key)
          expect(digitsOf(masked), `${key} → ${masked}`).not.toContain(hidden)
        },
      ),
      params,
    )
  })

  it('examples', () => {
    expect(maskClientId('otp-384921a')).toBe('otp-******a')
    expect(maskClientId('pay%2D4111111111111111')).toBe('pay-************1111')
    expect(maskClientId('pay%204111111111111111')).toBe('pay ************1111')
    expect(maskClientId('pay-4111111111111111x')).toBe('pay-************1111x')
    expect(maskClientId('otp%3D384921')).toBe('otp=******')
    expect(maskClientId('id-11010519491231002Xa')).toBe('id-**************002Xa')
    // as before
    expect(maskClientId('otp-384921')).toBe('otp-******')
    expect(maskClientId('card4111111111111111')).toBe('card************1111')
  })

  it('gives back a key with nothing to hide exactly as sent', () => {
    const benign = fc
      .tuple(
        fc.constantFrom('msg', 'job', 'm', 'chat', 'k', 'retry'),
        fc.constantFrom(...SEPARATORS),
        fc.stringMatching(/^[1-9]\d{0,9}$/),
        fc.constantFrom(...SUFFIXES, '%2Dv2', '.1'),
      )
      .map((parts) => parts.join(''))
    fc.assert(
      fc.property(benign, (key) => {
        expect(maskClientId(key)).toBe(key)
      }),
      params,
    )
    for (const key of [
      '52897415-5504-4544-b012-02c9ad8d4966',
      '3F2A9C1E-8B7D-4E6A-9F01-2B3C4D5E6F70',
      'msg%2D1733312345',
      'a%ZZb',
      '%E4%BD%A0',
    ])
      expect(maskClientId(key)).toBe(key)
  })
})
