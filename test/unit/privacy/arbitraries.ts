/**
 * fast-check generators for the masking properties and `bench:privacy`: real secrets (valid card
 * numbers of every network and length, CN resident IDs, mobiles, codes) written the ways people
 * write them, and the benign ids a ticket needs. Each case carries the digits that must not
 * survive (`secret`) and what a card may keep (`keep`).
 */
import fc from 'fast-check'
import { cnIdCheckChar } from '../../../src/privacy/checksums.js'

export interface SensitiveCase {
  text: string
  secret: string
  kind: 'card' | 'cn_id' | 'phone' | 'code'
  keep?: string
  /** Where the written secret sits in `text`: `[start, end)`. */
  span: readonly [number, number]
}

export interface BenignCase {
  text: string
  mustKeep: string[]
}

/** Luhn check digit for `body` (all but the last digit). */
export function luhnCheckDigit(body: string): string {
  let sum = 0
  let double = true
  for (let i = body.length - 1; i >= 0; i--) {
    let d = body.charCodeAt(i) - 48
    if (double) {
      d *= 2
      if (d > 9) d -= 9
    }
    sum += d
    double = !double
  }
  return String((10 - (sum % 10)) % 10)
}

/** Network prefixes with the lengths their cards come in (all within 13–19). */
const NETWORKS: ReadonlyArray<readonly [readonly string[], number, number]> = [
  [['4'], 13, 19], // Visa
  [['51', '52', '53', '54', '55', '2221', '2500', '2720'], 16, 16], // Mastercard
  [['34', '37'], 15, 15], // Amex
  [['300', '305', '309', '36', '38', '39'], 14, 19], // Diners
  [['3528', '3589'], 16, 19], // JCB
  [['6011', '644', '649', '65'], 16, 19], // Discover
  [['62'], 13, 19], // UnionPay (co-branded cards go down to 13)
  [['81', '82'], 16, 19], // UnionPay 81, RuPay
  [['50', '56', '58', '63', '67'], 13, 19], // Maestro
  [['2200', '2204'], 16, 19], // Mir
  [['60', '508'], 16, 16], // RuPay
]

const digitString = (min: number, max: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: min, maxLength: max })

export const cardNumber: fc.Arbitrary<string> = fc
  .constantFrom(...NETWORKS)
  .chain(([prefixes, min, max]) => fc.tuple(fc.constantFrom(...prefixes), fc.integer({ min, max })))
  .chain(([prefix, length]) =>
    digitString(length - prefix.length - 1, length - prefix.length - 1).map((body) => prefix + body),
  )
  .map((body) => body + luhnCheckDigit(body))

export const cnId: fc.Arbitrary<string> = fc
  .record({
    area: fc.integer({ min: 110000, max: 829999 }),
    date: fc.date({
      min: new Date('1900-01-01T00:00:00Z'),
      max: new Date('2025-12-31T00:00:00Z'),
      noInvalidDate: true,
    }),
    seq: fc.integer({ min: 0, max: 999 }),
  })
  .map(({ area, date, seq }) => {
    const first17 = `${area}${date.toISOString().slice(0, 10).replace(/-/g, '')}${String(seq).padStart(3, '0')}`
    return first17 + cnIdCheckChar(first17)
  })

const pad2 = (n: number) => String(n).padStart(2, '0')

/** Province codes a legacy (15-digit) resident ID may start with. */
export const LEGACY_ID_PROVINCES = [
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54,
]
  .concat([61, 62, 63, 64, 65])
  .map(String)

/** A legacy ID: real province, a city code other than 00, any county, a real date in 1900–1999. */
export const legacyId: fc.Arbitrary<string> = fc
  .record({
    province: fc.constantFrom(...LEGACY_ID_PROVINCES),
    city: fc.integer({ min: 1, max: 99 }),
    county: fc.integer({ min: 0, max: 99 }),
    date: fc.date({
      min: new Date('1900-01-01T00:00:00Z'),
      max: new Date('1999-12-31T00:00:00Z'),
      noInvalidDate: true,
    }),
    seq: fc.integer({ min: 0, max: 999 }),
  })
  .map(({ province, city, county, date, seq }) => {
    const yymmdd = date.toISOString().slice(2, 10).replace(/-/g, '')
    return `${province}${pad2(city)}${pad2(county)}${yymmdd}${String(seq).padStart(3, '0')}`
  })

export const mobile: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom('3', '4', '5', '6', '7', '8', '9'), digitString(9, 9))
  .map(([second, rest]) => `1${second}${rest}`)

/** Decimal digit sets: ASCII, full-width, Arabic-Indic, Extended Arabic-Indic, Devanagari, Bengali, Thai, mathematical bold. */
const ZEROS = [0x30, 0xff10, 0x660, 0x6f0, 0x966, 0x9e6, 0xe50, 0x1d7ce]

