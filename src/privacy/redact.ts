/**
 * Client-side redaction: everything that leaves the device or is stored passes through here
 * first. Over-redacting is the safe mistake, but the ids a ticket needs (28-digit WeChat Pay /
 * Alipay numbers, labelled order numbers) are kept.
 */
import {
  type ScanContext,
  detectCards,
  detectCnIds,
  detectEmails,
  detectExponentCards,
  detectForeignPhones,
  detectIbans,
  detectPhones,
  detectSeparatedPhones,
  detectSpelledNumbers,
  detectStrongCards,
  keepTransactionIds,
} from './detectors.js'
import { normalize, originalSpan } from './normalize.js'
import { Claims, digitRuns } from './scan.js'
import { detectLabelledSecrets, detectSecrets } from './secrets.js'
import type { FieldFinding, Finding, FindingKind, RedactOptions, RedactResult } from './types.js'

/**
 * The order is part of the contract: long transaction ids are set aside first so no card is cut
 * out of them; an 18-digit ID that also passes Luhn must be labelled an ID; a card with a network
 * prefix (also in exponent form, `4.111111111111111e15`) is taken before a shorter number in the
 * same run can be read as something else; a secret (a password that is a phone number) before the
 * phone rule, which would leave seven of its digits; a mobile before a Luhn-valid run that merely contains it.
 */
const RULES = [
  keepTransactionIds,
  detectLabelledSecrets,
  detectCnIds,
  detectIbans,
  detectStrongCards,
  detectExponentCards,
  detectSecrets,
  detectPhones,
  detectSeparatedPhones,
  detectSpelledNumbers,
  detectCards,
  detectEmails,
  detectForeignPhones,
] as const

/**
 * Hides card numbers, resident IDs, IBANs, phone numbers (mainland, Hong Kong, Macau and Taiwan
 * mobiles, mainland landlines, any number after `+` and a country code), e-mail addresses and secrets (CVV, PIN, codes,
 * passwords) in `text`.
 *
 * @example
 * redact('卡号 6205 5000 0000 0000 004，验证码是 384921')
 * // → { text: '卡号 ***************0004，验证码是 ******', findings: [{ kind: 'card', … }, { kind: 'secret', … }] }
 */
export function redact(text: string, options: RedactOptions = {}): RedactResult {
  if (text === '') return { text, findings: [] }
  const norm = normalize(text)
  // One pass for every digit rule: most need 11 digits, phones outside the mainland 8.
  const shortRuns = digitRuns(norm.text, 8)
  const ctx: ScanContext = {
    text: norm.text,
    runs: shortRuns.filter((r) => r.compact.length >= 11),
    shortRuns,
    claims: new Claims(norm.text.length),
    hits: [],
    reference: options.reference === true,
  }
  for (const rule of RULES) rule(ctx)
  if (ctx.hits.length === 0) return { text, findings: [] }
  ctx.hits.sort((a, b) => a.start - b.start)
  let out = ''
  let at = 0
  const findings: Finding[] = []
  for (const hit of ctx.hits) {
    // Back to the user's own characters: the span covers the invisibles and separators inside.
    const [start, end] = originalSpan(norm, hit.start, hit.end)
    out += text.slice(at, start) + hit.replacement
    at = end
    findings.push({ kind: hit.kind, start, end })
  }
  return { text: out + text.slice(at), findings }
}

/** Options for {@link redactFields}. */
export interface RedactFieldsOptions {
  /** Keys whose string values are order / transaction references (see {@link RedactOptions.reference}). */
  referenceKeys?: readonly string[]
  /** Keys left untouched (system-generated ids, URLs). */
  skipKeys?: readonly string[]
  /**
   * Keys whose value is a map of label → value (a ticket's `fields` and `diagnostics`). A label
   * says what its value is, and the redactor reads that only in running text: each string or
   * number there is also read after its label (`{ cvv: 123 }` as `cvv: 123`), and the labels
   * themselves are masked (two that mask alike are numbered, `password ****** (2)`). The server
   * masks these maps the same way.
   */
  labelMaps?: readonly string[]
}

/** `target[key] = value`, also for `__proto__` (JSON.parse makes it an own key; assigning it would set the prototype). */
function put(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__')
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true })
  else target[key] = value
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false
  const proto: unknown = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}

/**
 * A number as redactFields reads it: `null` when it stays as it is, else its masked text and what
 * was found (offsets into its digits). An integer is read as its digits (`4111111111111111` is a
 * card however it was typed); a fraction never belongs to a card, ID or phone number, so other
 * numbers stay. An integer past 2^53 is no longer exact (JSON.parse rounds `440524188001010014`
 * to 440524188001010000): no checksum can tell what it was and its last digits are not the
 * user's, so it is masked whole, one `*` per digit, as the server does, and reported as what its
 * digits read as (a card when they read as nothing).
 */
function redactNumber(n: number, reference: boolean): RedactResult | null {
  if (!Number.isInteger(n)) return null
  if (Number.isSafeInteger(n)) {
    const result = redact(String(n), { reference })
    return result.findings.length === 0 ? null : result
  }
  const digits = BigInt(Math.abs(n)).toString()
  const sign = n < 0 ? '-' : ''
  const kind = redact(digits).findings[0]?.kind ?? 'card'
  return { text: sign + '*'.repeat(digits.length), findings: [{ kind, start: 0, end: sign.length + digits.length }] }
}

/**
 * Redacts every string inside a record, including nested arrays and plain objects, and returns
 * a copy. Findings carry the dot path of the string they were found in. Numbers are read as
 * their digits: one that hides a card, ID or phone number becomes its masked text (a string),
 * any other stays the same number.
 *
 * @example
 * redactFields({ description: 'call 13800138000', fields: { transactionId: '4111111111111111' } },
 *   { referenceKeys: ['transactionId'] })
 * // → description masked, the labelled transaction id kept
 */
