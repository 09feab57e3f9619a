/**
 * How often the legacy 15-digit ID rule would hide a number that is not an ID. Prints, for a few
 * thousand generated 15-digit order and transaction numbers of each kind (and Amex card numbers):
 *  - shape: the share whose digits alone pass the legacy ID check (real province, city not 00,
 *    real YYMMDD): what would be hidden if no ID word were required;
 *  - as ID: the share the redactor labels `cn_id` in running text without an ID word (bare, after
 *    an order label, after a sentence that mentions an ID), and right after an ID word;
 *  - changed: the share the redactor changes at all in running text (a Luhn-valid number with a
 *    card prefix is hidden as a card whatever the rule for IDs).
 *
 * Run: npx tsx bench/legacyId.ts [numbers per kind, default 5000]
 */
import fc from 'fast-check'
import { redact } from '../src/privacy/index.js'
import { cnLegacyIdShape } from '../src/privacy/checksums.js'
import { luhnCheckDigit } from '../test/unit/privacy/arbitraries.js'

const N = Number(process.argv[2] ?? 5000)
const SEED = 1989
const pad = (n: number, size: number) => String(n).padStart(size, '0')
const digits = (n: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: n, maxLength: n })
const date = fc.tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }))

const KINDS: ReadonlyArray<readonly [string, fc.Arbitrary<string>]> = [
  ['WeChat-like 4200001234 + 5', digits(5).map((s) => `4200001234${s}`)],
  ['WeChat-like 42000 + 10', digits(10).map((s) => `42000${s}`)],
  [
    'YYYYMMDD + 7-digit serial',
    fc
      .tuple(fc.integer({ min: 2015, max: 2026 }), date, digits(7))
      .map(([y, [m, d], s]) => `${y}${pad(m, 2)}${pad(d, 2)}${s}`),
  ],
  [
    'YYMMDD + 9-digit serial',
    fc
      .tuple(fc.integer({ min: 15, max: 26 }), date, digits(9))
      .map(([y, [m, d], s]) => `${y}${pad(m, 2)}${pad(d, 2)}${s}`),
  ],
  [
    'ms timestamp + 2 digits',
    fc.tuple(fc.integer({ min: 1_500_000_000_000, max: 1_800_000_000_000 }), digits(2)).map(([t, s]) => `${t}${s}`),
  ],
  ['amount in fen (15 digits)', digits(14).map((s) => `1${s}`)],
  ['any 15 digits', digits(15)],
  [
    'Amex (34/37, Luhn)',
    fc.tuple(fc.constantFrom('34', '37'), digits(12)).map(([p, b]) => p + b + luhnCheckDigit(p + b)),
  ],
]

const PLAIN = [
  '{}',
  '订单号 {}',
  '交易单号：{}',
  'order no. {}',
  '我的订单 {}，还没到账',
  '身份证已经实名认证过了。{}',
  'My ID card is verified. {}',
]
const AFTER_ID = ['身份证 {}', 'ID: {}']

const pct = (k: number, n: number) => `${((100 * k) / n).toFixed(2)}%`.padStart(7)
console.log(`${N} numbers per kind, seed ${SEED}; "as ID" over ${PLAIN.length} contexts without an ID word`)
console.log(`${'kind'.padEnd(28)}   shape   as ID  changed  as ID after an ID word  Amex: hidden as card`)
for (const [name, arb] of KINDS) {
  const nums = fc.sample(arb, { numRuns: N, seed: SEED })
  let shape = 0
  let asId = 0
  let changed = 0
  let afterId = 0
  let card = 0
  for (const n of nums) {
    if (cnLegacyIdShape(n)) shape++
    for (const ctx of PLAIN) {
      const r = redact(ctx.replace('{}', n))
      if (r.findings.some((f) => f.kind === 'cn_id')) asId++
      if (r.findings.length > 0) changed++
      if (ctx === '{}' && r.findings.length === 1 && r.findings[0]?.kind === 'card') card++
    }
    for (const ctx of AFTER_ID) if (redact(ctx.replace('{}', n)).findings.some((f) => f.kind === 'cn_id')) afterId++
  }
  const runs = N * PLAIN.length
  const amex = name.startsWith('Amex') ? pct(card, N) : ''
  console.log(
    `${name.padEnd(28)} ${pct(shape, N)} ${pct(asId, runs)} ${pct(changed, runs)} ${pct(afterId, N * AFTER_ID.length).padStart(23)}  ${amex}`,
  )
}
