/**
 * The digit and address detectors. Each reads the normalised text, skips what an earlier rule
 * already claimed, and claims what it hides. The caller runs them in the reference order:
 * 28-digit transaction ids (kept) → labelled secrets → CN ID → IBAN → card (also in exponent form)
 * → secrets → CN mobile (also with `、:~|;` between groups) → numbers spelled in Chinese numerals
 * → other cards → e-mail → other phones (last: 8 digits typed `5123 4567` may be the first half of
 * a card or ID those rules hide whole).
 */
import { cnIdShape, cnIdValid, cnLegacyIdShape, ibanValid, isCalendarDate, luhnValid } from './checksums.js'
import { IBAN_LENGTHS } from './ibanLengths.js'
import { maskCard, maskCnId, maskEmail, maskIban, maskNational, maskPhone } from './mask.js'
import {
  type Claims,
  type DigitGroup,
  type DigitRun,
  ZH_DIGITS,
  digitRuns,
  idLabelAround,
  isAsciiAlnum,
  isAsciiLetter,
  isDigit,
  orderLabelBefore,
} from './scan.js'
import type { FindingKind, Hit } from './types.js'

/** Shared state of one redaction pass over the normalised text. */
export interface ScanContext {
  text: string
  runs: DigitRun[]
  claims: Claims
  hits: Hit[]
  reference: boolean
  /** Runs of 8 or more digits of the text (`runs` are those of 11 or more), when already read. */
  shortRuns?: DigitRun[]
  /**
   * Whether a digit rule may take the slice `[start, end)` at all (unset: every slice). The pass
   * over numbers spelled in Chinese numerals takes only slices mostly spelled.
   */
  admits?: (start: number, end: number) => boolean
}

export function push(ctx: ScanContext, kind: FindingKind, start: number, end: number, replacement: string): void {
  ctx.claims.claim(start, end)
  ctx.hits.push({ kind, start, end, replacement })
}

/** A candidate slice of whole groups of one digit run. */
interface Slice {
  chars: string
  start: number
  /** Just after the slice's last group. */
  end: number
  /** Groups in the slice. */
  count: number
  /** The slice crosses a `.` or `/` join (a dotted number such as a date or a version). */
  hardInside: boolean
  /** The slice would cut a dotted number at one of its ends (`4.111…`, `…670.00`). */
  cutsHard: boolean
  /** The only number it cuts is a decimal: its fraction follows the slice (`4111111111111111|.00`). */
  beforeFraction: boolean
  /** The slice holds a whole decimal, a number and its fraction (`138001380.00`, `…190.00 2026…`). */
  decimalInside: boolean
  /** A letter is glued to its first group (`ref4111…`). */
  glued: boolean
  /** Shortest group in the slice. */
  shortest: number
  /** Every group but the last has the same length (`4200 0004 0420 …`). */
  uniform: boolean
}

/**
 * A candidate accepted by a digit rule: what to show instead (`null`: keep it visible but claimed),
 * optional earlier start and earlier end.
 */
interface Accepted {
  replacement: string | null
  start?: number
  end?: number
}

/**
 * Tries every contiguous slice of whole groups of `minLen`–`maxLen` characters and keeps the
 * longest accepted slice from each starting group. Cost: groups × maxLen, i.e. linear. An `X`
 * glued after the digits (an ID's check character) is a letter after the number, unless `checkX`.
 */
function scanDigitRule(
  ctx: ScanContext,
  kind: FindingKind,
  [minLen, maxLen]: readonly [number, number],
  accept: (slice: Slice) => Accepted | null,
  checkX = false,
): void {
  const { claims, text } = ctx
  for (const run of ctx.runs) {
    // Most runs in prose are short numbers (amounts, dates): no slice of them can match.
    if (run.compact.length < minLen) continue
    const { groups, compact, offsets } = run
    const open: boolean[] = []
    for (const g of groups) open.push(g.usable && claims.free(g.start, g.end))
    const fraction = fractionAt(text, groups)
    const decimal = decimalFractions(text, groups)
    let i = 0
    while (i < groups.length) {
      const first = groups[i]
      const from = offsets[i] ?? 0
      if (!first) break
      let best: { j: number; accepted: Accepted; end: number } | null = null
      let hardInside = false
      let decimalInside = false
      let shortest = Infinity
      let uniform = true
      for (let j = i; j < groups.length && open[j] === true; j++) {
        const g = groups[j]
        if (!g) break
        const size = g.end - g.start
        shortest = Math.min(shortest, size)
        if (j > i && g.join === 'hard') hardInside = true
        if (j > i && decimal[j] === true) decimalInside = true
        if (
          j > i + 1 &&
          (groups[j - 1]?.end ?? 0) - (groups[j - 1]?.start ?? 0) !== (groups[i]?.end ?? 0) - first.start
        )
          uniform = false
        // `13800138000X`: the number, then a letter (a lone `X` group is no part of it).
        const x = !checkX && /[Xx]/.test(text[g.end - 1] ?? '') ? 1 : 0
        if (x && size === 1) break
        const len = (offsets[j + 1] ?? 0) - from - x
        if (len > maxLen) break
        if (len < minLen) continue
        const cutsHard = first.join === 'hard' || (groups[j + 1]?.join === 'hard' && !expiryAfter(text, groups, j))
        const slice: Slice = {
          chars: compact.slice(from, from + len),
          start: first.start,
          end: g.end - x,
          count: j - i + 1,
          hardInside,
          cutsHard,
          // Also `4111 1111 1111 1111.00`: a grouped card, then an amount's fraction.
          beforeFraction: first.join !== 'hard' && (j + 1 === fraction || decimal[j + 1] === true),
          decimalInside,
          glued: first.glued,
          shortest,
          uniform,
        }
        if (ctx.admits && !ctx.admits(slice.start, slice.end)) continue
        const accepted = accept(slice)
        if (accepted) best = { j, accepted, end: slice.end }
      }
      if (best) {
        const start = best.accepted.start ?? first.start
        const end = best.accepted.end ?? best.end
        if (best.accepted.replacement === null) claims.claim(start, end)
        else push(ctx, kind, start, end, best.accepted.replacement)
        for (let k = i; k <= best.j; k++) open[k] = false
        i = best.j + 1
      } else {
        i++
      }
    }
  }
}

