/**
 * Low-level scanning helpers shared by the detectors: digit-run tokenizing and
 * label look-behinds. Everything here is a single forward pass or a bounded look-around, so the
 * redactor stays linear in the text length whatever the input.
 */

export function isDigit(ch: string | undefined): boolean {
  return ch !== undefined && ch >= '0' && ch <= '9'
}

export function isAsciiLetter(ch: string | undefined): boolean {
  return ch !== undefined && ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z'))
}

export function isAsciiAlnum(ch: string | undefined): boolean {
  return isDigit(ch) || isAsciiLetter(ch)
}

/**
 * Chinese numerals people spell codes and phone numbers with (`三八四九二一`, `幺三八`), and their
 * financial forms: each is one UTF-16 unit, as is the digit it stands for.
 */
export const ZH_DIGITS: Record<string, string> = {}
for (const [i, chars] of [
  '零〇洞',
  '一幺壹',
  '二两兩貳贰',
  '三叁參',
  '四肆',
  '五伍',
  '六陆陸',
  '七柒拐',
  '八捌',
  '九玖勾',
].entries())
  for (const ch of chars) ZH_DIGITS[ch] = String(i)

/** One group of a digit run: `[start, end)` in the normalised text, digits only except an ID's final `X`. */
export interface DigitGroup {
  start: number
  end: number
  /** False when the group is glued to a decimal, time or thousands part (`14:30`, `1,234`). */
  usable: boolean
  /**
   * True when a letter sits right before the group (`TXN4111…`, `ref4111…`): the number is part of
   * an identifier, and only strong rules see it (or a word naming it: `tel138…`). A letter after a
   * number changes nothing (`4111…1111abc`, `13800138000ext`).
   */
  glued: boolean
  /**
   * How the group is joined to the previous one: `soft` (whitespace, `-`, `_`, brackets, as people
   * group card and phone numbers) or `hard` (`.` or `/` alone, as in dates, versions, decimals).
   */
  join: 'none' | 'soft' | 'hard'
}

/** A run of digit groups read as one number, with its digits concatenated once for every rule. */
export interface DigitRun {
  groups: DigitGroup[]
  /** The groups' characters without separators. */
  compact: string
  /** `offsets[k]`: where group `k` starts in `compact`; one extra entry for the end. */
  offsets: number[]
}

/** Characters that may sit between two digit groups of one number (after normalisation). */
const SEPARATOR = new Set([' ', '\n', '-', '_', '.', '/', '(', ')'])
/** Longest separator run still read as "between the groups of one number" (two spaces and a line break fit). */
const MAX_SEPARATOR = 8
const NUMERIC_JOINERS = new Set([',', ':'])
/** The shortest number any digit rule looks at: a mainland mobile. */
const MIN_RUN_DIGITS = 11

/**
 * Splits normalised text into runs of digit groups, joined by short runs of whitespace (line
 * breaks included) or `. / _ - ( )`, as people type card and phone numbers (`6205 5000 0000 0000
 * 004`, `138.0013.8000`, `(138) 0013 8000`). A run never splits a group, so a 28-digit
 * transaction id stays one group and can never be cut into a card-sized piece. Runs of fewer than
 * `minDigits` digits are dropped (11 for every rule but the one for phones outside the mainland, 8).
 */
