/**
 * Splitting a long chat message into the parts a backend takes. Its own module, without the
 * privacy scanner: the outbox's message handler (in the core bundle) splits a queued message too.
 */

/** A character that shows something (not a space, a joiner, a direction mark or a blank filler). */
export const VISIBLE = /[^\s\p{Cf}\u115f\u1160\u3164\uffa0\u2800]/u

/** Longest message text a backend takes (the REST API's limit, in UTF-16 units as JavaScript counts). */
export const MAX_MESSAGE_LENGTH = 5000
/**
 * The most parts one message may be split into (20,000 characters): a longer paste (a log, a
 * document) is refused with `chat.error.tooLong` and stays in the composer, rather than queueing
 * hundreds of messages that would hold up everything sent after them.
 */
export const MAX_MESSAGE_PARTS = 4

const SPACE = /^\s+$/
let segmenter: Intl.Segmenter | undefined

/**
 * Where the user-perceived characters (grapheme clusters) of `text` start. `Intl.Segmenter`
 * when the engine has it; else code points, kept together with what attaches to the one before
 * (combining marks, variation selectors, skin tones, tags, a ZWJ and what it joins, the second
 * half of a flag, CR LF).
 */
function clusterStarts(text: string): number[] {
  if (typeof Intl.Segmenter === 'function') {
    segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' })
    return Array.from(segmenter.segment(text), (s) => s.index)
  }
  const starts: number[] = []
  let prev = ''
  let flags = 0
  let at = 0
  for (const cp of text) {
    const ri = /\p{Regional_Indicator}/u.test(cp)
    const attached =
      at > 0 &&
      (/[\p{M}\u200d\p{Emoji_Modifier}\u{e0020}-\u{e007f}]/u.test(cp) ||
        prev === '\u200d' ||
        (prev === '\r' && cp === '\n') ||
        (ri && flags % 2 === 1))
    if (!attached) starts.push(at)
    flags = ri ? flags + 1 : 0
    prev = cp
    at += cp.length
  }
  return starts
}

/** Drops the whitespace clusters `text` starts with (not a space an accent sits on). */
function dropLeadingSpace(text: string): string {
  const trimmed = text.trimStart()
  const gone = text.length - trimmed.length
  if (gone === 0 || trimmed === '') return trimmed
  // The last space dropped and what follows it: one cluster when a combining mark sits on it.
  const head = text.slice(gone - 1, gone + 3)
  return clusterStarts(head)[1] === 1 ? trimmed : text.slice(gone - 1)
}

/** Sentence ends (Chinese and Latin) a part may end after when no space is near the limit. */
const STOP = /^[。！？；．｡.!?;]$/u
/** The last fifth of a window: a break earlier than this would leave a short part. */
const BREAK_ZONE = 0.2

/**
 * Where the first part of `rest` (longer than `max`) ends, both ways: `soft` at a space, else
 * after a sentence end, when one falls in the last fifth of the window (or only characters that
 * show nothing follow it there), else as `hard`; `hard` at the last grapheme cluster boundary
 * that fits. One look at the window gives both.
 */
function cuts(rest: string, max: number): [soft: number, hard: number] {
  // One code point past `max` decides whether a cluster starts at `max`.
  const window = rest.slice(0, max + 2)
  const starts = clusterStarts(window)
  let space = 0
  let stop = 0
  let hard = 0
  /** Where the last cluster that shows something ends. */
  let shown = 0
  for (let k = 1; k < starts.length && starts[k]! <= max; k++) {
    const at = starts[k]!
    const before = window.slice(starts[k - 1], at)
    hard = at
    if (VISIBLE.test(before)) shown = at
    if (STOP.test(before)) stop = at
    if (SPACE.test(window.slice(at, starts[k + 1] ?? window.length))) space = at
  }
  const from = max - Math.ceil(max * BREAK_ZONE)
  const near = (at: number) => at > 0 && (at >= from || at >= shown)
  const soft = near(space) ? space : near(stop) ? stop : hard
  if (hard === 0) {
    // One cluster longer than a part (a letter under thousands of marks): cut between code points.
    hard = Math.floor(max)
    const unit = rest.charCodeAt(hard - 1)
    if (unit >= 0xd800 && unit <= 0xdbff) hard--
    // A code point longer than a part (a surrogate pair when `max` is 1) goes whole.
    if (hard === 0) hard = rest.codePointAt(0)! > 0xffff ? 2 : 1
  }
  return [soft || hard, hard]
}

/** The part of `rest` before `cut` and what is left after it, whitespace at the cut dropped. */
const at = (rest: string, cut: number): [part: string, rest: string] => [
  rest.slice(0, cut).trimEnd(),
  dropLeadingSpace(rest.slice(cut)),
]