/**
 * `4111111111111111.0`, `6222020200001234567.00`: a number printed as a decimal (a float from a
 * spreadsheet, a log or a JSON encoder). The run's last group may be its fraction when it has one
 * or two digits, follows a lone `.`, and the group before it has five or more digits (a card
 * written in dotted groups of four, `4111.1111.1111.1111`, has none). A slice may then end before
 * it; the whole run is still tried as well, so the rule only ever hides more. Its index, or -1.
 */
function fractionAt(text: string, groups: readonly DigitGroup[]): number {
  const k = groups.length - 1
  const last = groups[k]
  const prev = groups[k - 1]
  if (!last || !prev || last.join !== 'hard' || text.slice(prev.end, last.start) !== '.') return -1
  return zeroScale(text, last) && prev.end - prev.start >= 5 ? k : -1
}

/**
 * A fraction's digits: one or two (`.5`, `.00`), or three to six zeros (`.000`, `.000000`: an
 * integer printed with a fixed scale, a spreadsheet's `0.000` or a DECIMAL column).
 */
function zeroScale(text: string, g: DigitGroup): boolean {
  return /^(?:\d\d?|0{3,6})$/.test(text.slice(g.start, g.end))
}

/**
 * `138001380.00`, `¥190.00 2026-11-23`: which groups are the fraction of a decimal, an amount.
 * Such a group has one or two digits after a lone `.`, and the two groups are no part of a longer
 * dotted number (`13.80.01.38.000`, a date, a version): neither the group before them nor the one
 * after is joined by `.` or `/`.
 */
function decimalFractions(text: string, groups: readonly DigitGroup[]): boolean[] {
  return groups.map((g, k) => {
    const prev = groups[k - 1]
    if (!prev || g.join !== 'hard' || prev.join === 'hard' || groups[k + 1]?.join === 'hard') return false
    return text.slice(prev.end, g.start) === '.' && zeroScale(text, g)
  })
}

/**
 * `4111 1111 1111 1111/05/27`, `…1111/0527`: the groups after a slash are the card's expiry
 * (month 01–12, then a 2- or 4-digit year), not a longer dotted number the slice would cut.
 */
function expiryAfter(text: string, groups: readonly DigitGroup[], j: number): boolean {
  const rest = groups.slice(j + 1)
  const month = rest[0]
  const prev = groups[j]
  if (!month || !prev || text.slice(prev.end, month.start) !== '/') return false
  const mm = Number(text.slice(month.start, month.start + 2))
  if (mm < 1 || mm > 12) return false
  const sizes = rest.map((g) => g.end - g.start)
  if (rest.length === 1) return sizes[0] === 4 || sizes[0] === 6
  const year = rest[1]
  return (
    rest.length === 2 &&
    sizes[0] === 2 &&
    (sizes[1] === 2 || sizes[1] === 4) &&
    year !== undefined &&
    text.slice(month.end, year.start) === '/'
  )
}

/**
 * A dotted slice reads as one number only when no group is a lone digit (`4.111…` is a version).
 * With `decimal`, a slice whose only cut is a decimal's fraction (`4111111111111111.0`) reads as one.
 */
function plausiblyGrouped(slice: Slice, decimal = false): boolean {
  return (!slice.cutsHard || (decimal && slice.beforeFraction)) && (!slice.hardInside || slice.shortest >= 2)
}

/**
 * A digit rule for weaker evidence: not in reference fields (their numbers are order and
 * transaction numbers), and only on slices that stand apart and are plausibly grouped. A letter
 * glued after the number changes nothing (`13800138000ext`, `6212…1234abc`); letters glued before
 * it make it part of an identifier (`ORD13800138000`, `TX20261204123456789`), unless they are a
 * word naming a phone or card number (`tel13800138000`, `card6212…`).
 */
function scanLooseDigits(
  ctx: ScanContext,
  kind: FindingKind,
  lengths: readonly [number, number],
  accept: (slice: Slice) => Accepted | null,
): void {
  if (ctx.reference) return
  // `accept` sees slices before a decimal's fraction too, and turns down those it reads as amounts.
  // A slice holding a whole amount (`138001380.00`: the digits of a mobile) is no card or phone.
  scanDigitRule(ctx, kind, lengths, (slice) =>
    (slice.glued && !numberWordBefore(ctx.text, slice.start)) || slice.decimalInside || !plausiblyGrouped(slice, true)
      ? null
      : accept(slice),
  )
}