export function digitRuns(text: string, minDigits = MIN_RUN_DIGITS): DigitRun[] {
  const runs: DigitRun[] = []
  const n = text.length
  let i = 0
  while (i < n) {
    const c = text.charCodeAt(i)
    if (c < 48 || c > 57) {
      i++
      continue
    }
    const run: DigitGroup[] = []
    let j = i
    let join: DigitGroup['join'] = 'none'
    for (;;) {
      const start = j
      while (j < n && isDigit(text[j])) j++
      const x = text[j]
      // An ID's check character, also with a letter glued after it (`11010519491231002Xabc`).
      if ((x === 'X' || x === 'x') && !isDigit(text[j + 1])) {
        j++
        run.push({ start, end: j, usable: true, glued: false, join })
        break
      }
      run.push({ start, end: j, usable: true, glued: false, join })
      let k = j
      let hard = false
      let soft = false
      let commas = 0
      while (k < n && k - j < MAX_SEPARATOR && (SEPARATOR.has(text[k] ?? '') || (text[k] === ',' && commas === 0))) {
        const c = text[k]
        if (c === ',') commas++
        if (c === '.' || c === '/') hard = true
        else soft = true
        k++
      }
      // `4111,1111,1111,1111`, `138，0013，8000`: commas between groups of a card or phone number; a
      // group of exactly three digits after a comma is a thousands part (`1,234,567`), not a group.
      if (commas > 0) {
        let e = k
        while (e < n && isDigit(text[e])) e++
        if (e === k || (e - k === 3 && text[e] !== 'X' && text[e] !== 'x')) break
      }
      // `11010519491231002 X`: an ID's check character typed apart from its digits (also `… Xabc`).
      if (k > j && (text[k] === 'X' || text[k] === 'x') && !isDigit(text[k + 1]) && !hard) {
        run.push({ start: k, end: k + 1, usable: true, glued: false, join: 'soft' })
        j = k + 1
        break
      }
      if (k > j && isDigit(text[k])) {
        join = hard && !soft ? 'hard' : 'soft'
        j = k
        continue
      }
      break
    }
    i = j
    // Every digit rule needs at least 11 digits (a mobile): shorter runs (amounts, dates) are dropped here.
    const last = run[run.length - 1]
    if (!last || last.end - (run[0]?.start ?? 0) < minDigits) continue
    markEdges(text, run)
    let compact = ''
    const offsets: number[] = [0]
    for (const g of run) {
      compact += text.slice(g.start, g.end)
      offsets.push(compact.length)
    }
    if (compact.length >= minDigits) runs.push({ groups: run, compact, offsets })
  }
  return runs
}

function markEdges(text: string, run: DigitGroup[]): void {
  const first = run[0]
  const last = run[run.length - 1]
  if (!first || !last) return
  const before = text[first.start - 1]
  const after = text[last.end]
  if (isAsciiLetter(before)) first.glued = true
  // `14:30`, `1,234`: part of a time or an amount, not a bare number. Only a group of up to three
  // digits can be one, next to another of up to three: a longer one next to a comma is a number of
  // its own followed or preceded by another (`13800138000，100元`, `4111111111111111,100`,
  // `010-61234567,010-61234568`), not a thousands part, hour or minute.
  const part = (g: DigitGroup): boolean => g.end - g.start <= 3
  if (NUMERIC_JOINERS.has(before ?? '') && part(first) && shortDigits(text, first.start - 2, -1)) first.usable = false
  if (NUMERIC_JOINERS.has(after ?? '') && part(last) && shortDigits(text, last.end + 1, 1)) last.usable = false
}

/** One to three digits in a row from `at`, read in direction `step`: a thousands part, an hour or a minute. */
function shortDigits(text: string, at: number, step: 1 | -1): boolean {
  let n = 0
  for (let k = at; n <= 3 && isDigit(text[k]); k += step) n++
  return n >= 1 && n <= 3
}

const LOOKBEHIND = 28

/**
 * Order / transaction / invoice number labels, in simplified and traditional characters (`订单号码`,
 * `訂單編號`, `交易序號`, `发票号码`): a number right after one is a reference, not a card or phone.
 */
