/**
 * Server-side masking: the second layer behind the SDK's own. A client that skips the SDK (or
 * calls the API directly) still cannot put a card number, ID, code or password in the database.
 * Every free-text field of tickets, comments and chat messages, and every attachment file name,
 * passes through the SDK's redactor before it is stored. Same module as the device, so both
 * layers agree on what is hidden.
 */
import { redact } from '../../src/privacy/index.js'
import { REFERENCE_FIELDS } from '../../src/reports/fields.js'
import { hasOwn } from '../../src/hasOwn.js'

/**
 * Values whose shape the schema fixes are kept as they are (amounts, currency codes, statuses,
 * categories, priorities, last 4 digits); ids and order numbers are masked as references, and
 * everything else that is text is masked. A transaction's `time` and card `brand`, `kind` and
 * `locale` are free text to the schema (a card number fits in any of them), so they are masked
 * like any other: a real timestamp or brand name comes out unchanged.
 */
const OPTIONS = {
  referenceKeys: [...REFERENCE_FIELDS, 'id'],
  skipKeys: ['amount', 'currency', 'status', 'category', 'priority', 'type', 'attachments', 'last4'],
} as const

/**
 * Maps whose keys the client chooses (a ticket's `fields` and `diagnostics`): a key there is only
 * a label, so naming a field `status` or `amount` must not exempt its value from masking, and the
 * key itself is masked too.
 */
const FREE_MAPS = ['fields', 'diagnostics']
const MAP_OPTIONS = { referenceKeys: REFERENCE_FIELDS } as const

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/**
 * Text the redactor cannot change: printable ASCII (and line feeds) only, so its normalised form is
 * itself, with at most two digits (cards, IDs and phone numbers have 11 or more, every secret value
 * 3 or more), no two letters followed by two digits (the start of every IBAN), no `@` (no e-mail
 * address) and no password word (the one detector that hides a value of letters). Most subjects,
 * descriptions, short labels like `W-1` and chat lines are such text; they skip the scan, which
 * would find nothing.
 */
const PLAIN = /^[\x20-\x3f\x41-\x7e\n]*$/
const THREE_DIGITS = /\d\D*\d\D*\d/
const IBAN_START = /[A-Za-z]{2}\d{2}/
const PASSWORD_WORD = /pass|pwd/i
/**
 * An ISO 8601 date-time as a transaction's `time` carries it: its digit groups are split by `-`,
 * `T`, `:` and `.`, which no card, ID, phone or code detector reads across (property-tested with
 * any digits in every slot), so the redactor leaves it as it is and it skips the scan.
 */
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/
export const unchangedByRedact = (text: string): boolean =>
  (PLAIN.test(text) && !PASSWORD_WORD.test(text) && !THREE_DIGITS.test(text) && !IBAN_START.test(text)) ||
  ISO_TIME.test(text)

const redactOne = (text: string, reference: boolean): string =>
  unchangedByRedact(text) ? text : redact(text, { reference }).text

const isPlainObject = (value: unknown): value is Record<string, unknown> => {
  if (typeof value !== 'object' || value === null) return false
  const proto: unknown = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}

/**
 * `target[key] = value`, also for the key `__proto__` (JSON.parse makes it an own key; assigning it
 * would replace the copy's prototype and drop the value instead of keeping it as data).
 */
function put(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__')
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true })
  else target[key] = value
}

/**
 * `redactFields(value, options).value` without the findings (the server keeps none), with the key
 * sets built once instead of per call and the plain-text fast path above.
 */
function maskWalk(node: unknown, key: string, references: ReadonlySet<string>, skip: ReadonlySet<string>): unknown {
  if (typeof node === 'string') return redactOne(node, references.has(key))
  if (Array.isArray(node)) return node.map((item) => maskWalk(item, key, references, skip))
  if (isPlainObject(node)) {
    const copy: Record<string, unknown> = {}
    for (const k of Object.keys(node)) put(copy, k, skip.has(k) ? node[k] : maskWalk(node[k], k, references, skip))
    return copy
  }
  return node
}

