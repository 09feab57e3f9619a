/**
 * The text the detectors read: people write numbers in many ways (full-width or Arabic-Indic
 * digits, zero-width characters inside, NBSP or en dashes between groups), so detection runs on
 * a normalised copy and every unit of that copy remembers which characters of the original it
 * came from. The replacement then lands on the user's own characters.
 */

/** A normalised copy of a text and, per UTF-16 unit of the copy, its source span in the original. */
export interface Normalized {
  text: string
  /** Original offset where the source character of unit `k` starts. */
  from: Int32Array
  /** Original offset just after the source character of unit `k`. */
  to: Int32Array
}

// U+20E3 (combining enclosing keycap) turns `4` into the emoji 4️⃣: the digit is what the user means.
const FORMAT = /^[\p{Cf}\u034f\ufe00-\ufe0f\u20e3]$/u
const DIGIT = /^\p{Nd}$/u
const LINE = /^[\n\r\v\f\u0085\u2028\u2029]$/u
const SPACE = /^\s$/u
// Every dash people use between digit groups (hyphen, en/em dash, minus, full-width) reads as `-`.
const DASH = /^[\p{Pd}\u2212\u2043\ufe63\uff0d]$/u
// Full stops and middle dots typed by Chinese and Japanese IMEs between digit groups read as `.`.
const DOT = new Set([0x3002, 0xff61, 0x00b7, 0x30fb, 0x2027, 0x2219, 0xff0e])

const cache = new Map<number, string>()

/** Value of a `\p{Nd}` digit: Unicode keeps each decimal digit set contiguous, from 0 to 9. */
function digitValue(cp: number): number {
  let zero = cp
  while (zero > 0 && cp - zero < 64 && DIGIT.test(String.fromCodePoint(zero - 1))) zero--
  // Adjacent sets (mathematical digits) run back-to-back: the offset modulo 10 still gives the value.
  return (cp - zero) % 10
}

/** What one code point reads as ('' when it is invisible). Cached: the slow Unicode tests run once per character. */
function readAs(cp: number): string {
  const hit = cache.get(cp)
  if (hit !== undefined) return hit
  const ch = String.fromCodePoint(cp)
  let out: string
  if (FORMAT.test(ch)) out = ''
  else if (DIGIT.test(ch)) out = String(digitValue(cp))
  else if (LINE.test(ch)) out = '\n'
  else if (SPACE.test(ch)) out = ' '
  else if (DASH.test(ch)) out = '-'
  else if (DOT.has(cp)) out = '.'
  else out = ch.normalize('NFKC')
  if (cache.size < 4096) cache.set(cp, out)
  return out
}

/** ASCII (except controls) and the common CJK ideographs are already in normal form. */
function plain(code: number): boolean {
  return (code >= 0x20 && code < 0x7f) || code === 0x0a || (code >= 0x4e00 && code <= 0x9fff)
}

/**
 * NFKC per character, every Unicode decimal digit read as its ASCII value, format characters
 * (zero-width space/joiner, soft hyphen, bidi marks) dropped, line breaks as `\n` (`\r\n` as one), other
 * whitespace (NBSP, narrow NBSP, ideographic space) as ` `, dashes as `-`, IME full stops as `.`.
 *
 * @example
 * normalize('４١١1\u200b-1').text // '4111-1'
 */
export function normalize(text: string): Normalized {
  const n = text.length
  let cap = n + 16
  let from: Int32Array = new Int32Array(cap)
  let to: Int32Array = new Int32Array(cap)
  const parts: string[] = []
  let chunk = ''
  let len = 0
  let i = 0
  while (i < n) {
    const code = text.charCodeAt(i)
    if (plain(code)) {
      // Fast path: most of a report is ASCII or ideographs, copied unit for unit.
      let j = i + 1
      while (j < n && plain(text.charCodeAt(j))) j++
      if (len + (j - i) > cap) ({ from, to, cap } = grow(from, to, len + (j - i)))
      for (let k = i; k < j; k++, len++) {
        from[len] = k
        to[len] = k + 1
      }
      chunk += text.slice(i, j)
      i = j
      continue
    }
    const cp = text.codePointAt(i) ?? code
    const size = cp > 0xffff ? 2 : 1
    // `\r\n` is one line break: the `\r` is dropped and the `\n` read.
    const out = code === 0x0d && text.charCodeAt(i + 1) === 0x0a ? '' : readAs(cp)
    if (len + out.length > cap) ({ from, to, cap } = grow(from, to, len + out.length))
    for (let k = 0; k < out.length; k++, len++) {
      from[len] = i
      to[len] = i + size
    }
    chunk += out
    if (chunk.length > 8192) {
      parts.push(chunk)
      chunk = ''
    }
    i += size
  }
  parts.push(chunk)
  return { text: parts.join(''), from: from.subarray(0, len), to: to.subarray(0, len) }
}

function grow(from: Int32Array, to: Int32Array, need: number): { from: Int32Array; to: Int32Array; cap: number } {
  const cap = Math.max(need, from.length * 2)
  const f = new Int32Array(cap)
  const t = new Int32Array(cap)
  f.set(from)
  t.set(to)
  return { from: f, to: t, cap }
}

/** The original span `[start, end)` covered by the normalised span `[start, end)`. */
export function originalSpan(norm: Normalized, start: number, end: number): [number, number] {
  return [norm.from[start] ?? 0, norm.to[end - 1] ?? norm.from[start] ?? 0]
}

/**
 * Only the digits of a text, each read as its ASCII value, separators and invisibles dropped:
 * how the benchmark and the tests compare a secret with what survived.
 */
export function digitsOf(text: string): string {
  return normalize(text).text.replace(/\D+/g, '')
}