export function redactFields<T>(value: T, options: RedactFieldsOptions = {}): { value: T; findings: FieldFinding[] } {
  const findings: FieldFinding[] = []
  const references = new Set(options.referenceKeys ?? [])
  const skip = new Set(options.skipKeys ?? [])
  const labelMaps = new Set(options.labelMaps ?? [])
  const seen = new WeakSet<object>()

  /** One value of a label map: masked alone, then read after its (masked) label. */
  const labelled = (v: unknown, path: string, k: string, label: string): unknown => {
    const alone = walk(v, path, k)
    if (typeof alone !== 'string' && typeof alone !== 'number') return alone
    const text = String(alone)
    const prefix = `${label}: `
    const read = redact(prefix + text, { reference: references.has(k) })
    // A label the second pass changed (it ran into the value) leaves the value masked on its own.
    if (!read.text.startsWith(prefix) || read.text === prefix + text) return alone
    for (const f of read.findings)
      if (f.start >= prefix.length)
        findings.push({ ...f, start: f.start - prefix.length, end: f.end - prefix.length, path })
    return read.text.slice(prefix.length)
  }

  const labelMap = (node: Record<string, unknown>, path: string): Record<string, unknown> => {
    const copy: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(node)) {
      const keyResult = redact(k)
      let label = keyResult.text
      for (let n = 2; Object.prototype.hasOwnProperty.call(copy, label); n++) label = `${keyResult.text} (${n})`
      const at = `${path}.${label}`
      for (const f of keyResult.findings) findings.push({ ...f, path: at })
      put(copy, label, labelled(v, at, k, keyResult.text))
    }
    return copy
  }

  const walk = (node: unknown, path: string, key: string): unknown => {
    if (typeof node === 'string') {
      const result = redact(node, { reference: references.has(key) })
      for (const f of result.findings) findings.push({ ...f, path })
      return result.text
    }
    if (typeof node === 'number') {
      const result = redactNumber(node, references.has(key))
      if (!result) return node
      for (const f of result.findings) findings.push({ ...f, path })
      return result.text
    }
    if (Array.isArray(node)) {
      if (seen.has(node)) return node
      seen.add(node)
      return node.map((item, i) => walk(item, path === '' ? String(i) : `${path}.${i}`, key))
    }
    if (isPlainObject(node)) {
      if (seen.has(node)) return node
      seen.add(node)
      const copy: Record<string, unknown> = {}
      for (const [k, v] of Object.entries(node)) {
        const at = path === '' ? k : `${path}.${k}`
        const masked = skip.has(k)
          ? v
          : labelMaps.has(k) && isPlainObject(v) && !seen.has(v)
            ? (seen.add(v), labelMap(v, at))
            : walk(v, at, k)
        put(copy, k, masked)
      }
      return copy
    }
    return node
  }

  return { value: walk(value, '', '') as T, findings }
}

const DATE_LIKE = /^(?:19|20)\d\d-\d\d?-\d\d?$/

/**
 * True when a chat message looks like it carries a one-time code or another secret: the message
 * is nothing but 4–8 digits (`384921`, `3 8 4 9 2 1`), or the redactor finds a secret in it (the
 * same detector, so the warning and the masking never disagree). The UI warns before sending;
 * support never needs such a code.
 *
 * @example
 * looksLikeCode('384921') // true
 * looksLikeCode('my code is 384756') // true
 * looksLikeCode('I paid 128.50 on 2026-11-23') // false
 */
export function looksLikeCode(text: string): boolean {
  const bare = normalize(text).text.trim()
  if (bare.length <= 24 && /^\d(?:[ \n-]{0,3}\d){3,7}$/.test(bare) && !DATE_LIKE.test(bare)) return true
  return redact(text).findings.some((f) => f.kind === 'secret')
}

/** Catalog keys of the "we hid your …" notices, one per kind. */
export const HIDDEN_MESSAGE_KEYS = {
  card: 'privacy.hidden.card',
  cn_id: 'privacy.hidden.cn_id',
  iban: 'privacy.hidden.iban',
  phone: 'privacy.hidden.phone',
  email: 'privacy.hidden.email',
  secret: 'privacy.hidden.secret',
} as const satisfies Record<FindingKind, string>

/** What was hidden, for the "we hid a card number for your safety" notice. */
export interface HiddenSummary {
  total: number
  /** Kinds in a stable order (most sensitive first). */
  kinds: FindingKind[]
  counts: Partial<Record<FindingKind, number>>
  /** One catalog key per kind, resolved by the UI's translator. */
  messageKeys: Array<(typeof HIDDEN_MESSAGE_KEYS)[FindingKind]>
}

const KIND_ORDER: readonly FindingKind[] = ['secret', 'card', 'cn_id', 'iban', 'phone', 'email']

/**
 * Summarises findings for the UI.
 *
 * @example
 * summarizeFindings(redact('CVV 123').findings).messageKeys // ['privacy.hidden.secret']
 */
export function summarizeFindings(findings: ReadonlyArray<Pick<Finding, 'kind'>>): HiddenSummary {
  const counts: Partial<Record<FindingKind, number>> = {}
  for (const f of findings) counts[f.kind] = (counts[f.kind] ?? 0) + 1
  const kinds = KIND_ORDER.filter((k) => counts[k] !== undefined)
  return { total: findings.length, kinds, counts, messageKeys: kinds.map((k) => HIDDEN_MESSAGE_KEYS[k]) }
}
