import type { MdInline } from './types.js'
import { checkUrl, decodeEntities } from './url.js'

/** Nesting deeper than this (emphasis in links in emphasis...) is kept as plain text. */
const MAX_DEPTH = 12
/** How far a `[` looks for its `]`: keeps "[[[[..." from costing quadratic time. */
const MAX_LINK_TEXT = 1000

const PUNCT = /[!-/:-@[-`{-~]/
const SPACE = /\s/
const ALNUM = /[\p{L}\p{N}]/u
const ENTITY = /&(?:#[xX][0-9a-fA-F]{1,6}|#\d{1,7}|[a-zA-Z]+);/y
const AUTOLINK = /<([a-zA-Z][a-zA-Z0-9+.-]{1,31}:[^\s<>]*)>/y
const EMAIL = /<([\w.!#$%&'*+/=?^`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9.-]*[a-zA-Z0-9])?)>/y
// Raw HTML is never rendered: tags, comments, declarations and processing instructions are dropped.
const HTML = /<\/?[a-zA-Z][a-zA-Z0-9-]*(?:\s[^<>]*)?\/?>|<!--[^]*?-->|<![A-Za-z][^>]*>|<\?[^]*?\?>/y
const BARE_URL = /https?:\/\/[\w\-.~:/?#[\]@!$&'()*+,;=%]+/iy
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303f\uff00-\uffef]/u

/** Parses one block's inline Markdown: emphasis, code, links, autolinks, escapes, entities. */
export function parseInline(src: string, depth = 0, inLink = false): MdInline[] {
  const out: MdInline[] = []
  let text = ''
  const flush = () => {
    if (text) out.push({ type: 'text', value: text })
    text = ''
  }
  const push = (nodes: MdInline[]) => {
    flush()
    for (const n of nodes) {
      const last = out[out.length - 1]
      if (n.type === 'text' && last?.type === 'text') last.value += n.value
      else out.push(n)
    }
  }
  if (depth > MAX_DEPTH) return [{ type: 'text', value: decodeEntities(src) }]
  // A delimiter that found no closer once finds none later in the same string either.
  const noCloser = new Set<string>()
  let i = 0
  while (i < src.length) {
    const c = src[i]!
    if (c === '\\' && i + 1 < src.length) {
      const next = src[i + 1]!
      if (next === '\n') {
        flush()
        out.push({ type: 'break' })
        i += 2
        continue
      }
      if (PUNCT.test(next)) {
        text += next
        i += 2
        continue
      }
    }
    if (c === '\n') {
      // Two trailing spaces make a hard break; otherwise a soft break, which disappears
      // between Chinese characters instead of showing as a stray space.
      const hard = / {2,}$/.test(text)
      text = text.replace(/ +$/, '')
      if (hard) {
        flush()
        out.push({ type: 'break' })
      } else text += CJK.test(text.slice(-1)) && CJK.test(src[i + 1] ?? '') ? '' : ' '
      i++
      continue
    }
    if (c === '&') {
      ENTITY.lastIndex = i
      const m = ENTITY.exec(src)
      if (m) {
        text += decodeEntities(m[0])
        i += m[0].length
        continue
      }
    }
    if (c === '`') {
      const n = runLength(src, i, '`')
      const key = '`' + n
      const close = noCloser.has(key) ? -1 : findRun(src, i + n, '`', n)
      if (close < 0) {
        noCloser.add(key)
        text += src.slice(i, i + n)
        i += n
        continue
      }
      let code = src.slice(i + n, close).replace(/\n/g, ' ')
      if (/^ .*[^ ].* $/s.test(code)) code = code.slice(1, -1)
      push([{ type: 'code', value: code }])
      i = close + n
      continue
    }
    if (c === '<') {
      const link = matchAt(AUTOLINK, src, i) ?? matchAt(EMAIL, src, i)
      if (link) {
        const target = link[1]!.includes(':') ? link[1]! : `mailto:${link[1]}`
        const safe = inLink ? null : checkUrl(target)
        push(
          safe
            ? [{ type: 'link', link: safe, children: [{ type: 'text', value: link[1]! }] }]
            : [{ type: 'text', value: link[1]! }],
        )
        i += link[0].length
        continue
      }
      const tag = matchAt(HTML, src, i)
      if (tag) {
        i += tag[0].length
        continue
      }
    }
    if ((c === 'h' || c === 'H') && !inLink && !/[A-Za-z0-9]/.test(src[i - 1] ?? '')) {
      const m = matchAt(BARE_URL, src, i)
      if (m) {
        const url = trimUrl(m[0])
        const safe = checkUrl(url)
        if (safe) {
          push([{ type: 'link', link: safe, children: [{ type: 'text', value: url }] }])
          i += url.length
          continue
        }
      }
    }
    if (c === '[' || (c === '!' && src[i + 1] === '[')) {
      const image = c === '!'
      const parsed = noCloser.has('[') ? null : parseLink(src, image ? i + 1 : i)
      if (parsed) {
        const children = parseInline(parsed.text, depth + 1, true)
        // Images are never loaded (tracking pixels, data: URLs): their alt text stands in.
        const safe = image || inLink ? null : checkUrl(parsed.dest)
        push(safe ? [{ type: 'link', link: safe, children }] : children)
        i = parsed.end
        continue
      }
      if (src.indexOf(']', i) < 0) noCloser.add('[')
    }
    if (c === '*' || c === '_') {
      const n = runLength(src, i, c)
      const len = Math.min(n, 3)
      const key = c + len
      const opens = !SPACE.test(src[i + n] ?? ' ') && (c === '*' || !ALNUM.test(src[i - 1] ?? ''))
      const close = opens && !noCloser.has(key) ? findCloser(src, i + n, c, len) : -1
      if (close < 0) {
        if (opens) noCloser.add(key)
        text += src.slice(i, i + n)
        i += n
        continue
      }
      // Extra delimiters of a longer opening run stay as text ("****a**" shows "**" then bold a).
      text += src.slice(i, i + n - len)
      const inner = parseInline(src.slice(i + n, close), depth + 1, inLink)
      const node: MdInline =
        len === 1
          ? { type: 'em', children: inner }
          : len === 2
            ? { type: 'strong', children: inner }
            : { type: 'em', children: [{ type: 'strong', children: inner }] }
      push([node])
      i = close + len
      continue
    }
    text += c
    i++
  }
  flush()
  return out
}

