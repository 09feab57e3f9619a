import { looksLikeCode, redact, summarizeFindings, type HiddenSummary } from '../privacy/index.js'
import { VISIBLE } from './split.js'

/** What the user typed, ready to leave the device. */
export interface Outgoing {
  /** Masked text (cards, IDs, phones, codes... hidden). */
  text: string
  hidden: HiddenSummary
  /** The raw text looks like a one-time code: ask the user before sending. */
  looksLikeCode: boolean
}

/**
 * Masks a chat message and flags a probable one-time code. The code check runs on the raw
 * text, because masking may already have hidden the digits it looks for.
 *
 * @example
 * prepareOutgoing('my card 6222 0212 3456 7890 128').text // 'my card ***************7890 128'-like, card hidden
 * prepareOutgoing('384921').looksLikeCode // true
 */
export function prepareOutgoing(raw: string): Outgoing {
  // Only characters that show nothing (zero-width, joiners, direction marks, blank fillers): empty.
  const text = VISIBLE.test(raw) ? raw.trim() : ''
  const result = redact(text)
  return { text: result.text, hidden: summarizeFindings(result.findings), looksLikeCode: looksLikeCode(text) }
}

export { MAX_MESSAGE_LENGTH, MAX_MESSAGE_PARTS, splitMessage } from './split.js'

export { mentionsSecret } from './secret.js'

/** A run of message text: plain, or an http(s) link. */
export type TextSegment = { type: 'text'; text: string } | { type: 'link'; text: string; href: string }

const URL_RE = /\bhttps?:\/\/[^\s<>"'`\u3000-\u303f\uff00-\uffef]+/gi
/** Punctuation that ends a sentence rather than the URL. */
const TRAILING = new Set([...'.,;:!?)]}\'"。，；：！？）】》」』'])

/** Drops sentence punctuation after a URL, but keeps a `)` it opened (wiki/A_(b)). */
function trimTrailing(url: string): string {
  let end = url.length
  while (end > 0 && TRAILING.has(url[end - 1]!)) {
    if (url[end - 1] === ')') {
      const head = url.slice(0, end)
      if (head.split('(').length > head.split(')').length - 1) break
    }
    end--
  }
  return url.slice(0, end)
}

/**
 * Splits message text into plain runs and http(s) links. Nothing else is interpreted: no
 * markdown, no HTML, no other schemes (`javascript:`, `data:`, `tel:` stay plain text). The UI
 * renders the runs as text nodes and `<a rel="noopener noreferrer" target="_blank">`.
 *
 * @example
 * linkify('see https://help.example.com/a.')
 * // → [{ type: 'text', text: 'see ' }, { type: 'link', text: 'https://help.example.com/a', href: 'https://help.example.com/a' }, { type: 'text', text: '.' }]
 */
export function linkify(text: string): TextSegment[] {
  const out: TextSegment[] = []
  let at = 0
  for (const match of text.matchAll(URL_RE)) {
    const url = trimTrailing(match[0])
    const href = safeHref(url)
    if (!href) continue
    const start = match.index
    if (start > at) out.push({ type: 'text', text: text.slice(at, start) })
    out.push({ type: 'link', text: url, href })
    at = start + url.length
  }
  if (at < text.length) out.push({ type: 'text', text: text.slice(at) })
  return out
}

function safeHref(candidate: string): string | undefined {
  try {
    const u = new URL(candidate)
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return undefined
    // Credentials in a link are a phishing trick (https://bank.com@evil.example): leave it as text.
    if (u.username || u.password) return undefined
    return u.href
  } catch {
    return undefined
  }
}
