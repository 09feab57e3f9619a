/**
 * Tokenizer shared by indexing and querying. Both sides must produce the same terms, so every
 * rule here applies to articles and queries alike.
 */

import { IRREGULAR, STOP_WORDS } from './lexicon.js'
import { SIMPLIFIED, TRADITIONAL_FROM, TRADITIONAL_GAPS } from './t2s.js'

/** A Han run, or a run of other letters/digits (Latin, kana, Hangul...). */
const RUN = /(\p{Script=Han}+)|(?:[^\P{L}\p{Script=Han}]|\p{N})+/gu

/** A Han character. */
export const HAN = /\p{Script=Han}/u

/** One non-Han letter or digit: used to find Latin word edges in snippets. */
export const WORD_CHAR = /[^\P{L}\p{Script=Han}]|\p{N}/u

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
    for (let i = 0, c = TRADITIONAL_FROM; i < SIMPLIFIED.length; i++)
      t2s[(c += TRADITIONAL_GAPS.charCodeAt(i) - 32)] = SIMPLIFIED.charCodeAt(i)
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
  // Only when a vowel is left ("red", "ring" keep theirs): stopped → stop, failed → fail; a
  // doubled letter goes only when three stay (adding → add, as "add" itself).
  if (cut && cut.index > 2 && /[aeiouy]/.test(w.slice(0, cut.index))) {
    w = w.slice(0, cut.index)
    if (w.length > 3 && /([^aeioulsz])\1$/.test(w)) w = w.slice(0, -1)
  }
  if (w.length > 3 && w.endsWith('e')) w = w.slice(0, -1)
  else if (/[^aeiou]y$/.test(w)) w = w.slice(0, -1) + 'i'
  return w
}

/**
 * English function words, stemmed as tokens are ("where" → wher). A query drops them when it has
 * any other word, so that "what is my limit" ranks by "limit", not by titles that say "what".
 */
export const STOP = new Set(STOP_WORDS.split(' ').map(stem))

/** Calls `fn` for every Han run and every other word in already folded text. */
export function eachRun(folded: string, fn: (run: string, han: boolean) => void): void {
  for (const m of folded.matchAll(RUN)) fn(m[0], !!m[1])
}

/**
 * Index terms of one Han run: every character and every character bigram. Bigrams carry the
 * recall: ICU dictionary words were tried and changed no ranking in bench:search.
 */
export function hanTerms(run: string): string[] {
  const c = [...run]
  const out = c.slice()
  for (let i = 1; i < c.length; i++) out.push(c[i - 1]! + c[i]!)
  return out
}

/**
 * Splits text into index terms (with repeats, so callers can count them).
 *
 * @example
 * tokenize('ＡＢＣ１２３ 转账') // ['abc123', '转', '账', '转账']
 */
export function tokenize(text: string): string[] {
  const out: string[] = []
  eachRun(fold(text), (run, han) => {
    if (han) out.push(...hanTerms(run))
    else if (run.length > 1) out.push(stem(run))
  })
  return out
}