function matchAt(re: RegExp, s: string, at: number): RegExpExecArray | null {
  re.lastIndex = at
  return re.exec(s)
}

function runLength(s: string, at: number, c: string): number {
  let n = 0
  while (s[at + n] === c) n++
  return n
}

/** Index of the next run of exactly `n` characters `c`, or -1. */
function findRun(s: string, from: number, c: string, n: number): number {
  for (let j = s.indexOf(c, from); j >= 0;) {
    const m = runLength(s, j, c)
    if (m === n) return j
    j = s.indexOf(c, j + m)
  }
  return -1
}

/** A closing emphasis run of exactly `len`, not after a space; `_` must not be inside a word. */
function findCloser(s: string, from: number, c: string, len: number): number {
  for (let j = s.indexOf(c, from); j >= 0;) {
    const m = runLength(s, j, c)
    if (
      m === len &&
      j > from &&
      !SPACE.test(s[j - 1]!) &&
      s[j - 1] !== '\\' &&
      (c === '*' || !ALNUM.test(s[j + m] ?? ''))
    )
      return j
    j = s.indexOf(c, j + m)
  }
  return -1
}

/** `[text](dest "title")` starting at `at` (the `[`). Titles are ignored. */
function parseLink(s: string, at: number): { text: string; dest: string; end: number } | null {
  let depth = 0
  let j = at
  for (; j < s.length && j - at < MAX_LINK_TEXT; j++) {
    const ch = s[j]
    if (ch === '\\') j++
    else if (ch === '[') depth++
    else if (ch === ']' && --depth === 0) break
  }
  if (s[j] !== ']' || s[j + 1] !== '(') return null
  const text = s.slice(at + 1, j)
  let k = j + 2
  while (s[k] === ' ' || s[k] === '\n') k++
  let dest: string
  if (s[k] === '<') {
    const close = s.indexOf('>', k)
    if (close < 0 || s.slice(k, close).includes('\n')) return null
    dest = s.slice(k + 1, close)
    k = close + 1
  } else {
    let parens = 0
    const start = k
    for (; k < s.length && !SPACE.test(s[k]!); k++) {
      if (s[k] === '\\') k++
      else if (s[k] === '(') parens++
      else if (s[k] === ')' && parens-- === 0) break
    }
    dest = s.slice(start, k)
  }
  while (s[k] === ' ' || s[k] === '\n') k++
  const quote = s[k] === '"' || s[k] === "'" ? s[k] : s[k] === '(' ? ')' : null
  if (quote) {
    const close = s.indexOf(quote, k + 1)
    if (close < 0) return null
    k = close + 1
    while (s[k] === ' ' || s[k] === '\n') k++
  }
  if (s[k] !== ')') return null
  return { text, dest: dest.replace(/\\([!-/:-@[-`{-~])/g, '$1'), end: k + 1 }
}

/** GFM's rule: trailing punctuation and an unbalanced `)` are not part of a bare URL. */
function trimUrl(url: string): string {
  let u = url.replace(/[.,:;!?'"*_~]+$/, '')
  while (u.endsWith(')') && (u.match(/\(/g)?.length ?? 0) < (u.match(/\)/g)?.length ?? 0))
    u = u.slice(0, -1).replace(/[.,:;!?'"*_~]+$/, '')
  return u
}