/** Separators people put between digit groups. Dots and slashes need groups of two or more (see README). */
const SOFT_SEPARATORS = [
  ' ',
  '  ',
  '\u00a0',
  '\u202f',
  '\u3000',
  '-',
  '\u2013',
  '\u2014',
  '_',
  '\n',
  ' - ',
  '\r\n',
  '\u2009',
]
/** How people spread out a short code: spaces, dashes, a line break. */
const SPREAD_SEPARATORS = [' ', '  ', '\u00a0', '-', '\u2013', '\n', ' - ', '\r\n', '\u3000']
const HARD_SEPARATORS = ['.', '/', '\uff0e', '\u3002']
const INVISIBLES = ['\u200b', '\u200c', '\u200d', '\u00ad', '\u2060', '\ufeff', '\u200e', '\u200f']

/** Writes ASCII digits through a random grouping, separators, digit script and invisible characters. */
export function written(digits: string, separators: 'all' | 'spread' = 'all'): fc.Arbitrary<string> {
  return fc
    .record({
      zero: fc.constantFrom(...ZEROS),
      mixed: fc.boolean(),
      sizes: fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 19 }),
      hard: separators === 'all' ? fc.boolean() : fc.constant(false),
      seps: fc.array(fc.integer({ min: 0, max: 99 }), { minLength: 19, maxLength: 19 }),
      invisible: fc.array(fc.tuple(fc.integer({ min: 0, max: 19 }), fc.constantFrom(...INVISIBLES)), { maxLength: 3 }),
      grouped: fc.integer({ min: 0, max: 3 }),
    })
    .map(({ zero, mixed, sizes, hard, seps, invisible, grouped }) => {
      const glyph = (d: string, i: number) => {
        const z = mixed && i % 2 === 1 ? 0x30 : zero
        return String.fromCodePoint(z + Number(d))
      }
      const chars = [...digits].map((d, i) => (d === 'X' ? 'X' : glyph(d, i)))
      for (const [at, ch] of invisible) chars[Math.min(at, chars.length - 1)] += ch
      if (grouped === 0) return chars.join('')
      // Hard separators only between groups of two or more: `4.111…` reads as a version.
      const pool = hard ? HARD_SEPARATORS : separators === 'spread' ? SPREAD_SEPARATORS : SOFT_SEPARATORS
      let out = ''
      let at = 0
      let g = 0
      while (at < chars.length) {
        const size = grouped === 1 ? 4 : Math.max(hard ? 2 : 1, sizes[g % sizes.length] ?? 4)
        let end = Math.min(chars.length, at + size)
        // A lone trailing digit would join the group before it.
        if (hard && chars.length - end === 1) end = chars.length
        out += chars.slice(at, end).join('')
        if (end < chars.length) out += pool[(seps[g] ?? 0) % pool.length]
        at = end
        g++
      }
      return out
    })
}

const CARD_LABELS = [
  '',
  '卡号',
  '卡號 ',
  '银行卡：',
  '订单号 ',
  '订单号：',
  '交易单号 ',
  'ref:',
  'ref ',
  'order no. ',
  'Order No.',
  'card: ',
  'my card is ',
  'TXN',
  '#',
  'transaction id: ',
]
const BEFORE = ['', '你好，', 'Hi, ', '我昨天付款失败了。', 'I was charged twice. ', '金额 128.50 元，']
const AFTER = ['', '。', ' thanks', '，谢谢', '\n金额 100.00 元', ' on 2026-11-23', '，时间 14:30']

const inContext = (labels: readonly string[], value: fc.Arbitrary<string>) =>
  fc
    .tuple(fc.constantFrom(...BEFORE), fc.constantFrom(...labels), value, fc.constantFrom(...AFTER))
    .map(([before, label, v, after]) => {
      const start = before.length + label.length
      return { text: before + label + v + after, span: [start, start + v.length] as const }
    })

/** 13 digits glued after letters that name no card (`TXN4222222222222`) are a reference, not a card (see README). */
const CARD_LABELS_13 = CARD_LABELS.filter((l) => l !== 'TXN')

export const sensitiveCard: fc.Arbitrary<SensitiveCase> = cardNumber.chain((pan) =>
  inContext(pan.length === 13 ? CARD_LABELS_13 : CARD_LABELS, written(pan)).map((c) => ({
    ...c,
    secret: pan,
    kind: 'card' as const,
    keep: pan.slice(-4),
  })),
)

export const sensitiveId: fc.Arbitrary<SensitiveCase> = cnId.chain((id) =>
  inContext(['', '身份证号 ', '身份證號碼：', 'ID card no. ', '证件号码'], written(id)).map((c) => ({
    ...c,
    secret: id,
    kind: 'cn_id' as const,
    keep: id.slice(-4),
  })),
)

