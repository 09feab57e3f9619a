/**
 * Low-level scanning helpers shared by the detectors: width folding, digit-run tokenizing and
 * label look-behinds. Everything here is a single forward pass or a bounded look-around, so the
 * redactor stays linear in the text length whatever the input.
 */

/**
 * Full-width ASCII forms (IME input such as `４１１１`, `＠`, `：`) and the ideographic space
 * folded to ASCII. Each maps one UTF-16 unit to one, so offsets stay valid for the original.
 */
export function foldWidth(text: string): string {
  return text.replace(/[\uFF01-\uFF5E\u3000]/g, (c) =>
    c === '\u3000' ? ' ' : String.fromCharCode(c.charCodeAt(0) - 0xfee0),
  )
}

export function isDigit(ch: string | undefined): boolean {
  return ch !== undefined && ch >= '0' && ch <= '9'
}

export function isAsciiLetter(ch: string | undefined): boolean {
  return ch !== undefined && ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z'))
}

export function isAsciiAlnum(ch: string | undefined): boolean {
  return isDigit(ch) || isAsciiLetter(ch)
}

/** One group of a digit run: `[start, end)`, digits only except an ID's final `X`. */
export interface DigitGroup {
  start: number
  end: number
  /** False when the group is glued to a word (`TXN123`) or to a decimal, time or date part. */
  usable: boolean
}

const GROUP_SEPARATORS = new Set([' ', '-', '\u00a0'])
const NUMERIC_JOINERS = new Set(['.', ',', ':', '/'])

/**
 * Splits text into runs of digit groups joined by single spaces or dashes, as people type card
 * and phone numbers (`6205 5000 0000 0000 004`, `138-0013-8000`). A run never splits a group, so a
 * 28-digit transaction id stays one group and can never be cut into a card-sized piece.
 */
export function digitRuns(text: string): DigitGroup[][] {
  const runs: DigitGroup[][] = []
  const n = text.length
  let i = 0
  while (i < n) {
    if (!isDigit(text[i])) {
      i++
      continue
    }
    const run: DigitGroup[] = []
    let j = i
    for (;;) {
      const start = j
      while (j < n && isDigit(text[j])) j++
      const x = text[j]
      if ((x === 'X' || x === 'x') && !isAsciiAlnum(text[j + 1])) {
        j++
        run.push({ start, end: j, usable: true })
        break
      }
      run.push({ start, end: j, usable: true })
      if (j + 1 < n && GROUP_SEPARATORS.has(text[j] ?? '') && isDigit(text[j + 1])) {
        j++
        continue
      }
      break
    }
    markEdges(text, run)
    runs.push(run)
    i = j
  }
  return runs
}

function markEdges(text: string, run: DigitGroup[]): void {
  const first = run[0]
  const last = run[run.length - 1]
  if (!first || !last) return
  const before = text[first.start - 1]
  const after = text[last.end]
  // `No.TXN4111...` or `4111abc`: part of an alphanumeric identifier, not a bare number.
  if (isAsciiLetter(before) || (NUMERIC_JOINERS.has(before ?? '') && isDigit(text[first.start - 2]))) {
    first.usable = false
  }
  // An `X` ending the group is an ID check character, not a glued letter.
  if (isAsciiLetter(after) || (NUMERIC_JOINERS.has(after ?? '') && isDigit(text[last.end + 1]))) {
    last.usable = false
  }
}

const LOOKBEHIND = 28

/** Order / transaction number labels: a number right after one is a reference, not a card or phone. */
const ORDER_LABEL =
  /(?:订单号|订单编号|交易单号|商户单号|商户订单号|支付单号|退款单号|交易号|流水号|单号|参考号|\b(?:order|transaction|txn|trade|payment|refund)[ _]?(?:no\.?|number|id|#|ref)|\bref(?:erence)?(?:[ _]?(?:no\.?|number|id))?)[\s:#=]{0,4}(?:是|为|is)?[\s:#=]{0,3}$/i

/** ID-card labels: the only context in which a legacy 15-digit ID is recognised. */
const ID_LABEL = /(?:身份证(?:号码|号)?|证件号(?:码)?|\bid[ _]?card(?:[ _]?(?:no\.?|number))?)[\s:#=]{0,4}(?:是|为|is)?[\s:#=]{0,3}$/i

function labelBefore(text: string, start: number, label: RegExp): boolean {
  return label.test(text.slice(Math.max(0, start - LOOKBEHIND), start))
}

export function orderLabelBefore(text: string, start: number): boolean {
  return labelBefore(text, start, ORDER_LABEL)
}

export function idLabelBefore(text: string, start: number): boolean {
  return labelBefore(text, start, ID_LABEL)
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
