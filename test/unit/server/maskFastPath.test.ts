/**
 * The server's masking skips the redactor for text it cannot change. That shortcut must never let
 * anything through: wherever it applies, the redactor itself finds nothing; and maskInput gives
 * exactly what the SDK's redactFields gives under the same rules.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { maskInput, maskText, unchangedByRedact } from '../../../examples/server/mask.js'
import { redact, redactFields } from '../../../src/privacy/index.js'
import { ibanCheckDigits } from '../../../src/privacy/checksums.js'
import { REFERENCE_FIELDS } from '../../../src/reports/fields.js'

/** Deterministic pseudo-random text (mulberry32), so a failure reproduces. */
function rng(seed: number): () => number {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const WORDS = [
  'password',
  'Passwort',
  'pwd',
  'passcode',
  'pass code',
  'PIN',
  'pin',
  'CVV',
  'cvc',
  'code',
  'OTP',
  'verification code',
  'is',
  'was',
  ':',
  '=',
  'hunter',
  'abc',
  'card',
  'IBAN',
  'GB',
  'DE',
  'WEST',
  'at',
  'dot',
  'com',
  'mail',
  'x',
  'X',
  'security code',
  'one-time',
  'the',
  'top-up',
  'failed',
  '"',
  "'",
  '(',
  ')',
  '-',
  '.',
  ',',
  '\n',
  ' ',
  '  ',
  '\t',
  'ABCD',
  'EFGH',
  'KL',
  'MN',
  '_',
  '#',
  '$',
  '%',
  '&',
  '*',
  '+',
  '/',
  ';',
  '<',
  '>',
  '?',
  '[',
  ']',
  '{',
  '}',
  '~',
]
const EXTRA = ['1', '7', '0', '12', '9', '@', '０', '١', '验证码', '密码', 'é', '\u200b', '４']

/** Numbers a field map may hold: small ones, amounts, a card number, a code. */
const NUMBERS = [0, 7, 42, 128.5, -3, 2026, 384921, 4111111111111111, 1e21]

/** Digits next to the words that name secrets and start IBANs, to try the two-digit allowance. */
const DIGITS = ['1', '2', '3', '0', '9', '12', '34', '82', '2 ', ' 1', '-4', 'GB', 'QQ', 'PIN ', 'CVV', 'code ']

function sample(r: () => number, words: string[]): string {
  let s = ''
  const n = 1 + Math.floor(r() * 12)
  for (let i = 0; i < n; i++) s += words[Math.floor(r() * words.length)]
  return s
}

/**
 * A free map's value as maskInput masks it: a string or a number (as its digits) masked alone,
 * then read after its masked label; a number the redactor leaves as it is stays a number. A
 * number past 2^53 (JSON.parse rounded it) is masked whole, one `*` per digit.
 */
const mapValueOf = (key: string, v: unknown): unknown => {
  if (typeof v === 'number' && !Number.isSafeInteger(v) && Number.isInteger(v))
    return (v < 0 ? '-' : '') + '*'.repeat(BigInt(Math.abs(v)).toString().length)
  if (typeof v !== 'string' && typeof v !== 'number')
    return redactFields({ [key]: v }, { referenceKeys: REFERENCE_FIELDS }).value[key]
  const reference = REFERENCE_FIELDS.includes(key as (typeof REFERENCE_FIELDS)[number])
  const alone = redact(String(v), { reference }).text
  const prefix = `${redact(key).text}: `
  const read = redact(prefix + alone, { reference }).text
  const masked = read.startsWith(prefix) ? read.slice(prefix.length) : alone
  return masked === String(v) ? v : masked
}

/** maskInput's rules spelled out with the SDK's redactor: free text masked, `fields`/`diagnostics` by their own rules, keys in the body's order. */
const expectedOf = (body: Record<string, unknown>): Record<string, unknown> => {
  const { fields, diagnostics, ...rest } = body
  const out: Record<string, unknown> = redactFields(rest, {
    referenceKeys: [...REFERENCE_FIELDS, 'id'],
    skipKeys: ['amount', 'currency', 'status', 'category', 'priority', 'type', 'attachments', 'last4'],
  }).value
  for (const [k, map] of [
    ['fields', fields],
    ['diagnostics', diagnostics],
  ] as const) {
    if (map === undefined) continue
    out[k] = Object.fromEntries(
      Object.entries(map as Record<string, unknown>).map(([key, v]) => [redact(key).text, mapValueOf(key, v)]),
    )
  }
  return Object.fromEntries(Object.keys(body).map((k) => [k, out[k]]))
}

describe('masking fast path', () => {
  it('only applies to text the redactor leaves as it is', () => {
    const r = rng(21)
    let fast = 0
    let withDigits = 0
    for (let i = 0; i < 12000; i++) {
      const text = sample(r, i % 3 === 0 ? WORDS : i % 3 === 1 ? [...WORDS, ...EXTRA] : [...WORDS, ...DIGITS])
      if (!unchangedByRedact(text)) continue
      fast++
      if (/\d/.test(text)) withDigits++
      for (const reference of [false, true]) {
        const out = redact(text, { reference })
        expect(out.findings, text).toEqual([])
        expect(out.text).toBe(text)
      }
    }
    expect(fast).toBeGreaterThan(500)
    expect(withDigits).toBeGreaterThan(500)
  })

  it('never applies to three digits, an IBAN start, @, non-ASCII text or a password word', () => {
    // An IBAN whose account part is all letters has only its two check digits (Norway's: 15 characters).
    const iban = `NO${ibanCheckDigits('NO', 'ABCDEFGHIJK')}ABCDEFGHIJK`
    expect(redact(iban).findings.map((f) => f.kind)).toEqual(['iban'])
    for (const text of [
      iban,
      'pay to ' + iban.toLowerCase(),
      'tx 123',
      'PIN 1-2-3',
      'code 1 2 3 4',
      'ab12',
      'a@b.co',
      'ＣＶＶ',
      '验证码',
      'my password: hunter',
      'PWD=abc',
      'Passcode is abc',
      'a\tb',
    ])
      expect(unchangedByRedact(text), text).toBe(false)
    expect(unchangedByRedact('The top-up was charged but the balance did not change.')).toBe(true)
    for (const text of ['W-1', 'tx-1', 'step 2 of 3', 'a1b']) expect(unchangedByRedact(text), text).toBe(true)
    expect(maskText('password: hunter')).not.toContain('hunter')
    expect(maskText('CVV 123')).not.toContain('123')
  })

  it('masks a body exactly as redactFields does', () => {
    const body = {
      category: 'topup_failed',
      subject: 'Card 4111 1111 1111 1111 declined',
      description: 'The top-up failed, password: hunter2, code 384921. Reach me at a@b.example',
      fields: { walletId: 'W-1', 'note 4111111111111111': 'plain', orderNumber: '4111111111111111', status: 'cvv 123' },
      diagnostics: { app: '1.2.3', pin: 'PIN 1234' },
      transaction: { id: '4111111111111111', time: '2026-01-01T00:00:00Z', amount: '12.50', kind: 'pwd=abc' },
      attachments: [{ id: 'at_1' }],
      priority: 'normal',
      locale: 'en',
      tags: ['plain', 'otp 123456'],
    }
    const expected = expectedOf(body)
    const masked = maskInput(body)
    expect(masked).toEqual(expected)
    expect(Object.keys(masked)).toEqual(Object.keys(body))
    expect(JSON.stringify(masked)).not.toContain('4111 1111')
    expect(JSON.stringify(masked)).not.toContain('hunter2')
  })
})

describe('maskInput of a body it leaves unchanged', () => {
  it('gives what the redactor gives, keys in the same order, whether or not a text needed masking', () => {
    const r = rng(7)
    let same = 0
    let changed = 0
    for (let i = 0; i < 3000; i++) {
      const words = i % 2 === 0 ? WORDS : [...WORDS, ...DIGITS, ...EXTRA]
      const text = (): string => sample(r, words)
      const body: Record<string, unknown> = {
        category: 'topup_failed',
        subject: text(),
        description: text(),
        fields: {
          [text()]: text(),
          walletId: 'W-1',
          n: 3,
          ok: true,
          none: null,
          [text()]: NUMBERS[i % NUMBERS.length],
        },
        transaction: { id: text(), time: '2026-01-01T00:00:00Z', amount: '12.50', currency: 'CNY', kind: text() },
        attachments: [],
        priority: 'normal',
        locale: text(),
      }
      if (i % 3 === 0) body.diagnostics = { [text()]: text() }
      if (i % 5 === 0) body.tags = [text(), text()]
      const before = JSON.stringify(body)
      const masked = maskInput(body)
      const expected = expectedOf(body)
      expect(JSON.stringify(masked)).toBe(JSON.stringify(expected))
      expect(JSON.stringify(body)).toBe(before)
      if (JSON.stringify(masked) === before) same++
      else changed++
    }
    expect(same).toBeGreaterThan(300)
    expect(changed).toBeGreaterThan(300)
  })

  it('copies what the fast check does not cover: no prototype, a __proto__ key', () => {
    const bare = Object.assign(Object.create(null) as Record<string, unknown>, { subject: 'help' })
    const masked = maskInput(bare)
    expect(Object.getPrototypeOf(masked)).toBe(Object.prototype)
    expect(masked).toEqual({ subject: 'help' })
    const fields = maskInput({ fields: Object.assign(Object.create(null) as object, { a: 'b' }) }).fields
    expect(Object.getPrototypeOf(fields)).toBe(Object.prototype)
  })
})

describe('maskInput with a __proto__ key (JSON.parse makes it an own key)', () => {
  it('keeps it as data, masked, instead of turning it into the copy’s prototype', () => {
    const card = '4111 1111 1111 1111'
    const body = JSON.parse(
      `{"subject":"help","__proto__":{"note":"card ${card}"},"fields":{"__proto__":"card ${card}","x":{"__proto__":"pin 123456"}}}`,
    ) as Record<string, unknown>
    const masked = maskInput(body)
    expect(Object.keys(masked)).toEqual(['subject', '__proto__', 'fields'])
    expect(Object.getPrototypeOf(masked)).toBe(Object.prototype)
    const out = JSON.stringify(masked)
    expect(out).toContain('"__proto__":{"note":"card ')
    expect(out).toContain('"fields":{"__proto__":"card ')
    expect(out).not.toContain(card)
    expect(out).not.toContain('123456')
    expect(Object.keys((masked as { fields: object }).fields)).toEqual(['__proto__', 'x'])
  })
})

describe('maskInput with labels that mask to the same text', () => {
  it('keeps every value, numbering the later labels', () => {
    const masked = maskInput({
      subject: 'help',
      fields: { 'password hunter2': 'first', 'password letmein1': 'second', 'password (2)': 'third' },
    })
    const fields = masked.fields as Record<string, string>
    expect(Object.values(fields).sort()).toEqual(['first', 'second', 'third'])
    expect(JSON.stringify(fields)).not.toMatch(/hunter2|letmein1/)
    expect(Object.keys(fields)).toHaveLength(3)
  })
})

describe('ISO date-times skip the scan', () => {
  // Any digits in every slot (not only real dates): what the shortcut accepts is its shape.
  const d = (n: number) => fc.integer({ min: 0, max: 10 ** n - 1 }).map((x) => String(x).padStart(n, '0'))
  const isoLike = fc
    .tuple(
      d(4),
      d(2),
      d(2),
      d(2),
      d(2),
      fc.option(fc.tuple(d(2), fc.option(fc.integer({ min: 1, max: 9 }).chain((n) => d(n))))),
      fc.oneof(
        fc.constant('Z'),
        fc.tuple(fc.constantFrom('+', '-'), d(2), d(2)).map(([s, h, m]) => `${s}${h}:${m}`),
      ),
    )
    .map(
      ([y, mo, da, h, mi, sec, zone]) =>
        `${y}-${mo}-${da}T${h}:${mi}${sec ? `:${sec[0]}${sec[1] ? `.${sec[1]}` : ''}` : ''}${zone}`,
    )

  it('are text the redactor leaves as it is, whatever the digits', () => {
    fc.assert(
      fc.property(isoLike, (t) => {
        expect(unchangedByRedact(t)).toBe(true)
        expect(redact(t).text).toBe(t)
        expect(redact(t, { reference: true }).text).toBe(t)
      }),
      { numRuns: 5000 },
    )
  })

  it('take only the whole shape: a time with anything around it is scanned', () => {
    const time = '2026-01-01T00:00:00Z'
    for (const t of [
      `${time} 4111111111111111`,
      `4111111111111111 ${time}`,
      `${time}\n`,
      ` ${time}`,
      `cvv 123 ${time}`,
    ])
      expect(unchangedByRedact(t)).toBe(false)
    expect(maskInput({ transaction: { time: `${time} card 4111 1111 1111 1111` } })).not.toMatchObject({
      transaction: { time: expect.stringContaining('4111 1111 1111 1111') as unknown },
    })
  })
})