export const sensitiveMobile: fc.Arbitrary<SensitiveCase> = fc
  .tuple(mobile, fc.constantFrom('', '+86 ', '+86', '0086 '))
  .chain(([number, cc]) =>
    inContext(
      ['', '手机 ', '手機號碼：', 'call me at ', 'tel: ', '电话'],
      written(number).map((w) => cc + w),
    ).map((c) => ({ ...c, secret: number, kind: 'phone' as const })),
  )

/** Phrase families with the lengths of their values. */
const CODE_PHRASES: ReadonlyArray<readonly [readonly string[], number, number]> = [
  [
    [
      '验证码',
      '驗證碼',
      '短信验证码',
      '簡訊驗證碼',
      '短信码',
      '动态码',
      '動態碼',
      '校验码',
      '校驗碼',
      'code',
      'Code',
      'OTP',
      'otp',
      'one-time password',
      'one time code',
      'verification code',
      'Verification Code',
      'SMS code',
      'passcode',
    ],
    4,
    8,
  ],
  [['支付密码', '支付密碼', '密码', 'password', 'Password', 'PIN', 'pin', 'PIN码'], 4, 6],
  [['CVV', 'cvv', 'CVV2', 'CVC', '安全码', '安全碼', '背面三位'], 3, 4],
]
const VERBS = [
  ' ',
  '',
  ': ',
  '：',
  ' is ',
  ' was ',
  '是',
  '为',
  '為',
  ' = ',
  '\n',
  ' is\n',
  ' I got is ',
  '发给你：',
  ' you sent me: ',
  '-',
  '【',
  ' (',
  '：\n',
]
const OPENERS = ['', 'my ', 'the ', 'here is the ', 'My ', '我的', '你要的']

const phraseFirst: fc.Arbitrary<SensitiveCase> = fc
  .constantFrom(...CODE_PHRASES)
  .chain(([phrases, min, max]) =>
    fc.tuple(
      fc.constantFrom(...OPENERS),
      fc.constantFrom(...phrases),
      fc.constantFrom(...VERBS),
      digitString(min, max),
      fc.constantFrom(...AFTER),
    ),
  )
  // `CVV2 0 0 0` is ambiguous ("CVV2" + 000, or "CVV" + 2000): a glued CVV gets a space.
  .map(
    ([opener, phrase, verb, code, after]) =>
      [opener, phrase, verb === '' && /^CV[VC]$/i.test(phrase) ? ' ' : verb, code, after] as const,
  )
  .chain(([opener, phrase, verb, code, after]) =>
    fc.tuple(written(code, 'spread'), fc.constantFrom(...BEFORE)).map(([w, before]) => {
      const start = `${before}${opener}${phrase}${verb}`.length
      return {
        text: `${before}${opener}${phrase}${verb}${w}${after}`,
        secret: code,
        kind: 'code' as const,
        span: [start, start + w.length] as const,
      }
    }),
  )

const pad = (n: number, w: number) => String(n).padStart(w, '0')
const date = fc.date({
  min: new Date('2015-01-01T00:00:00Z'),
  max: new Date('2030-12-31T00:00:00Z'),
  noInvalidDate: true,
})

const wechatTxn = digitString(24, 24).map((d) => `4200${d}`)
const alipayTxn = fc
  .tuple(date, digitString(20, 20))
  .map(([d, rest]) => d.toISOString().slice(0, 10).replace(/-/g, '') + rest)
const merchantRef = fc.tuple(fc.constantFrom('M-', 'MCH-', 'M', 'SH-'), digitString(4, 8)).map(([p, d]) => p + d)
const amount = fc
  .tuple(
    fc.integer({ min: 0, max: 9_999_999 }),
    fc.integer({ min: 0, max: 99 }),
    fc.constantFrom('¥', '￥', 'USD ', 'RMB ', '', 'HK$'),
    fc.constantFrom('', ' 元', ' yuan'),
  )
  .map(([units, cents, cur, unit]) => `${cur}${units.toLocaleString('en-US')}.${pad(cents, 2)}${unit}`)
const dateText = fc
  .tuple(
    date,
    fc.constantFrom('-', '/', '.', '年'),
    fc.integer({ min: 0, max: 23 }),
    fc.integer({ min: 0, max: 59 }),
    fc.boolean(),
  )
  .map(([d, sep, h, m, withTime]) => {
    const [y, mo, da] = d.toISOString().slice(0, 10).split('-')
    const day = sep === '年' ? `${y}年${mo}月${da}日` : [y, mo, da].join(sep)
    return withTime ? `${day} ${pad(h, 2)}:${pad(m, 2)}` : day
  })