/** A word naming a phone or card number (`tel`, `mobileNo`, `card`, `cellPhoneNumber`). */
const NUMBER_WORD =
  /^(?:tel(?:ephone)?|(?:cell)?phone|mob(?:ile)?|cell|call|sms|(?:bank|credit|debit)?card|pan|cc|visa|master(?:card)?|amex|unionpay|diners|jcb|discover)(?:no|num|number)?$/i

/**
 * Whether a word naming the number is glued before `start` (`tel13800138000`, `card6212…`). It
 * starts a word: no letter before it, or a capital after a small letter, as in a camelCase field
 * name (`mobilePhone13800138000`, `userCardNo…`); not inside a word (`hotel138…`, `ORDERTel138…`).
 */
function numberWordBefore(text: string, start: number): boolean {
  for (let k = Math.max(0, start - 16); k < start; k++)
    if (
      (!isAsciiLetter(text[k - 1]) || /[a-z][A-Z]/.test(text.slice(k - 1, k + 1))) &&
      NUMBER_WORD.test(text.slice(k, start))
    )
      return true
  return false
}

const WECHAT_TXN = /^4200\d{24}$/
const ALIPAY_TXN = /^(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{20}$/

/**
 * 28-digit WeChat Pay (`4200…`) and Alipay (`YYYYMMDD…`) transaction numbers written in even
 * groups: claimed as they are, so no card-sized piece is cut out of them.
 */
export function keepTransactionIds(ctx: ScanContext): void {
  scanDigitRule(ctx, 'card', [28, 28], (slice) => {
    if (slice.count === 1 || !slice.uniform || slice.hardInside) return null
    return WECHAT_TXN.test(slice.chars) || ALIPAY_TXN.test(slice.chars) ? { replacement: null } : null
  })
}

/**
 * 18-character resident IDs (check character + birth date) wherever they stand. Next to an ID word
 * (before or after the number), also 15-digit legacy IDs and 18-character ones whose check
 * character is wrong (a typo leaves the other 17 characters the user's own). A letter glued after
 * the ID changes nothing (`11010519491231002Xabc`, `110105194912310038a`), nor does an `X` glued
 * after its last digit (`110105194912310038X`, read as the ID and a letter), nor a decimal
 * fraction after it (`370101190102039973.00`, `3701 0119 0102 0399 73.00`).
 */
export function detectCnIds(ctx: ScanContext): void {
  scanDigitRule(
    ctx,
    'cn_id',
    [15, 19],
    (slice) => {
      // `110105 19491231 0038.00`: an ID pasted from a spreadsheet's number column, as a card is.
      if (!plausiblyGrouped(slice, true) || slice.decimalInside) return null
      const { start } = slice
      let { chars, end } = slice
      if ((chars.length === 16 || chars.length === 19) && /\d[Xx]$/.test(chars)) {
        chars = chars.slice(0, -1)
        end--
      }
      if (chars.length === 18 && cnIdValid(chars)) return { replacement: maskCnId(chars), end }
      const shaped = chars.length === 15 ? cnLegacyIdShape(chars) : chars.length === 18 && cnIdShape(chars)
      if (shaped && !slice.glued && idLabelAround(ctx.text, start, end)) return { replacement: maskCnId(chars), end }
      return null
    },
    true,
  )
}

const CN_PHONE = /^(?:0086|86)?1[3-9]\d{9}$/
const CN_PHONE_WITH_CC = /^(?:0086|86)1[3-9]\d{9}$/

/** `YYYYMMDDhhmmss`: a compact timestamp, common in order numbers and logs. */
function compactTimestamp(chars: string): boolean {
  const year = Number(chars.slice(0, 4))
  if (year < 1970 || year > 2099) return false
  if (!isCalendarDate(year, Number(chars.slice(4, 6)), Number(chars.slice(6, 8)))) return false
  return Number(chars.slice(8, 10)) < 24 && Number(chars.slice(10, 12)) < 60 && Number(chars.slice(12, 14)) < 60
}

const MONTH_DAY = String.raw`(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])`
/** A date: `2026-01-10`, `2026/01/10`, `2026.01.10` or `20260110`. */
const DATE = String.raw`(?:19|20)\d\d(?:-(?:0?[1-9]|1[0-2])-(?:0?[1-9]|[12]\d|3[01])|/(?:0?[1-9]|1[0-2])/(?:0?[1-9]|[12]\d|3[01])|\.(?:0?[1-9]|1[0-2])\.(?:0?[1-9]|[12]\d|3[01])|${MONTH_DAY})`
/** Two or more dates in a row, as a digit run joins them (`2026-01-10 - 2026-01-24`, one a line). */
const DATES = new RegExp(String.raw`(?<!\d)${DATE}(?:[\s,/._()-]{1,8}${DATE})+(?!\d)`, 'g')

/** Whether `[start, end)` lies within a run of dates: the digits of a date range, not a card. */
function insideDates(text: string, start: number, end: number): boolean {
  const from = Math.max(0, start - 40)
  for (const m of text.slice(from, end + 40).matchAll(DATES))
    if (from + m.index <= start && from + m.index + m[0].length >= end) return true
  return false
}

/**
 * Issuer prefixes of the card networks: Visa 4; Mastercard 51–55 and 2221–2720; Maestro 50,
 * 56–69; Amex 34, 37; Diners 300–305, 309, 36, 38, 39; JCB 35; Discover 6011, 644–649, 65;
 * UnionPay 62, 81; RuPay 60, 65, 81, 82; Mir 2200–2204.
 */
const CARD_PREFIX = /^(?:4|5|6|3(?:0[0-59]|[4-9])|22(?:0[0-4]|2[1-9]|[3-9])|2[3-6]|27(?:[01]|20)|8[12])/

/**
 * Card numbers a label can never hide: 13–19 digits passing Luhn with a card network's prefix,
 * whatever word sits before them (`订单号`, `ref:`, `TXN`), and in reference fields too; 13 digits
 * glued after letters that name no card are a reference (`TX4111111111119`).
 */
export function detectStrongCards(ctx: ScanContext): void {
  // Reference fields (Transaction ID, order number) included: the user may type a card there, or
  // the host may pass one as `transaction.id`. A 28-digit wallet transaction number was claimed
  // before this rule and stays whole.
  // Letters glued before or after change nothing (`TXN4111…`, `4111…1111abc`), but for 13 digits.
  scanDigitRule(ctx, 'card', [13, 19], (slice) => {
    const { chars, start } = slice
    // `4111111111111111.0`: a card printed as a decimal is still a card.
    if (!plausiblyGrouped(slice, true) || !CARD_PREFIX.test(chars) || !luhnValid(chars)) return null
    // `4128.50 2026 11 23`: an amount and the numbers after it, not a card.
    if (slice.decimalInside) return null
    // `2026-01-23, 2026-01-28, 2026-02-03`: digits cut from a list of dates (`23 2026…`), not a card.
    if (insideDates(ctx.text, start, slice.end)) return null
    // `+44 …`: an international phone number (E.164 stops at 15 digits), not a card.
    if (ctx.text[start - 1] === '+' && chars.length <= 15) return null
    // `TX4111111111119`, `REF…`: 13 digits glued after letters are a reference (no network issues
    // 13-digit cards any more), unless the letters name the number (`card4222…`). Any other card
    // length, or a 13-digit card typed in groups, stays a card after any letters.
    if (slice.glued && slice.count === 1 && chars.length === 13 && !numberWordBefore(ctx.text, start)) return null
    return { replacement: maskCard(chars) }
  })
}

/**
 * `4.111111111111111e15`, `4.111111111111111E+15`: a number in exponent form (a float pasted from a
 * spreadsheet, a log or a JSON encoder). One digit, a fraction and a positive exponent, the token
 * standing apart from other digits and dots.
 */
const EXPONENT = /(?<![\d.])([1-9])\.(\d{10,18})[eE]\+?(\d{1,3})(?!\d|\.\d)/g

/**
 * A card number in exponent form: the mantissa's digits, with the zeros the exponent adds, make
 * an integer of 13–19 digits that a strong card rule would hide (network prefix, Luhn). A float
 * printer drops trailing zeros, so up to two are added back (a card ends in `00` one time in a
 * hundred); more, or a fraction longer than the exponent (not an integer), and it is a
 * measurement. `6.02e23`, `1.5e3` or `4.11111E+15` (six digits, the rest already lost) stay. A
 * 17–19-digit integer printed with 15 or more digits (`6.222021234567894e+18`) is a card past 2^53
 * whose last digits the float rounded: no checksum can tell, so it is hidden whole.
 */
export function detectExponentCards(ctx: ScanContext): void {
  const { text, claims } = ctx
  for (const m of text.matchAll(EXPONENT)) {
    const [token, lead = '', fraction = '', exponent = ''] = m
    const zeros = Number(exponent) - fraction.length
    if (zeros < 0) continue
    const chars = lead + fraction + '0'.repeat(zeros)
    if (chars.length < 13 || chars.length > 19 || !CARD_PREFIX.test(chars)) continue
    const exact = zeros <= 2 && luhnValid(chars)
    // Past 2^53 a double keeps 15–17 digits and rounds the rest: hidden whole, as redactFields does.
    if (!exact && (chars.length < 17 || fraction.length < 14)) continue
    if (!claims.free(m.index, m.index + token.length)) continue
    push(ctx, 'card', m.index, m.index + token.length, exact ? maskCard(chars) : '*'.repeat(chars.length))
  }
}

/**
 * Other card-shaped numbers, unless a label marks them as an order number: Luhn-valid 13–19
 * digits without a network prefix, and UnionPay `62` + 16–19 digits that fail Luhn (older
 * UnionPay cards do). Before a decimal's fraction, only UnionPay and 16–19 digits with a zero
 * fraction (`.0`, `.00`).
 */
export function detectCards(ctx: ScanContext): void {
  scanLooseDigits(ctx, 'card', [13, 19], (slice) => {
    const { chars, start } = slice
    // No card number starts with 0 (`0086 138…` is a phone with its country code).
    if (chars.startsWith('0')) return null
    const unionPay = chars.startsWith('62') && chars.length >= 16
    if (!unionPay && (slice.hardInside || !luhnValid(chars))) return null
    // Before a fraction, a number without a network prefix is an amount (`1234567812345670.50`).
    // `6222…4567.00` is a UnionPay card, and 16–19 digits with a zero fraction (`9123456789012348.0`)
    // are an integer printed as a float, as spreadsheets and JSON encoders print cards: no amount
    // runs to quadrillions.
    if (
      slice.cutsHard &&
      !unionPay &&
      !(slice.beforeFraction && chars.length >= 16 && /^\.0{1,6}(?!\d)/.test(ctx.text.slice(slice.end, slice.end + 8)))
    )
      return null
    // Shaped like a phone number (`+…`, `86 138…`) or a timestamp: not a card.
    if (ctx.text[start - 1] === '+' || CN_PHONE_WITH_CC.test(chars)) return null
    if (chars.length === 14 && compactTimestamp(chars)) return null
    // `2026-01-10 - 2026-01-24`, `20260110-20260124`: a range or list of dates, not a card.
    if (insideDates(ctx.text, start, slice.end)) return null
    // `1784811759453`: a millisecond timestamp (2001–2033); no network issues 13 digits starting with 1.
    if (chars.length === 13 && chars[0] === '1' && slice.count === 1) return null
    if (orderLabelBefore(ctx.text, start)) return null
    return { replacement: maskCard(chars) }
  })
}

/** Mainland mobile numbers, `+86`/`86`/`0086` optional, digits grouped or not. */
export function detectPhones(ctx: ScanContext): void {
  scanLooseDigits(ctx, 'phone', [11, 15], ({ chars, start, cutsHard }) => {
    if (cutsHard || !CN_PHONE.test(chars) || orderLabelBefore(ctx.text, start)) return null
    const plus = ctx.text[start - 1] === '+'
    // `+1 (800) 555-0199`: another country's number that happens to read 1[3-9]…
    if (plus && !CN_PHONE_WITH_CC.test(chars)) return null
    if (plus) return { replacement: maskPhone(chars, true), start: start - 1 }
    // `(138) 0013 8000`: the bracket opened before the number goes with it.
    if (ctx.text[start - 1] === '(') return { replacement: maskPhone(chars, false), start: start - 1 }
    return { replacement: maskPhone(chars, false) }
  })
}

const NUMERALS = Object.keys(ZH_DIGITS).join('')
const ZH_NUMERAL = new RegExp(`[${NUMERALS}]`, 'g')
/**
 * A numeral next to another numeral or a digit, only a digit run's separators between them: every
 * spelled mobile has one, and most text none (`一下`, `十一月`, `一百三十八元`).
 */
const NUMERAL_PAIR = new RegExp(`[${NUMERALS}][ \\n,()./_-]{0,8}[\\d${NUMERALS}]|\\d[ \\n,()./_-]{0,8}[${NUMERALS}]`)

/**
 * Numbers spelled in Chinese numerals, also mixed with digits: the ID, card and phone rules read the
 * text with each numeral as its digit (one unit for one, so offsets hold), in their usual order.
 * Mainland mobiles (`一三八 一二三四 五六七八`, `138一二三四5678`, `壹叁捌…`) as the phone rule reads
 * them; resident IDs (`一一〇一〇五一九四九一二三一〇〇二X`) and cards (`四一一一 一一一一 …`,
 * `陆贰贰贰…`) only where at least half the slice's digits are spelled, so a long number the digit
 * rules left is not read anew with a word starting with a numeral glued after it (`…一直没到账`,
 * `…一共两笔`). Runs of digits alone read as they did on the text itself (their numbers were claimed
 * or turned down there). Numbers with units (`一百三十八元`, `十一月`) break into runs too short for
 * any rule, and counts, idioms and dates (`一二三四五`, `一五一十`, `二〇二六年`) are far from 15
 * numerals in a row.
 */
export function detectSpelledNumbers(ctx: ScanContext): void {
  if (!NUMERAL_PAIR.test(ctx.text)) return
  const spelled = ctx.text.replace(ZH_NUMERAL, (ch) => ZH_DIGITS[ch] ?? ch)
  // Numerals and digits (numerals read as digits) before each offset.
  const numerals = new Int32Array(spelled.length + 1)
  const digits = new Int32Array(spelled.length + 1)
  for (let k = 0; k < spelled.length; k++) {
    numerals[k + 1] = (numerals[k] ?? 0) + (ZH_DIGITS[ctx.text[k] ?? ''] === undefined ? 0 : 1)
    digits[k + 1] = (digits[k] ?? 0) + (isDigit(spelled[k]) ? 1 : 0)
  }
  const admits = (start: number, end: number): boolean =>
    2 * ((numerals[end] ?? 0) - (numerals[start] ?? 0)) >= (digits[end] ?? 0) - (digits[start] ?? 0)
  const spelledCtx: ScanContext = { ...ctx, text: spelled, runs: digitRuns(spelled), admits }
  detectCnIds(spelledCtx)
  detectStrongCards(spelledCtx)
  const phoneText = joinPhoneGroups(spelled)
  detectPhones(
    phoneText === null
      ? { ...ctx, text: spelled, runs: spelledCtx.runs }
      : { ...ctx, text: phoneText, runs: digitRuns(phoneText) },
  )
  detectCards(spelledCtx)
}

/**
 * A separator people put between a mobile's groups besides spaces, dashes and dots (after
 * normalisation: `：｜～；` read as ASCII), between two digits, a space allowed on either side.
 */
const PHONE_SEPARATOR = /\d ?[、:~|;] ?(?=\d)/g
/** Digits a group next to such a separator has at least: a mobile's groups have 3 or 4, list items and times fewer. */
const MIN_PHONE_GROUP = 3

/** The number of digits in the group that ends at `end` (exclusive), or starts at `start`. */
function groupBefore(text: string, end: number): number {
  let k = end
  while (k > 0 && isDigit(text[k - 1])) k--
  return end - k
}
function groupAfter(text: string, start: number): number {
  let k = start
  while (k < text.length && isDigit(text[k])) k++
  return k - start
}

/**
 * The text with each `、 : ~ | ;` between two groups of three or more digits (or after a `+86`)
 * read as `-`, so the phone rule sees `138、1234、5678` as it sees `138-1234-5678`; `null` when no
 * separator was replaced. One unit for one: offsets hold. List items (`1、2、3`, `第1、2步`) and
 * times (`13:45:30`) have shorter groups and stay apart; an amount (`100|200`) is joined but reads as
 * no mobile.
 */
function joinPhoneGroups(text: string): string | null {
  let out: string[] | null = null
  for (const m of text.matchAll(PHONE_SEPARATOR)) {
    const left = m.index + 1
    const k = text[left] === ' ' ? left + 1 : left
    const before = groupBefore(text, left)
    const countryCode = before === 2 && text.slice(left - 3, left) === '+86'
    if ((before < MIN_PHONE_GROUP && !countryCode) || groupAfter(text, m.index + m[0].length) < MIN_PHONE_GROUP)
      continue
    out ??= text.split('')
    out[k] = '-'
  }
  return out === null ? null : out.join('')
}

/**
 * Mainland mobiles with `、 : ~ | ;` (also full-width) between their groups: `138、1234、5678`,
 * `138｜1234｜5678`, `+86|138|1234|5678`. The phone rule reads the text with each such separator
 * between groups of a mobile's size as a dash.
 */
export function detectSeparatedPhones(ctx: ScanContext): void {
  const text = joinPhoneGroups(ctx.text)
  if (text !== null) detectPhones({ ...ctx, text, runs: digitRuns(text) })
}

/** Calling codes of one or two digits (ITU-T E.164); every other code has three. */
const SHORT_CODES = new Set(
  '1 7 20 27 30 31 32 33 34 36 39 40 41 43 44 45 46 47 48 49 51 52 53 54 55 56 57 58 60 61 62 63 64 65 66 81 82 84 86 90 91 92 93 94 95 98'.split(
    ' ',
  ),
)

/** The country calling code a number written after `+` starts with. */
function callingCode(digits: string): string {
  for (const n of [1, 2]) if (SHORT_CODES.has(digits.slice(0, n))) return digits.slice(0, n)
  return digits.slice(0, 3)
}

/**
 * A toll-free or shared-cost service number, a business's hotline rather than a person's phone:
 * North American 800/833/…/888, `+800`, 800/808/0800/1800/1300 elsewhere, the mainland's 400/800.
 */
function serviceNumber(cc: string, national: string): boolean {
  if (cc === '1') return /^8(?:00|33|44|55|66|77|88)/.test(national)
  return cc === '800' || /^(?:0?80[08]|1[38]00)/.test(national) || (cc === '86' && /^[48]00/.test(national))
}

/**
 * What a phone outside the mainland without `+` looks like: `00` and Hong Kong's, Macau's or
 * Taiwan's code (or `0086` and a mainland landline), one of those codes, a Taiwan mobile (`09…`),
 * a Hong Kong or Macau one (8 digits).
 */
const BARE_SHAPE =
  /^(?:(?:00)?(?:852[569]\d{7}|8536\d{7}|8869\d{8})|0086(?:10|2\d|[3-9]\d\d)[1-9]\d{6,7}|09\d{8}|[569]\d{7})$/
/**
 * A mainland landline: `0`, an area code (`10`, `2x`, or three digits from `3`), then a local number
 * of 7–8 digits that does not start with `0` (which starts a long-distance number).
 */
const LANDLINE = /^0(?:10|2\d|[3-9]\d\d)[1-9]\d{6,7}$/
/** How a landline's local number is grouped: whole (`61234567`), or `123 4567`, `1234 5678`. */
const LOCAL_GROUPS = new Set(['7', '8', '3,4', '4,4'])
/** An extension after a landline (`010-61234567-8001`): the number ends there. */
const EXTENSION_AFTER = /^-\d{1,5}(?!\d|[ -]\d)/

/** Words before a number that make it a phone (`电话 5123 4567`, `call me on 51234567`). */
const PHONE_WORD =
  /(?:电话|電話|手机|手機|座机|座機|固话|固話|传真|傳真|(?<![单單])[号號]码|联系|聯繫|聯絡|致电|致電|打给|打給|香港|澳门|澳門|台湾|台灣|(?<![A-Za-z])(?:whats ?app|phone|mobile|cell|tel|fax|call|contact|reach|sms|text))[^\d\n]{0,12}$/i
/**
 * A line break, or a separator the mainland rule reads as a dash (`、|;`), between a number's
 * groups: lists are written so too (`5000⏎6000`, `5000、6000`), so only a number that says it is a
 * phone by its shape, or one after a word naming a phone, is read across them.
 */
const BROKEN = /[\n、|;]/
/** `~` and `:` between groups: a range, a ratio or a time (`5000~6000`, `5000:6000`), never a phone here. */
const RANGE = /[~:]/
/**
 * A counter or unit after eight bare digits makes them a count (`共 9000 0000 人`, `5000 0000 积分`,
 * `9123 4567 users`, `9000 0000 余人`, `多人`: "over … people"); not `个人` ("personal", `个人电话`), `人工` or
 * `分机` (an extension).
 */
const COUNT_AFTER =
  /^[ \t]{0,2}[余餘多]?(?:人(?!工)|[个個](?!人)|次|件|条|條|份|张|張|[积積]分|分(?![机機])|点|點|位|名|户|戶|笔|筆|台|部|股|票|步|字|页|頁|万|萬|亿|億|倍|(?:people|persons?|users?|points?|pts|times|items?|views?|visits?|clicks?|downloads?|members?|followers?|fans|steps|units?|pieces?|pcs|bytes?|[kmg]b)(?![A-Za-z]))/i
/** An identifier the digits belong to (`M-51234567`, `HF-2026-…`, `#51234567`). */
const IDENTIFIER_BEFORE = /(?:[A-Za-z0-9][-_#/]|#[ \t]?)$/
/** A chat link, whose path is a phone number (`wa.me/85291234567`, `t.me/+85291234567`). */
const CHAT_LINK = /\b(?:wa|t)\.me\/$/i
/** An amount: a currency before the number (`HK$ 56001234`, `金额 51234567`) or a unit after it. */
const CURRENCY_BEFORE = /(?:[¥$€£]|HK\$?|NT\$?|MOP|RMB|USD|HKD|TWD|CNY|金额|金額|价格|價格|余额|餘額)[ \t]?$/i
const UNIT_AFTER = /^[ \t]?(?:元|块|塊|港币|港幣|港元|澳门元|澳門元|台币|台幣|HKD|MOP|TWD|USD|RMB|CNY|%|dollars?)/i

/** A digit stands before `start` with at most two spaces or dashes between: the number goes on. */
function continuesBefore(text: string, start: number): boolean {
  let b = start - 1
  while (b >= start - 2 && (text[b] === ' ' || text[b] === '-')) b--
  return isDigit(text[b])
}
/** A digit stands after `end` with at most two spaces or dashes between. */
function continuesAfter(text: string, end: number): boolean {
  let a = end
  while (a < end + 2 && (text[a] === ' ' || text[a] === '-')) a++
  return isDigit(text[a])
}

/** Where the national number starts: after `skip` digits of the slice and what separates them from it. */
function nationalStart(text: string, start: number, skip: number): number {
  let k = start
  for (let seen = 0; seen < skip; k++) if (isDigit(text[k])) seen++
  while (k < text.length && !isDigit(text[k])) k++
  return text[k - 1] === '(' ? k - 1 : k
}

/**
 * A phone number outside the mainland in the slice, or `null`: after `+` (or `00` with Hong
 * Kong's, Macau's or Taiwan's code), any number of 8–15 digits but a service number; after `852`
 * or `853` a Hong Kong or Macau mobile (8 digits, `5`/`6`/`9`), after `886` a Taiwan mobile (`9` and 8
 * digits); alone, a mainland landline (`010-61234567`), a Taiwan mobile (`09` and 8 digits), or
 * a Hong Kong or Macau mobile typed `5123 4567` (no counter after it: `9000 0000 人`) or after a
 * word naming a phone (8 digits glued together are as often a count or a size). Across a line break or `、|;` (`written` is the text
 * as typed, `text` may have them read as dashes) only a number with its code or a Taiwan mobile,
 * or one after a word naming a phone: lists are written one a line too.
 */
function foreignPhone(text: string, slice: Slice, written: string = text): Accepted | null {
  const { chars, start, end } = slice
  const lead = text[start - 1] === '+' ? start - 1 : text.slice(start - 2, start) === '+(' ? start - 2 : -1
  const landline = lead < 0 && LANDLINE.test(chars)
  // The shape first: most numbers are none of these, and the context is read only for those that are.
  if (lead < 0 ? !BARE_SHAPE.test(chars) && !landline : isAsciiAlnum(text[lead - 1])) return null
  // What the user typed between the groups (`written` is the text before `、|;` were read as dashes).
  const typedSlice = written.slice(start, end)
  if (slice.cutsHard || /[/_]/.test(typedSlice) || RANGE.test(typedSlice)) return null
  const broken = BROKEN.test(typedSlice)
  if (lead < 0 && slice.hardInside && slice.shortest < 2) return null
  const from = lead >= 0 ? lead : text[start - 1] === '(' ? start - 1 : start
  const before = text.slice(Math.max(0, from - 8), from)
  if (orderLabelBefore(text, from) || CURRENCY_BEFORE.test(before)) return null
  if (IDENTIFIER_BEFORE.test(before) && !CHAT_LINK.test(before)) return null
  if (UNIT_AFTER.test(text.slice(end, end + 6))) return null
  if (lead < 0 && continuesBefore(text, start)) return null
  // A landline may end in an extension (`010-61234567-8001`).
  if (lead < 0 && continuesAfter(text, end) && !(landline && EXTENSION_AFTER.test(text.slice(end, end + 12))))
    return null
  const phoneWord = () => PHONE_WORD.test(text.slice(Math.max(0, from - 28), from))
  const zeros = lead < 0 && chars.startsWith('00') ? 2 : 0
  if (lead >= 0 || zeros > 0) {
    const digits = chars.slice(zeros)
    const cc = callingCode(digits)
    const national = digits.slice(cc.length)
    // `+2026-12-05`: a date after a plus sign.
    if (national.length < 6 || serviceNumber(cc, national)) return null
    if (/^(?:19|20)\d\d-\d\d?-\d\d?(?!\d)/.test(text.slice(start, end))) return null
    return { replacement: maskNational(national), start: nationalStart(text, start, zeros + cc.length) }
  }
  if (chars.startsWith('8')) return { replacement: maskNational(chars.slice(3)), start: nationalStart(text, start, 3) }
  if (landline) {
    // `010-61234567`, `(0755) 1234 5678`: the area code apart from the local number; glued to it
    // (`02161234567`) or across lines, only after a word naming a phone.
    const area = chars[1] === '1' || chars[1] === '2' ? 3 : 4
    const groups = (typedSlice.match(/\d+/g) ?? []).map((g) => g.length)
    const apart = groups[0] === area && LOCAL_GROUPS.has(groups.slice(1).join(','))
    if ((!apart || broken) && !phoneWord()) return null
    return { replacement: maskNational(chars.slice(area)), start: nationalStart(text, start, area) }
  }
  if (chars.startsWith('09')) return { replacement: maskNational(chars, 2) }
  // Eight bare digits: typed `5123 4567` (not followed by a counter: `9000 0000 人`), or after a
  // word naming a phone.
  if (phoneWord()) return { replacement: maskNational(chars) }
  const typed = /^\d{4}[ -]\d{4}$/.test(text.slice(start, end)) && !broken
  return typed && !COUNT_AFTER.test(text.slice(end, end + 12)) ? { replacement: maskNational(chars) } : null
}

/**
 * Phone numbers outside the mainland: Hong Kong, Macau and Taiwan mobiles, and any number written
 * with `+` and its country code (E.164), masked to the country code as typed and the last four
 * digits (`+852 ****4567`, `09****5678`); and mainland landlines, masked to the area code and the
 * last four (`010-****4567`). Read last, on runs of 8 or more digits.
 */
export function detectForeignPhones(ctx: ScanContext): void {
  if (ctx.reference) return
  // As {@link scanLooseDigits}, but a one-digit country code (`+1 415.555.2671`) is no version.
  const scan = (text: string, runs: DigitRun[]) =>
    scanDigitRule({ ...ctx, text, runs }, 'phone', [8, 15], (slice) =>
      (slice.glued && !numberWordBefore(text, slice.start)) || slice.decimalInside
        ? null
        : foreignPhone(text, slice, ctx.text),
    )
  scan(ctx.text, ctx.shortRuns ?? digitRuns(ctx.text, 8))
  // Then with `、|;` between groups read as dashes, as for mainland mobiles (`+852｜9123｜4567`).
  const joined = joinPhoneGroups(ctx.text)
  if (joined !== null) scan(joined, digitRuns(joined, 8))
}

const IBAN_START = /[A-Za-z]{2}\d{2}/g

/**
 * IBANs, compact or printed in groups of four, of a registry country at its length: other letters
 * before mod-97-valid digits (1 in 97) are a reference (`TX0948769959314`).
 */
export function detectIbans(ctx: ScanContext): void {
  const { text } = ctx
  for (const m of text.matchAll(IBAN_START)) {
    const start = m.index
    if (isAsciiAlnum(text[start - 1])) continue
    const want = IBAN_LENGTHS[text.slice(start, start + 2).toUpperCase()]
    if (want === undefined) continue
    let compact = ''
    let p = start
    let end = -1
    while (p < text.length && compact.length < 34) {
      const ch = text[p] ?? ''
      if (isAsciiAlnum(ch)) {
        compact += ch.toUpperCase()
        p++
        if (compact.length === want) {
          if (!isAsciiAlnum(text[p])) end = p
          break
        }
      } else if (ch === ' ' && isAsciiAlnum(text[p + 1])) {
        p++
      } else {
        break
      }
    }
    if (end < 0 || !ibanValid(compact) || !ctx.claims.free(start, end)) continue
    push(ctx, 'iban', start, end, maskIban(compact))
  }
}

const LOCAL_CHAR = /[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]/
const DOMAIN_CHAR = /[A-Za-z0-9.-]/
const DOMAIN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/

/** E-mail addresses (WHATWG `<input type=email>` grammar, plus a dotted domain with a letter TLD). */
export function detectEmails(ctx: ScanContext): void {
  const { text } = ctx
  // Expanding outwards from each `@` keeps the cost linear, unlike a regex anchored on the local part.
  for (let at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
    let l = at
    while (l > 0 && at - l < 64 && LOCAL_CHAR.test(text[l - 1] ?? '')) l--
    while (text[l] === '.') l++
    let r = at + 1
    while (r < text.length && r - at <= 253 && DOMAIN_CHAR.test(text[r] ?? '')) r++
    while (r > at + 1 && (text[r - 1] === '.' || text[r - 1] === '-')) r--
    const local = text.slice(l, at)
    const domain = text.slice(at + 1, r)
    const tld = domain.slice(domain.lastIndexOf('.') + 1)
    if (local === '' || !DOMAIN.test(domain) || !/[A-Za-z]/.test(tld)) continue
    if (!ctx.claims.free(l, r)) continue
    push(ctx, 'email', l, r, maskEmail(local, domain))
  }
}
