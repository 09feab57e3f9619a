/**
 * A transaction or order reference written as letters and 13 digits (`TX4111111111119`,
 * `TXN…`, `REF…`, `ORD…`, a merchant's prefix): when the 13 digits had a network's prefix and
 * passed Luhn (one time in ten) the strong card rule hid them, though no network issues 13-digit
 * cards any more and agents need the reference. Glued after letters that do not name the number,
 * an ungrouped 13-digit number is a reference. Every other card length (14 Diners, 15 Amex, 16,
 * 17–19 UnionPay debit cards) stays hidden after any letters, and a 13-digit card stays hidden
 * after a word naming it (`card`, `pan`), with a space or a label, or typed in groups.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { luhnValid, redact } from '../../../src/privacy/index.js'
import { maskText } from '../../../examples/server/mask.js'
import { cardNumber, luhnCheckDigit } from './arbitraries.js'
import { seeded } from './both.js'

const params = seeded(2000)

const digitString = (min: number, max: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: min, maxLength: max })

/** Reference prefixes: transaction, refund and order numbers, invoices, merchants' own letters. */
const PREFIX = fc.constantFrom(
  'TX',
  'tx',
  'TXN',
  'Txn',
  'TRX',
  'REF',
  'ref',
  'Ref',
  'ORD',
  'ORDER',
  'order',
  'INV',
  'PO',
  'SO',
  'RF',
  'JD',
  'E',
  'No',
  'ID',
  'abc',
  'MCH',
)

/** 13 digits that a card rule would read: a network's prefix and a Luhn check digit. */
const cardLike13 = fc
  .tuple(fc.constantFrom('4', '5', '62', '6', '35', '37', '305', '81'), digitString(11, 11))
  .map(([p, rest]) => {
    const body = (p + rest).slice(0, 12)
    return body + luhnCheckDigit(body)
  })

const AROUND: ReadonlyArray<readonly [string, string]> = [
  ['', ''],
  ['参考号 ', ''],
  ['我的订单 ', ' 一直没到账'],
  ['Please check ', ', thanks'],
  ['{"ref":"', '"}'],
  ['退款单', '，谢谢'],
]

/** A card rule found nothing but a possible IBAN (two letters and digits passing mod 97 is another rule). */
const cardsAndPhones = (text: string, reference = false) =>
  redact(text, { reference }).findings.filter((f) => f.kind !== 'iban')

describe('a reference of letters and 13 digits', () => {
  it('is kept, in free text and in reference fields, on the device and on the server (property)', () => {
    fc.assert(
      fc.property(
        PREFIX,
        fc.oneof(cardLike13, digitString(13, 13)),
        fc.constantFrom('', 'A', 'x', '号'),
        fc.constantFrom(...AROUND),
        (prefix, n, tail, [before, after]) => {
          const text = before + prefix + n + tail + after
          expect(cardsAndPhones(text), text).toEqual([])
          expect(cardsAndPhones(prefix + n, true), prefix + n).toEqual([])
          expect(maskText(text)).toBe(redact(text).text)
        },
      ),
      params,
    )
  })

  it('examples', () => {
    for (const text of [
      'TX4111111111119',
      'TXN4222222222222',
      'REF4111111111119',
      'ref5105105105102',
      'ORD6200000000000',
      '订单号 ORD4111111111119，请查一下',
      'transaction TX4111111111119 failed',
    ]) {
      expect(luhnValid(text.replace(/\D/g, '')), text).toBe(true)
      expect(redact(text).text, text).toBe(text)
    }
  })
})

describe('a card after letters is still a card', () => {
  it('at every other length, 14–19 digits, whatever the letters (property)', () => {
    fc.assert(
      fc.property(
        cardNumber.filter((pan) => pan.length > 13),
        PREFIX,
        (pan, prefix) => {
          const r = redact(prefix + pan)
          expect(r.text, prefix + pan).toBe(prefix + '*'.repeat(pan.length - 4) + pan.slice(-4))
        },
      ),
      params,
    )
  })

  it('at 13 digits after a word naming it, apart from the letters, or typed in groups (property)', () => {
    fc.assert(
      fc.property(
        cardLike13,
        fc.constantFrom(
          (n: string) => `card${n}`,
          (n: string) => `cardNo${n}`,
          (n: string) => `PAN${n}`,
          (n: string) => `userCardNo${n}`,
          (n: string) => `TX ${n}`,
          (n: string) => `REF: ${n}`,
          (n: string) => `TXN-${n}`,
          (n: string) => `TXN${n.slice(0, 4)} ${n.slice(4, 8)} ${n.slice(8)}`,
          (n: string) => n,
          (n: string) => `${n}abc`,
        ),
        (n, write) => {
          const text = write(n)
          const out = redact(text).text
          expect(out.replace(/\D/g, ''), `${text} → ${out}`).toBe(n.slice(-4))
        },
      ),
      params,
    )
  })

  it('examples', () => {
    expect(redact('TXN4111111111111111').text).toBe('TXN************1111')
    expect(redact('REF378282246310005').text).toBe('REF***********0005')
    expect(redact('abc6205500000000000004').text).toBe('abc***************0004')
    expect(redact('card4222222222222').text).toBe('card*********2222')
    expect(redact('TX 4222222222222').text).toBe('TX *********2222')
  })
})