const version = fc
  .tuple(
    fc.integer({ min: 0, max: 30 }),
    fc.integer({ min: 0, max: 99 }),
    fc.integer({ min: 0, max: 999 }),
    fc.constantFrom('v', 'version ', '版本 ', 'App ', ''),
  )
  .map(([a, b, c, p]) => `${p}${a}.${b}.${c}`)
const build = fc
  .tuple(fc.constantFrom('build ', 'Build ', '(build ', '构建号 '), fc.integer({ min: 1, max: 99_999_999 }))
  .map(([p, n]) => `${p}${n}`)
const lastFour = fc
  .tuple(fc.constantFrom('尾号 ', '尾號', 'card ending ', '卡号后四位 ', 'ending in '), digitString(4, 4))
  .map(([p, d]) => p + d)

const timestamp = fc
  .tuple(date, fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), fc.integer({ min: 0, max: 59 }))
  .map(([d, h, m, sec]) => d.toISOString().slice(0, 10).replace(/-/g, '') + pad(h, 2) + pad(m, 2) + pad(sec, 2))
const errorCode = fc
  .tuple(
    fc.constantFrom('error code ', 'Error code: ', '错误码 ', 'HTTP status code '),
    fc.integer({ min: 100, max: 99_999 }),
  )
  .map(([p, n]) => p + n)
const hotline = fc.constantFrom('95188', '95017', '400-820-8820', '+1 (800) 555-0199')

const BENIGN_LABELS = ['', '微信支付单号 ', '交易单号：', '支付宝交易号 ', 'transaction id: ', 'ref ']

export const benign: fc.Arbitrary<BenignCase> = fc
  .oneof(
    fc.tuple(fc.constantFrom(...BENIGN_LABELS), fc.oneof(wechatTxn, alipayTxn)).map(([l, id]) => l + id),
    merchantRef.map((r) => `商户 ${r}`),
    merchantRef,
    amount,
    dateText,
    version,
    build,
    lastFour,
    timestamp,
    errorCode,
    hotline,
  )
  .chain((id) =>
    fc
      .tuple(fc.constantFrom(...BEFORE), fc.constantFrom(...AFTER))
      .map(([before, after]) => ({ text: `${before}${id}${after}`, mustKeep: [id] })),
  )

/**
 * Which digits of the written secret are still readable after redaction: every digit character
 * inside `span` must lie in a finding, except the last four a card or ID keeps (a mobile keeps
 * its first three and last four, as `138****8000` shows). Returns the exposed digits.
 */
export function exposedDigits(c: SensitiveCase, findings: ReadonlyArray<{ start: number; end: number }>): string {
  const positions: number[] = []
  const [from, to] = c.span
  for (let i = from; i < to;) {
    const cp = c.text.codePointAt(i) ?? 0
    const size = cp > 0xffff ? 2 : 1
    if (/\p{Nd}|[Xx]/u.test(String.fromCodePoint(cp))) positions.push(i)
    i += size
  }
  const allowed = c.kind === 'phone' ? 0 : c.keep === undefined ? 0 : c.keep.length
  const check = allowed > 0 ? positions.slice(0, -allowed) : positions
  const covered = (i: number) => findings.some((f) => f.start <= i && i < f.end)
  const exposed = check.filter((i) => !covered(i))
  return exposed.map((i) => c.text.slice(i, i + 1)).join('')
}

/** The value first: "384921 is my code", "384921 是验证码", "384921（验证码）". */
const valueFirst: fc.Arbitrary<SensitiveCase> = fc
  .tuple(
    digitString(4, 8),
    fc.constantFrom(
      ' is my code',
      ' is the OTP',
      ' is my verification code',
      '是验证码',
      ' 是我的驗證碼',
      '（验证码）',
      ' (OTP)',
      ' was the code',
    ),
    fc.constantFrom(...BEFORE),
  )
  .map(([code, tail, before]) => ({
    text: `${before}${code}${tail}`,
    secret: code,
    kind: 'code' as const,
    span: [before.length, before.length + code.length] as const,
  }))

/** Codes, CVV, PIN and digit passwords, phrase first (most cases) or value first. */
export const sensitiveCode: fc.Arbitrary<SensitiveCase> = fc.oneof(
  { arbitrary: phraseFirst, weight: 4 },
  { arbitrary: valueFirst, weight: 1 },
)

/** Where a card number stands in a message: bare, in words, in JSON, in a query string, after an amount label. */
export const CARD_CONTEXTS: ReadonlyArray<readonly [string, string]> = [
  ['', ''],
  ['card ', ' thanks'],
  ['卡号 ', '。'],
  ['{"card":', '}'],
  ['{"cardNumber": ', ', "amount": 12.5}'],
  ['pan=', '&x=1'],
  ['amount: ', ' CNY'],
]