const ORDER_LABEL =
  /(?:[订訂][单單](?:[号號][码碼]?|[编編][号號])|交易(?:[单單][号號]|序[号號]|[编編][号號]|[号號])|商[户戶][订訂]?[单單][号號]|支付[单單][号號]|退款(?:[单單]|[编編])[号號]|流水[号號]|[单單][号號](?:[码碼])?|[参參]考(?:[编編])?[号號]|[发發]票(?:[号號][码碼]?|[编編][号號])|\b(?:order|transaction|txn|trade|payment|refund|invoice)[ _]?(?:no\.?|number|id|#|ref)|\bref(?:erence)?(?:[ _]?(?:no\.?|number|id))?)[\s:#=]{0,4}(?:是|为|為|is)?[\s:#=]{0,3}$/i

/**
 * An ID word: 身份证 (also spaced out, `身 份 证`, or `身-份-证`), 身份号, 证件号, the pinyin
 * abbreviation `sfz` (`sfzh`, `SFZ号`), and English `ID` (also `I.D.`), `identity`. `ID` alone
 * counts unless a word names someone else's id (`user ID`, `device_id`).
 */
const GAP = '[ \\t·._*-]{0,2}'
const ID_WORD = String.raw`(?:身${GAP}[份分]${GAP}[证證]|身份[号號]|[证證]件[号號]|\bsfz(?:hm?)?(?![a-z])|(?:identity|(?:(?:my|old|national|resident)[ _-]?|(?<![a-z][ _.-]?))\b(?:id\b|i\.d\b\.?))(?:[ _-]?(?:card|number|no))*)`

/**
 * An ID word before the number: the only context in which a legacy 15-digit ID (or an 18-digit one
 * failing its check) is recognised. Up to 6 characters may follow the word (`号码（旧）：`, ` is `),
 * and the number may start one of the next two lines (`身份证号码：⏎110105…`, a blank line between).
 */
const ID_TAIL = String.raw`[^\d\n]{0,6}(?:\n[^\S\n]*){0,2}`
const ID_LABEL = new RegExp(`${ID_WORD}${ID_TAIL}$`, 'i')
const LOOKAHEAD = 28

/**
 * An ID word after the number, joined to it by a bracket, a comma or a short connective only:
 * `110105491231002 是我的身份证`, `…（身份证号）`, `… (ID number)`, `… is my ID`.
 */
const ID_LABEL_AFTER = new RegExp(
  String.raw`^[ \t]{0,3}(?:[(（\[【:：,，=-][ \t]{0,2})?(?:(?:is|was)[ \t]+|(?:就是|是|为|為)?(?:我的|我|本人的?|的)?[ \t]?)?${ID_WORD}`,
  'i',
)
/** What makes an ID word the label of a number after it (the tail {@link ID_LABEL} accepts). */
const NUMBER_NEXT = new RegExp(`^${ID_TAIL}\\d`)

function labelBefore(text: string, start: number, label: RegExp): boolean {
  return label.test(text.slice(Math.max(0, start - LOOKBEHIND), start))
}

export function orderLabelBefore(text: string, start: number): boolean {
  return labelBefore(text, start, ORDER_LABEL)
}

/** An ID word right before the number at `start`, and no order label. */
export function idLabelBefore(text: string, start: number): boolean {
  return labelBefore(text, start, ID_LABEL) && !orderLabelBefore(text, start)
}

/**
 * An ID word right after the number `[start, end)` that labels no number of its own
 * (`订单 110105491231003，身份证 110105491231002`: the word is the second number's), and no order
 * label before the number (`订单号 110105491231003 是我身份证` names an order).
 */
export function idLabelAfter(text: string, start: number, end: number): boolean {
  const m = ID_LABEL_AFTER.exec(text.slice(end, end + LOOKAHEAD))
  if (!m) return false
  return !NUMBER_NEXT.test(text.slice(end + m[0].length, end + m[0].length + 16)) && !orderLabelBefore(text, start)
}

/** An ID word before or after the number `[start, end)`. */
export function idLabelAround(text: string, start: number, end: number): boolean {
  return idLabelBefore(text, start) || idLabelAfter(text, start, end)
}

/** Marks which UTF-16 units are already hidden by an earlier (higher-priority) rule. */
export class Claims {
  private readonly taken: Uint8Array
  constructor(length: number) {
    this.taken = new Uint8Array(length)
  }
  free(start: number, end: number): boolean {
    for (let k = start; k < end; k++) if (this.taken[k] === 1) return false
    return true
  }
  claim(start: number, end: number): void {
    this.taken.fill(1, start, end)
  }
}
