import { isBrowserOffline } from '../online.js'
import * as z from './wire.js'
import { MalformedResponseError } from '../errors/RequestErrors.js'
import { REPORT_CATEGORIES } from '../reports/categoryIds.js'
import type { FieldValue, Priority, ReportCategory, TicketInput, TransactionRef } from '../types.js'

/*
 * Helpers shared by the vendor adapters (zendesk, chatwoot, the freshdesk proxy): a fetch
 * wrapper that turns vendor error bodies into the protocol's error shape so createHttp's one
 * error mapping applies, and the plain-text "report block" a ticket carries on backends that
 * cannot store (or give back to end users) structured fields.
 */

/** The protocol's error body (docs/protocol.md §1.2), which createHttp already understands. */
export interface ProtocolErrorBody {
  error: {
    code: string
    message: string
    fields?: Record<string, string>
    /** Per-field codes, the RFC 9457 `errors` form createHttp also reads. */
    errors?: Array<{ field: string; code: string; message?: string }>
  }
}

/** Options of {@link vendorFetch}. */
export interface VendorFetchOptions {
  fetch?: typeof fetch
  /**
   * A fetch that fails at the network level while the device is online is treated as a
   * rate limit with this back-off (a synthetic 429 + Retry-After), not as offline. Browsers hide
   * CORS-less answers (Zendesk sends no CORS headers on 429/403), so hot retries would only
   * hammer a backend that already said "slow down". 0 keeps such failures as OfflineError.
   */
  opaqueBackoffMs?: number
  /**
   * A 429 without Retry-After gets this one (Chatwoot's Rack::Attack sends none by default), so
   * the call backs off for a real window instead of retrying within a second. Default: none.
   */
  rateLimitDefaultMs?: number
  /** Rewrites a vendor error body into the protocol shape; undefined leaves it as is. */
  normalizeError?: (status: number, body: unknown, text: string) => ProtocolErrorBody | undefined
}

/** Wraps fetch for createHttp: opaque failures become a back-off, vendor errors the protocol shape. */
export function vendorFetch(options: VendorFetchOptions): typeof fetch {
  const base: typeof fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init))
  const backoffMs = options.opaqueBackoffMs ?? 0
  return async (input, init) => {
    let response: Response
    try {
      response = await base(input, init)
    } catch (error) {
      const offline = isBrowserOffline()
      if (!(error instanceof TypeError) || offline || backoffMs <= 0) throw error
      const seconds = String(Math.ceil(backoffMs / 1000))
      return new Response(
        JSON.stringify({ error: { code: 'rate_limited', message: 'opaque network failure: backing off' } }),
        {
          status: 429,
          headers: { 'Content-Type': 'application/json', 'Retry-After': seconds },
        },
      )
    }
    if (response.status === 429 && options.rateLimitDefaultMs && !response.headers.has('Retry-After')) {
      const headers = new Headers(response.headers)
      headers.set('Retry-After', String(Math.ceil(options.rateLimitDefaultMs / 1000)))
      return new Response(response.body, { status: 429, statusText: response.statusText, headers })
    }
    if (response.ok || !options.normalizeError || response.status === 429) return response
    const text = await response
      .clone()
      .text()
      .catch(() => '')
    let body: unknown
    try {
      body = JSON.parse(text)
    } catch {
      body = undefined
    }
    const normalized = options.normalizeError(response.status, body, text)
    if (!normalized) return response
    const headers = new Headers(response.headers)
    headers.set('Content-Type', 'application/json')
    headers.delete('Content-Length')
    return new Response(JSON.stringify(normalized), {
      status: response.status,
      statusText: response.statusText,
      headers,
    })
  }
}

/* ---------- report block ---------- */

/** Separates the user's text from the machine-readable lines agents also read. */
export const BLOCK_MARK = '-- help-feedback --'
const REF_PREFIX = 'hf_'

/** What a report block gives back: the user's text and the fields the backend could not keep. */
export interface ParsedReport {
  text: string
  category?: ReportCategory
  priority?: Priority
  locale?: string
  fields: Record<string, FieldValue>
  transaction?: TransactionRef
  /** The client idempotency key the ticket was created with. */
  ref?: string
}

const CATEGORIES = new Set<string>(REPORT_CATEGORIES)
const PRIORITIES = new Set<string>(['low', 'normal', 'high', 'urgent'])
const TX_STATUS = new Set<string>(['pending', 'succeeded', 'failed', 'refunded', 'reversed'])
/** A report category, or undefined for anything else. */
export const asCategory = (value: unknown): ReportCategory | undefined =>
  typeof value === 'string' && CATEGORIES.has(value) ? (value as ReportCategory) : undefined
