/**
 * Tokenizer shared by indexing and querying. Both sides must produce the same terms, so every
 * rule here applies to articles and queries alike.
 */

/** A Han run, or a run of other letters/digits (Latin, kana, Hangul...). */
const RUN = /(\p{Script=Han}+)|(?:[^\P{L}\p{Script=Han}]|\p{N})+/gu

/** One non-Han letter or digit: used to find Latin word edges in snippets. */
export const WORD_CHAR = /[^\P{L}\p{Script=Han}]|\p{N}/u

let seg: Intl.Segmenter | null | undefined

/** ICU word segmenter when the runtime has one (old WebViews do not: bigrams still work). */
const segmenter = (): Intl.Segmenter | null =>
  seg !== undefined ? seg : (seg = typeof Intl.Segmenter == 'function' ? new Intl.Segmenter('zh', { granularity: 'word' }) : null)

/**
 * NFKC turns full-width forms (ＡＢＣ１２３) into ASCII and composes accents; lowercasing comes
 * after so that full-width capitals fold too.
 */
export const fold = (text: string): string => text.normalize('NFKC').toLowerCase()

/** A plural "s" is the one English suffix worth folding; prefix matching covers the rest. */
export const stem = (word: string): string =>
  word.length > 3 && word.endsWith('s') && !word.endsWith('ss') ? word.slice(0, -1) : word

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