const REFS = new Set<string>(OPTIONS.referenceKeys)
const SKIP = new Set<string>(OPTIONS.skipKeys)
const MAP_REFS = new Set<string>(MAP_OPTIONS.referenceKeys)
const NONE = new Set<string>()

/**
 * Whether `maskWalk(node, …, skip)` would give back `node` as it is: every text it masks is
 * text the redactor leaves unchanged, and every object it copies is a plain object, without a
 * `__proto__` key (a copy of an object without a prototype would get one).
 */
function unmasked(node: unknown, skip: ReadonlySet<string>): boolean {
  if (typeof node === 'string') return unchangedByRedact(node)
  if (typeof node !== 'object' || node === null) return true
  if (Array.isArray(node)) {
    for (const item of node) if (!unmasked(item, skip)) return false
    return true
  }
  const proto: unknown = Object.getPrototypeOf(node)
  if (proto !== Object.prototype) return proto !== null
  const record = node as Record<string, unknown>
  for (const k of Object.keys(record))
    if (k === '__proto__' || (!skip.has(k) && !unmasked(record[k], skip))) return false
  return true
}

/** Whether `maskInput(input)` would equal `input`, keys and their order included (see `unmasked`). */
function unmaskedInput(input: Record<string, unknown>): boolean {
  if (Object.getPrototypeOf(input) !== Object.prototype) return false
  for (const key of Object.keys(input)) {
    if (key === '__proto__' || SKIP.has(key)) continue
    const value = input[key]
    if (!FREE_MAPS.includes(key) || !isRecord(value)) {
      if (!unmasked(value, SKIP)) return false
    } else {
      if (Object.getPrototypeOf(value) !== Object.prototype) return false
      // A free map's keys are masked too: unchanged keys stay the distinct labels they were. Its
      // values are read after their label (`maskMapValue`), a number as its digits.
      for (const k of Object.keys(value)) {
        const v = value[k]
        if (k === '__proto__' || !unchangedByRedact(k) || !unmasked(v, NONE) || rounded(v)) return false
        if ((typeof v === 'string' || typeof v === 'number') && !unchangedByRedact(`${k}: ${v}`)) return false
      }
    }
  }
  return true
}

/**
 * A parsed request body with its free text masked: a copy, or the body itself when masking would
 * change nothing in it (the common ticket: a check of each text instead of a copy of every object).
 */
export function maskInput<T>(input: T): T {
  if (!isRecord(input)) return maskWalk(input, '', REFS, SKIP) as T
  if (unmaskedInput(input)) return input
  // The free maps are masked by their own rules only: a key there is a label, not one of OPTIONS' keys.
  const out: Record<string, unknown> = {}
  for (const key of Object.keys(input)) {
    const value = input[key]
    if (SKIP.has(key)) put(out, key, value)
    else if (!FREE_MAPS.includes(key) || !isRecord(value)) put(out, key, maskWalk(value, key, REFS, SKIP))
    else {
      // The keys are client text too (up to 100 characters each), shown to agents as labels.
      const masked: Record<string, unknown> = {}
      for (const k of Object.keys(value)) {
        // Two labels can mask to one ("password hunter2", "password letmein"): number the later
        // ones instead of letting one value overwrite the other.
        const base = maskText(k)
        let label = base
        for (let n = 2; hasOwn(masked, label); n++) label = `${base} (${n})`
        put(masked, label, maskMapValue(k, base, value[k]))
      }
      put(out, key, masked)
    }
  }
  return out as T
}

/**
 * A JSON number past 2^53 (in size) that JSON.parse rounded: `440524188001010014` arrives as
 * 440524188001010000. Its leading digits are still the client's, but no checksum can say any more
 * whether it was a resident ID or a card, and its last digits are not the client's to keep.
 */
const rounded = (v: unknown): v is number => typeof v === 'number' && Math.abs(v) > Number.MAX_SAFE_INTEGER

/** Such a number masked whole: its sign and one `*` per digit of its integer value. */
const maskRounded = (v: number): string => (v < 0 ? '-' : '') + '*'.repeat(BigInt(Math.abs(v)).toString().length)