const oneLine = (v: unknown) =>
  String(v)
    .replace(/\s*[\r\n]+\s*/g, ' ')
    .trim()

/** The nonce written into a ticket so a retried create can be matched (see findWrite). */
export const refOf = (idempotencyKey: string): string => `${REF_PREFIX}${idempotencyKey}`

/**
 * Renders `text` plus the report's structured data as `key: value` lines under a marker line.
 * Agents read it as a plain list; the adapter parses it back for the user's request detail.
 *
 * @example composeReport('Paid, not credited', input, key)
 * // "Paid, not credited\n\n-- help-feedback --\ncategory: topup_failed\n…\nref: hf_…"
 */
export function composeReport(
  text: string,
  input: Omit<TicketInput, 'subject' | 'description' | 'attachments'>,
  idempotencyKey: string,
): string {
  const lines = [`category: ${input.category}`, `priority: ${input.priority}`, `locale: ${oneLine(input.locale)}`]
  for (const [k, v] of Object.entries(input.fields)) lines.push(`field.${oneLine(k)}: ${v === null ? '' : oneLine(v)}`)
  const tx = input.transaction
  if (tx) {
    for (const k of ['id', 'time', 'amount', 'currency', 'counterparty', 'status', 'kind'] as const) {
      if (tx[k] !== undefined) lines.push(`transaction.${k}: ${oneLine(tx[k])}`)
    }
    if (tx.method) lines.push(`transaction.method: ${oneLine(tx.method.brand)} ${oneLine(tx.method.last4)}`)
  }
  for (const [k, v] of Object.entries(input.diagnostics ?? {})) lines.push(`diagnostic.${oneLine(k)}: ${oneLine(v)}`)
  lines.push(`ref: ${refOf(idempotencyKey)}`)
  return `${text}\n\n${BLOCK_MARK}\n${lines.join('\n')}`
}

/** Parses what {@link composeReport} wrote; text without a block comes back as `{ text, fields: {} }`. */
export function parseReport(content: string): ParsedReport {
  const normalized = content.replace(/\r\n/g, '\n')
  const at = normalized.lastIndexOf(`\n${BLOCK_MARK}\n`)
  if (at < 0) return { text: normalized.trim(), fields: {} }
  const out: ParsedReport = { text: normalized.slice(0, at).trim(), fields: {} }
  const tx: Record<string, string> = {}
  for (const line of normalized.slice(at + BLOCK_MARK.length + 2).split('\n')) {
    const colon = line.indexOf(': ')
    const key = colon < 0 ? line.replace(/:$/, '') : line.slice(0, colon)
    const value = colon < 0 ? '' : line.slice(colon + 2)
    if (key === 'category' && CATEGORIES.has(value)) out.category = value as ReportCategory
    else if (key === 'priority' && PRIORITIES.has(value)) out.priority = value as Priority
    else if (key === 'locale' && value) out.locale = value
    else if (key === 'ref' && value.startsWith(REF_PREFIX)) out.ref = value.slice(REF_PREFIX.length)
    else if (key.startsWith('field.')) out.fields[key.slice(6)] = value
    else if (key.startsWith('transaction.')) tx[key.slice(12)] = value
  }
  if (tx.id && tx.time && tx.amount && tx.currency) {
    const t: TransactionRef = { id: tx.id, time: tx.time, amount: tx.amount, currency: tx.currency }
    if (tx.counterparty) t.counterparty = tx.counterparty
    if (tx.status && TX_STATUS.has(tx.status)) t.status = tx.status as NonNullable<TransactionRef['status']>
    if (tx.kind) t.kind = tx.kind
    const m = /^(.+) (\d{4})$/.exec(tx.method ?? '')
    if (m) t.method = { brand: m[1] as string, last4: m[2] as string }
    out.transaction = t
  }
  return out
}

/**
 * A validator for a vendor shape: the data, or MalformedResponseError naming the paths. Like
 * schemas.ts's `parser`, without importing the protocol's schemas into vendor bundles.
 */
export function vendorParser<T>(schema: z.Schema<T>, what: string): (data: unknown) => T {
  return (data) => {
    const result = z.safeParse(schema, data)
    if (result.success) return result.data
    const issues = result.error.issues
      .slice(0, 10)
      .map((i) => `${what}: ${i.path.map(String).join('.') || '(root)'}: ${i.message}`)
    throw new MalformedResponseError(issues, { cause: result.error })
  }
}

/** Unix seconds or an ISO string to ISO-8601. */
export function isoTime(value: number | string): string {
  return typeof value === 'number' ? new Date(value * 1000).toISOString() : new Date(value).toISOString()
}
