/**
 * The bridge wire protocol, version 1 (docs/bridge.md). Every message in both directions is
 * a JSON string of `{ v: 1, id, type, payload }`. Incoming messages are untrusted: the envelope
 * and each type's payload are checked with the SDK's wire schemas (transports/wire.ts), unknown keys are stripped, and
 * anything that does not fit is dropped before it reaches the SDK.
 */
import * as z from '../transports/wire.js'
import { VIEWS } from '../views.js'
import { REPORT_CATEGORIES } from '../reports/categoryIds.js'
import type { DropReason } from './types.js'
import { hasOwn } from '../hasOwn.js'

export const PROTOCOL_VERSION = 1

const opt = z.exactOptional
const text = (max: number) => z.refine(z.string(), (s) => s.length >= 1 && s.length <= max)
const match = (re: RegExp) => z.refine(z.string(), (s) => re.test(s))
const upTo = (max: number) => z.refine(z.string(), (s) => s.length <= max)
const id = text(64)

const views = z.enum(VIEWS)
const category = z.enum(REPORT_CATEGORIES)

const transaction = z.object({
  id: text(64),
  time: text(40),
  amount: match(/^\d{1,15}(?:\.\d{1,4})?$/),
  currency: match(/^[A-Z]{3}$/),
  counterparty: opt(text(100)),
  status: opt(z.enum(['pending', 'succeeded', 'failed', 'refunded', 'reversed'])),
  method: opt(z.object({ brand: text(40), last4: match(/^\d{4}$/) })),
  kind: opt(text(40)),
})

const user = z.object({
  id: text(128),
  name: opt(upTo(200)),
  email: opt(text(254)),
  token: opt(text(8192)),
  attributes: opt(z.record(upTo(64), z.union([upTo(500), z.number(), z.boolean()]))),
})

/** Parameters `open` may carry. Anything else is stripped, so the host cannot inject state. */
const openParams = z.object({
  transaction: opt(transaction),
  query: opt(text(200)),
  problem: opt(category),
  category: opt(category),
  reference: opt(match(/^[A-Za-z0-9][A-Za-z0-9_./:-]{0,63}$/)),
  id: opt(id),
  articleId: opt(id),
  ticketId: opt(id),
})

/** Payloads of messages the host sends to the SDK. */
export const hostMessages = {
  identify: user,
  tokenRefresh: z.object({ token: text(8192) }),
  open: z.object({ view: views, params: opt(openParams) }),
  close: z.object({}),
  prefillTransaction: z.object({ transaction, open: opt(z.boolean()) }),
  theme: z.object({ mode: z.enum(['light', 'dark', 'auto']) }),
  darkMode: z.object({ enabled: z.boolean() }),
  locale: z.object({ locale: match(/^(?:auto|[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8}){0,4})$/) }),
  reply: z.object({
    to: id,
    ok: z.boolean(),
    result: opt(z.unknown()),
    error: opt(z.enum(['cancelled', 'denied', 'unsupported', 'failed'])),
  }),
} as const

export type HostMessageType = keyof typeof hostMessages
export type HostPayload<T extends HostMessageType> = z.infer<(typeof hostMessages)[T]>
export type HostMessage = {
  [T in HostMessageType]: { v: 1; id: string; type: T; payload: HostPayload<T> }
}[HostMessageType]

/** The image a `pickImage` reply carries as `result`. */
export const pickedImage = z.object({
  name: text(200),
  type: z.enum(['image/png', 'image/jpeg', 'image/webp', 'image/gif', 'image/heic']),
  data: match(/^[A-Za-z0-9+/]*={0,2}$/),
})

/** Payloads of messages the SDK sends to the host (for the host's own validation and docs). */
export interface SdkPayloads {
  ready: { protocol: number; sdk: string; accepts: HostMessageType[] }
  openUrl: { url: string }
  action: { name: string; payload?: Record<string, unknown> }
  pickImage: { accept: string[]; maxBytes: number }
  close: Record<string, never>
  unreadCount: { count: number }
  reply: { to: string; ok: boolean; error?: string }
}
export type SdkMessageType = keyof SdkPayloads

const envelope = z.object({ v: z.literal(PROTOCOL_VERSION), id, type: text(40), payload: opt(z.unknown()) })

export type ParseResult = { ok: true; message: HostMessage } | { ok: false; reason: DropReason; messageType?: string }

/**
 * Check one incoming message (a JSON string, or an object from structured clone).
 * Never throws: a bad message becomes `{ ok: false, reason }`.
 */
export function parseHostMessage(data: unknown, maxChars: number): ParseResult {
  let value = data
  if (typeof data === 'string') {
    if (data.length > maxChars) return { ok: false, reason: 'too-large' }
    try {
      value = JSON.parse(data)
    } catch {
      return { ok: false, reason: 'parse' }
    }
  } else {
    // Structured-clone objects (parent frames) get the same size limit as strings.
    let size: number
    try {
      size = JSON.stringify(data)?.length ?? 0
    } catch {
      return { ok: false, reason: 'parse' }
    }
    if (size > maxChars) return { ok: false, reason: 'too-large' }
  }
  const env = z.safeParse(envelope, value)
  if (!env.success) return { ok: false, reason: 'envelope' }
  const { type } = env.data
  if (!hasOwn(hostMessages, type)) return { ok: false, reason: 'unknown-type', messageType: type.slice(0, 40) }
  const schema = hostMessages[type as HostMessageType]
  const payload = z.safeParse(schema as z.Schema<unknown>, env.data.payload ?? {})
  if (!payload.success) return { ok: false, reason: 'payload', messageType: type }
  return { ok: true, message: { v: 1, id: env.data.id, type, payload: payload.data } as HostMessage }
}

/** Serialize an SDK → host message. */
export function encodeMessage<T extends SdkMessageType>(id: string, type: T, payload: SdkPayloads[T]): string {
  return JSON.stringify({ v: PROTOCOL_VERSION, id, type, payload })
}