/**
 * One value of a free map (`fields`, `diagnostics`) under its key `k` (masked: `label`). The label
 * says what the value is, and the redactor reads that only in running text: `{"verification
 * code": "384921"}`, `{"CVV": "123"}` or `{"password": "hunter2"}` are masked as `verification
 * code: 384921` would be. A number is read as its digits (a card number sent as a JSON number is
 * still one): it stays a number when masking leaves it as it is, else becomes the masked text.
 * A number too large to be exact (`rounded`) is masked whole.
 */
function maskMapValue(k: string, label: string, value: unknown): unknown {
  if (rounded(value)) return maskRounded(value)
  if (typeof value !== 'string' && typeof value !== 'number') return maskWalk(value, k, MAP_REFS, NONE)
  const text = String(value)
  const reference = MAP_REFS.has(k)
  const alone = redactOne(text, reference)
  const prefix = `${label}: `
  const read = redactOne(prefix + alone, reference)
  // A label the second pass changed (it ran into the value) leaves the value masked on its own.
  const masked = read.startsWith(prefix) ? read.slice(prefix.length) : alone
  return masked === text ? value : masked
}

/** One free-text value (a comment, a message, a reason, a file name). */
export function maskText(text: string): string
export function maskText(text: string | undefined): string | undefined
export function maskText(text: string | undefined): string | undefined {
  return text === undefined ? undefined : redactOne(text, false)
}

/** A UUID as the SDK makes its idempotency keys (any case), with the `:transaction` the server adds. */
const UUID_KEY = /^[\da-f]{8}-(?:[\da-f]{4}-){3}[\da-f]{12}(?::transaction)?$/i

/** `%2D`, `%20`, `%3D`: a printable ASCII character written as a URL escape. */
const ESCAPE = /%([2-7][\dA-Fa-f])/g
/**
 * Where a digit meets a letter after it (`384921a`), which running text would read as one word; and
 * after an ID's check character `X` (`…002Xa`).
 */
const DIGIT_LETTER = /(?<=\d)(?=[A-Za-z])|(?<=\d[Xx])(?=[A-Za-z])/g
/** Marks the split above while the redactor reads the key: it reads as a space and no mask holds it. */
const SPLIT = '\u00a0'

/** A key as the redactor should read it: URL escapes decoded (also escaped twice). */
function keyText(key: string): string {
  let text = key
  for (let round = 0; round < 3 && text.includes('%'); round++) {
    const next = text.replace(ESCAPE, (_, hex: string) => {
      const code = parseInt(hex, 16)
      return code === 0x7f ? `%${hex}` : String.fromCharCode(code)
    })
    if (next === text) break
    text = next
  }
  return text
}

/**
 * A chat message's Idempotency-Key as its `clientId`, which goes back to the user's devices and to
 * the agent console. The key is client-chosen: any but the SDK's own (a UUID) is masked like text,
 * so `otp-384921` comes back as `otp-******`. A key is not prose, so it is read with its URL
 * escapes decoded (`pay%204111111111111111`, `otp%3D384921`) and with a letter glued after
 * the digits read apart (`otp-384921a`, `pay-4111111111111111x`); when anything is hidden the key
 * comes back decoded and masked (`otp-******a`), otherwise exactly as sent. A UUID is kept as sent,
 * even when its digit groups happen to read as a card (`52897415-5504-4544-…`, about 1 random UUID
 * in 2,000): the sender matches its pending message by that exact key.
 */
export function maskClientId(key: string): string {
  if (UUID_KEY.test(key)) return key
  const text = keyText(key)
  // Masked as it is first (a password token or an e-mail address reads best whole), then with the
  // glued letters apart; the split marks left outside a mask are dropped again.
  const once = redactOne(text, false)
  const split = once.includes(SPLIT) ? once : once.replace(DIGIT_LETTER, SPLIT)
  const masked = split === once ? once : redactOne(split, false).replaceAll(SPLIT, '')
  return masked === text ? key : masked
}
