import { IRREGULAR } from './lexicon.js'
import { fold, HAN, stem, WORD_CHAR } from './tokenize.js'

/** Markdown to one line of plain text: what snippets show and what the body field indexes. */
export const plainText = (md: string): string =>
  md
    .replace(/```[^]*?```/g, ' ')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]*>/g, ' ')
    // Table rule rows and horizontal rules (|---|:--:|, ***) carry no words.
    .replace(/^[\s|:*_-]*[-*_]{3,}[\s|:*_-]*$/gm, ' ')
    .replace(/^\s*(?:#{1,6}|>|[-*+]|\d+[.)])\s+/gm, '')
    // Table cells read as a list: "认证等级 · 余额付款".
    .replace(/^\s*\|(.*?)\|?\s*$/gm, (_, row: string) =>
      row
        .split('|')
        .map((c) => c.trim())
        .filter(Boolean)
        .join(' · '),
    )
    .replace(/[*_`~|]+/g, '')
    .replace(/\s+/g, ' ')
    .trim()

/**
 * UTF-16 units two columns wide: CJK, Hangul and full-width forms. Sticky and without the u flag:
 * it tests the one unit at `lastIndex`, not a string of it (nothing allocated).
 */
const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/y

/** Display width of the UTF-16 unit at `i` of `text`. */
const width = (text: string, i: number): number => ((WIDE.lastIndex = i), WIDE.test(text) ? 2 : 1)

/**
 * `fold(text)` with the offsets of `text`: where the fold changes the length of the text or of any
 * character (…, ™, ligatures, accents composed), even when the changes cancel out, text is folded
 * character by character, and a character whose fold would not fit stays as it is.
 */
export function foldInPlace(text: string): string {
  let n = fold(text)
  if (n.length != text.length || text.match(/[^\0-\x7f\u3400-\u9fff]/gu)?.some((c) => fold(c).length != c.length)) {
    n = ''
    for (const ch of text) {
      const f = fold(ch)
      n += f.length == ch.length ? f : ch
    }
  }
  return n
}

/** A word of non-Han letters and digits, where `lastIndex` points. */
const WORD_AT = new RegExp(`(?:${WORD_CHAR.source})+`, 'uy')
/** Text ending with a word character (tested on the two UTF-16 units before a word start). */
const WORD_END = new RegExp(`(?:${WORD_CHAR.source})$`, 'u')

/** The irregular forms (froze, paid...). */
const FORMS = Object.keys(IRREGULAR)

/** Marks of a window, reused (zero between snippets). */
let on = new Uint8Array(256)
/**
 * The last terms (as JSON) and what follows from them (the hits of one search share them): the Latin
 * terms, where their inflected words start, and whether each term starts with a word character.
 */
let memo: [terms: string, latin: string[], starts: string[], word: boolean[]] = ['', [], [], []]

/**
 * Inflected words of `s` whose stem is a term ("Frozen" for freez), marked in `on` when given;
 * returns the first one's start (-1: none). A stem has no Han, and is an irregular form's or
 * starts as its word does but for its last letter (verify → verifi): only the words starting so
 * are looked at, found by indexOf, not by matching every word of the text.
 */
function stemmed(s: string, latin: string[], starts: string[], on?: Uint8Array): number {
  let first = -1
  for (const p of starts)
    for (let i = s.indexOf(p); i >= 0; i = s.indexOf(p, i + 1)) {
      WORD_AT.lastIndex = i
      // test, not exec: the word is the slice up to where the match ended (no match array per occurrence).
      const w =
        !(i && WORD_END.test(s.slice(Math.max(0, i - 2), i))) && WORD_AT.test(s) && s.slice(i, WORD_AT.lastIndex)
      if (w && latin.includes(stem(w))) {
        on?.fill(1, i, i + w.length)
        if (first < 0 || i < first) first = i
      }
    }
  return first
}

/** A snippet and the [start, end) ranges in it to highlight. */
export interface Snippet {
  snippet: string
  highlights: Array<[number, number]>
}

/**
 * Cuts a window of about `length` columns (a CJK character counts two) around the first
 * occurrence of the best term (terms come best first) and marks every term occurrence inside
 * it. The default, 96 columns, fills two lines of the help panel. Latin terms only match at a
 * word start and are extended to the word end, so "refund" marks all of "refunds". `n` is
 * `foldInPlace(text)`, when the caller keeps it.
 */
export function makeSnippet(text: string, terms: string[], length = 96, n = foldInPlace(text)): Snippet {
  let at = -1
  // An empty term matches nowhere (found everywhere, it would open the window at 0 and never stop marking).
  for (const t of terms) if (t && (at = n.indexOf(t)) >= 0) break
  // The hits of one search share their terms: what follows from them is worked out once.
  const key = JSON.stringify(terms)
  if (memo[0] != key) {
    const latin = terms.filter((t) => t && !HAN.test(t))
    memo = [
      key,
      latin,
      latin.flatMap((t) => [t.slice(0, -1) || t, ...FORMS.filter((k) => IRREGULAR[k] == t)]),
      terms.map((t) => WORD_CHAR.test(t[0]!)),
    ]
  }
  const [, latin, starts, word] = memo
  if (at < 0) at = stemmed(n, latin, starts)
  // Open a quarter of the width before the match, less if the text ends first.
  let start = Math.max(0, at)
  let used = 0
  let w: number
  for (; at > 0 && start && used + (w = width(text, start - 1)) <= length >> 2; used += w) start--
  let end = start
  for (used = 0; end < text.length && used + (w = width(text, end)) <= length; used += w) end++
  for (; start && used + (w = width(text, start - 1)) <= length; used += w) start--
  // Do not open the window in the middle of a Latin word.
  for (let i = 0; start && i < 12 && WORD_CHAR.test(text[start - 1]!); i++) start++
  const pre = start ? '…' : ''
  const win = n.slice(start, end)
  // Marked characters of the window: overlapping and touching occurrences make one highlight.
  if (on.length <= win.length) on = new Uint8Array(win.length * 2 + 1)
  for (let k = 0; k < terms.length; k++) {
    const t = terms[k]!
    if (!t) continue
    for (let i = win.indexOf(t); i >= 0; i = win.indexOf(t, i + 1)) {
      let j = i + t.length
      if (word[k]) {
        if (i && WORD_CHAR.test(win[i - 1]!)) continue
        while (j < win.length && WORD_CHAR.test(win[j]!)) j++
      }
      on.fill(1, i, j)
    }
  }
  stemmed(win, latin, starts, on)
  const highlights: Array<[number, number]> = []
  for (let i = 0, from = -1; i <= win.length; i++)
    if (on[i]) {
      on[i] = 0
      from < 0 && (from = i)
    } else if (from >= 0) {
      highlights.push([from + pre.length, i + pre.length])
      from = -1
    }
  return { snippet: pre + text.slice(start, end) + (end < text.length ? '…' : ''), highlights }
}

/**
 * Splits a hit's snippet into plain and highlighted parts, ready for a UI to render
 * (`mark` parts in a `<mark>`), so that no widget repeats the offset arithmetic.
 *
 * @example
 * snippetParts({ snippet: '收不到短信', highlights: [[3, 5]] })
 * // [{ text: '收不到', mark: false }, { text: '短信', mark: true }]
 */
export function snippetParts(hit: Snippet): Array<{ text: string; mark: boolean }> {
  const parts: Array<{ text: string; mark: boolean }> = []
  let at = 0
  for (const [start, end] of hit.highlights) {
    if (start > at) parts.push({ text: hit.snippet.slice(at, start), mark: false })
    if (end > start) parts.push({ text: hit.snippet.slice(start, end), mark: true })
    at = Math.max(at, end)
  }
  if (at < hit.snippet.length) parts.push({ text: hit.snippet.slice(at), mark: false })
  return parts
}
