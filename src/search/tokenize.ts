/**
 * Tokenizer shared by indexing and querying. Both sides must produce the same terms, so every
 * rule here applies to articles and queries alike.
 */

import { SIMPLIFIED, TRADITIONAL } from './t2s.js'

/** A Han run, or a run of other letters/digits (Latin, kana, Hangul...). */
const RUN = /(\p{Script=Han}+)|(?:[^\P{L}\p{Script=Han}]|\p{N})+/gu

/** One non-Han letter or digit: used to find Latin word edges in snippets. */
export const WORD_CHAR = /[^\P{L}\p{Script=Han}]|\p{N}/u

let seg: Intl.Segmenter | null | undefined

/** ICU word segmenter when the runtime has one (old WebViews do not: bigrams still work). */
const segmenter = (): Intl.Segmenter | null =>
  seg !== undefined
    ? seg
    : (seg = typeof Intl.Segmenter == 'function' ? new Intl.Segmenter('zh', { granularity: 'word' }) : null)

/** Simplified form per Traditional UTF-16 unit (0 = none), built on first use. */
let t2s: Uint16Array | undefined

/**
 * NFKC turns full-width forms (ＡＢＣ１２３) into ASCII and composes accents; lowercasing comes
 * after so that full-width capitals fold too. Traditional characters fold to Simplified (轉賬 →
 * 转账), one for one, so zh-TW queries meet zh-CN articles and the reverse, and offsets hold.
 * A lookup table, not a regular expression: a character class of 1,500 characters made folding
 * the slowest step of a search.
 */
export function fold(text: string): string {
  if (!t2s) {
    t2s = new Uint16Array(65536)
    for (let i = 0; i < TRADITIONAL.length; i++) t2s[TRADITIONAL.charCodeAt(i)] = SIMPLIFIED.charCodeAt(i)
  }
  const n = text.normalize('NFKC').toLowerCase()
  let out = ''
  let from = 0
  for (let i = 0; i < n.length; i++) {
    const s = t2s[n.charCodeAt(i)]!
    if (s) {
      out += n.slice(from, i) + String.fromCharCode(s)
      from = i + 1
    }
  }
  return from ? out + n.slice(from) : n
}

/** Irregular forms a suffix rule cannot join, mapped to their stem. */
const IRREGULAR: Record<string, string> = {
  frozen: 'freez',
  froze: 'freez',
  paid: 'pay',
  sent: 'send',
  spent: 'spend',
  got: 'get',
  gotten: 'get',
  lost: 'los',
  stolen: 'steal',
  stole: 'steal',
  taken: 'tak',
  took: 'tak',
  gave: 'giv',
  given: 'giv',
  withdrawn: 'withdraw',
  withdrew: 'withdraw',
}

/**
 * A light English stemmer, the same for articles and queries, so that inflected forms meet:
 * charged/charge/charging → charg, refunded → refund, verified/verify → verifi, frozen → freez.
 * It only strips -s, -es, -ies, -ed, -ing and a final -e; conflating a few unrelated words
 * costs less than missing "frozen" for "freeze". Words of 3 letters or less stay as they are.
 */
export function stem(word: string): string {
  let w = IRREGULAR[word] ?? word
  if (w.length < 4 || w != word) return w
  if (w.endsWith('ies')) w = w.slice(0, -3) + 'i'
  else if (w.endsWith('s') && !/(?:ss|us|is)$/.test(w)) w = w.slice(0, -1)
  const cut = /(?:ed|ing)$/.exec(w)
  // Only when a vowel is left ("red", "ring" keep theirs): stopped → stop, failed → fail.
  if (cut && cut.index > 2 && /[aeiouy]/.test(w.slice(0, cut.index))) {
    w = w.slice(0, cut.index)
    if (/([^aeioulsz])\1$/.test(w)) w = w.slice(0, -1)
  }
  if (w.length > 3 && w.endsWith('e')) w = w.slice(0, -1)
  else if (/[^aeiou]y$/.test(w)) w = w.slice(0, -1) + 'i'
  return w
}

/**
 * English function words. A query drops them when it has any other word, so that "what is my
 * limit" ranks by "limit", not by titles that say "what" and "my".
 */
export const STOP = new Set(
  'a an and are am be can could did do does for from have has how i im is it its me my of on or our so that the there this to was we what when where which who why will with would you your'
    .split(' ')
    // Stemmed, as tokens are ("where" → wher).
    .map(stem),
)

/** Calls `fn` for every Han run and every other word in already folded text. */
export function eachRun(folded: string, fn: (run: string, han: boolean) => void): void {
  for (const m of folded.matchAll(RUN)) fn(m[0], !!m[1])
}

/**
 * Index terms of one Han run: every character, every character bigram, and dictionary words of
 * three or more characters (two-character words are bigrams already). Bigrams carry the recall
 * because ICU splits wallet words such as 扣款, 提现, 验证码 into single characters.
 */
export function hanTerms(run: string, words: boolean): string[] {
  const c = [...run]
  const out = c.slice()
  for (let i = 1; i < c.length; i++) out.push(c[i - 1]! + c[i]!)
  const s = words && c.length > 2 && segmenter()
  if (s) for (const { segment } of s.segment(run)) if ([...segment].length > 2) out.push(segment)
  return out
}

/**
 * Per character index i, whether the bigram ending at i straddles the edge of a dictionary word
 * of two or more characters (的记 in 以前的记录, 付了 in 支付了解): such a pair is no word of the
 * text. Edges between single characters do not count: ICU splits wallet words (扣款) that way.
 */
export function crossing(run: string): boolean[] {
  const len: number[] = []
  const edge: boolean[] = []
  const s = run.length > 2 && segmenter()
  if (s)
    for (const { segment, index } of s.segment(run)) {
      const n = [...segment].length
      const at = [...run.slice(0, index)].length
      edge[at] = true
      for (let k = 0; k < n; k++) len[at + k] = n
    }
  return edge.map((e, i) => e && i > 0 && (len[i - 1]! > 1 || len[i]! > 1))
}

/**
 * Splits text into index terms (with repeats, so callers can count them).
 *
 * @example
 * tokenize('ＡＢＣ１２３ 转账') // ['abc123', '转', '账', '转账']
 */
export function tokenize(text: string, words = true): string[] {
  const out: string[] = []
  eachRun(fold(text), (run, han) => {
    if (han) out.push(...hanTerms(run, words))
    else if (run.length > 1) out.push(stem(run))
  })
  return out
}
