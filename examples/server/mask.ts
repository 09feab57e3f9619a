/**
 * Server-side masking: the second layer behind the SDK's own. A client that skips the SDK (or
 * calls the API directly) still cannot put a card number, ID, code or password in the database.
 * Every free-text field of tickets, comments and chat messages, and every attachment file name,
 * passes through the SDK's redactor before it is stored. Same module as the device, so both
 * layers agree on what is hidden.
 */
import { redact, redactFields } from '../../src/privacy/index.js'
import { REFERENCE_FIELDS } from '../../src/reports/fields.js'

/**
 * Structured values the host app supplies (transaction ids, order numbers in reference fields,
 * amounts, times) are kept as the SDK keeps them; everything else that is text is masked.
 * `kind` of a transaction and `locale` are free text to the schema, so they are masked like any other.
 */
const OPTIONS = {
  referenceKeys: [...REFERENCE_FIELDS, 'id'],
  skipKeys: ['time', 'amount', 'currency', 'status', 'category', 'priority', 'type', 'attachments', 'last4', 'brand'],
} as const

/**
 * Maps whose keys the client chooses (a ticket's `fields` and `diagnostics`): a key there is only
 * a label, so naming a field `status` or `amount` must not exempt its value from masking, and the
 * key itself is masked too.
 */
const FREE_MAPS = ['fields', 'diagnostics']
const MAP_OPTIONS = { referenceKeys: REFERENCE_FIELDS } as const

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/** A copy of a parsed request body with its free text masked. */
export function maskInput<T>(input: T): T {
  if (!isRecord(input)) return redactFields(input, OPTIONS).value
  // The free maps are masked by their own rules only (walking them with OPTIONS first, as a part
  // of the body, would be thrown away).
  const isFreeMap = (key: string, value: unknown): value is Record<string, unknown> =>
    FREE_MAPS.includes(key) && isRecord(value)
  const rest: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(input)) if (!isFreeMap(key, value)) rest[key] = value
  const masked = redactFields(rest, OPTIONS).value
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(input)) {
    if (!isFreeMap(key, value)) {
      out[key] = masked[key]
      continue
    }
    const values = redactFields(value, MAP_OPTIONS).value
    // The keys are client text too (up to 100 characters each), shown to agents as labels.
    out[key] = Object.fromEntries(Object.entries(values).map(([k, v]) => [maskText(k), v]))
  }
  return out as T
}

/** One free-text value (a comment, a message, a reason, a file name). */
export function maskText(text: string): string
export function maskText(text: string | undefined): string | undefined
export function maskText(text: string | undefined): string | undefined {
  return text === undefined ? undefined : redact(text).text
}