/**
 * Splits a message longer than `max` into parts the backend takes, in order. A part ends at a
 * space (dropped), else after a sentence end (。！？；.!?), when one falls in the last fifth of
 * the part (a space early in it, in Chinese text with few spaces, would leave a short part);
 * else at the last grapheme cluster boundary that fits, so that a flag, an emoji sequence, a
 * letter and its accents or a surrogate pair stay whole. Only a single cluster longer than `max`
 * is cut inside, between code points; a code point is never cut, so the one case where a part is
 * longer than `max` is a part that is a single astral code point (2 units) when `max` is 1.
 * Whitespace at a cut, and a part that would show nothing, are dropped. `max` below 1, or NaN,
 * is a `RangeError`; `Infinity` is no limit (the text is one part).
 *
 * Never more than `MAX_MESSAGE_PARTS` parts when cuts at the limit alone give at most that many:
 * a break that would then need one more part is not taken. So a text of at most 4 × `max`
 * UTF-16 units always fits in 4 parts when no cluster straddles a cut (Han, Latin, spaces); in
 * general when it is at most 4 × `max` − 3 × (its longest cluster's length − 1). A text that
 * only fits in 4 parts by cutting inside a cluster (a 20,000-unit text with an emoji across the
 * 5,000th unit) needs 5 and is refused (`chat.error.tooLong`).
 *
 * @example
 * splitMessage('a'.repeat(5000) + ' b') // ['aaa…a' (5000), 'b']
 * splitMessage('ab🇨🇳', 3) // ['ab', '🇨🇳']
 */
export function splitMessage(text: string, max = MAX_MESSAGE_LENGTH): string[] {
  // Written so that NaN fails it too (it gave the text back whole); Infinity is no limit.
  if (!(max >= 1)) throw new RangeError(`splitMessage: max must be at least 1, got ${max}`)
  // Every rest is a tail of `text`: its length names it. Each soft cut is checked against the
  // cuts at the limit from there, so the same tails come up again and again; each is read once.
  const memo = new Map<number, [soft: number, hard: number]>()
  const cutsOf = (rest: string) => {
    let c = memo.get(rest.length)
    if (!c) memo.set(rest.length, (c = cuts(rest, max)))
    return c
  }
  /**
   * Whether `rest` goes in at most `limit` parts cut at the limit only. Each of those cuts
   * reaches as far as a part can, so no split between clusters needs fewer.
   */
  const fitsHard = (rest: string, limit: number) => {
    let n = 0
    while (rest.length > max && n <= limit) {
      let part: string
      ;[part, rest] = at(rest, cutsOf(rest)[1])
      if (VISIBLE.test(part)) n++
    }
    if (VISIBLE.test(rest)) n++
    return n <= limit
  }
  const parts: string[] = []
  let rest = text
  // A text that goes in the parts a message may take keeps doing so; a longer one is refused.
  const bounded = rest.length > max && fitsHard(rest, MAX_MESSAGE_PARTS)
  while (rest.length > max) {
    const [soft, hard] = cutsOf(rest)
    let [part, next] = at(rest, soft)
    if (bounded && soft !== hard) {
      const left = MAX_MESSAGE_PARTS - parts.length - (VISIBLE.test(part) ? 1 : 0)
      if (!fitsHard(next, left)) [part, next] = at(rest, hard)
    }
    rest = next
    // A part that shows nothing (a zero-width space copied at the end) would reach the agent blank.
    if (VISIBLE.test(part)) parts.push(part)
  }
  if (VISIBLE.test(rest)) parts.push(rest)
  return parts
}

const recent = new Map<string, string[]>()

/**
 * The messages a queued text goes out as: itself when it fits, else its parts. A long message is
 * one outbox job (stored whole or not at all) and is split when it is sent and when its rows are
 * drawn; the split is the same each time for the same text.
 */
export function messageParts(text: string): string[] {
  if (text.length <= MAX_MESSAGE_LENGTH) return [text]
  let parts = recent.get(text)
  if (!parts) {
    parts = splitMessage(text)
    // Drawn again on every outbox event: the last few long texts are kept.
    if (recent.size >= 8) recent.delete(recent.keys().next().value!)
    recent.set(text, parts)
  }
  return parts
}

const UUID = /^[\da-f]{8}-(?:[\da-f]{4}-){3}[\da-f]{12}$/i

/**
 * The idempotency key of part `index` of a message queued with `key`: the key itself for the
 * first part, then keys derived from it, the same on every attempt, so a retry of the message
 * (after a part failed, a lost answer, a reload) never stores a part the server already has.
 * A UUID stays a UUID (its last four hex digits XOR the index): servers echo a UUID key
 * untouched as the message's `clientId`.
 *
 * @example
 * partKey('0f8e…-4a1b…c3d0', 2) // '0f8e…-4a1b…c3d2'
 */
export function partKey(key: string, index: number): string {
  if (index === 0) return key
  if (!UUID.test(key)) return `${key}:part:${index}`
  const tail = (parseInt(key.slice(-4), 16) ^ index).toString(16).padStart(4, '0')
  return key.slice(0, -4) + (key === key.toUpperCase() ? tail.toUpperCase() : tail)
}
