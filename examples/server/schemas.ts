import { z } from 'zod'
import { REPORT_CATEGORIES } from '../../src/reports/categoryIds.js'
import { rejected } from './http.js'

/** Parses `data` or throws 400 `rejected` with `fields` = dotted path → message. */
export function validate<S extends z.ZodType>(schema: S, data: unknown): z.output<S> {
  const result = schema.safeParse(data)
  if (result.success) return result.data
  const fields: Record<string, string> = {}
  for (const issue of result.error.issues) {
    const path = issue.path.map(String).join('.') || '_'
    fields[path] ??= issue.message
  }
  throw rejected('invalid request', fields)
}

export const categories = REPORT_CATEGORIES
export const ticketStatuses = ['new', 'open', 'pending', 'on_hold', 'solved', 'closed'] as const
const priorities = ['low', 'normal', 'high', 'urgent'] as const

const fieldValue = z.union([z.string().max(2000), z.number().finite(), z.boolean(), z.null()])
const fieldMap = z
  .record(z.string().max(100), fieldValue)
  .refine((r) => Object.keys(r).length <= 50, 'at most 50 fields')

export const transactionSchema = z.object({
  id: z.string().min(1).max(200),
  time: z.string().min(1).max(64),
  amount: z.string().regex(/^-?\d{1,15}(\.\d{1,8})?$/, 'amount must be a decimal string'),
  currency: z.string().regex(/^[A-Z]{3}$/, 'currency must be an ISO-4217 code'),
  counterparty: z.string().max(200).optional(),
  status: z.enum(['pending', 'succeeded', 'failed', 'refunded', 'reversed']).optional(),
  method: z
    .object({ brand: z.string().min(1).max(50), last4: z.string().regex(/^\d{4}$/, 'last4 must be 4 digits') })
    .optional(),
  kind: z.string().max(50).optional(),
})

/** Clients send full refs; only the id matters, the server re-reads the rest from its own record. */
const attachmentRefs = z.array(z.object({ id: z.string().min(1).max(100) }).passthrough()).max(10)

/** Identify body: the signed JWT is what counts; `userId`, when sent, must match its `sub`. */
export const identifySchema = z
  .object({
    userId: z.string().min(1).max(128).optional(),
    token: z.string().min(1).max(8192),
  })
  .passthrough()

export const ticketSchema = z.object({
  category: z.enum(categories),
  subject: z.string().trim().min(1).max(200),
  description: z.string().max(10_000),
  fields: fieldMap,
  transaction: transactionSchema.optional(),
  attachments: attachmentRefs,
  priority: z.enum(priorities),
  locale: z.string().min(2).max(35),
  diagnostics: fieldMap.optional(),
})

export const commentSchema = z
  .object({ body: z.string().max(10_000), attachments: attachmentRefs })
  .refine((c) => c.body.trim().length > 0 || c.attachments.length > 0, { message: 'Required', path: ['body'] })

export const reasonSchema = z.object({ reason: z.string().max(2000).default('') })
export const ratingSchema = z.object({
  score: z.number().int().min(1).max(5),
  comment: z.string().max(2000).optional(),
})
export const voteSchema = z.object({ helpful: z.boolean() })
export const typingSchema = z.object({ on: z.boolean() })
export const readSchema = z.object({ upToSeq: z.number().int().min(0) })

export const conversationSchema = z.object({
  locale: z.string().min(2).max(35),
  text: z.string().max(5000).optional(),
  transaction: transactionSchema.optional(),
})

export const messageSchema = z
  .object({
    kind: z.enum(['text', 'image', 'transaction']),
    text: z.string().max(5000),
    attachments: attachmentRefs,
    transaction: transactionSchema.optional(),
  })
  .refine((m) => m.text.trim().length > 0 || m.attachments.length > 0 || m.transaction !== undefined, {
    message: 'Required',
    path: ['text'],
  })

export const agentMessageSchema = z.object({
  text: z.string().trim().min(1).max(5000),
  agentName: z.string().max(100).optional(),
})
export const agentCommentSchema = z.object({
  body: z.string().trim().min(1).max(10_000),
  agentName: z.string().max(100).optional(),
})
export const agentStatusSchema = z.object({ status: z.enum(ticketStatuses), note: z.string().max(2000).optional() })

type TicketInput = z.output<typeof ticketSchema>
type FieldMap = z.output<typeof fieldMap>
type Transaction = z.output<typeof transactionSchema>

const CATEGORIES = new Set<unknown>(categories)
const PRIORITIES = new Set<unknown>(priorities)
const TXN_STATUSES = new Set<unknown>(['pending', 'succeeded', 'failed', 'refunded', 'reversed'])
const AMOUNT = /^-?\d{1,15}(\.\d{1,8})?$/
const CURRENCY = /^[A-Z]{3}$/
const LAST4 = /^\d{4}$/

const isJsonObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype
const textUpTo = (v: unknown, min: number, max: number): v is string =>
  typeof v === 'string' && v.length >= min && v.length <= max

/** `fieldMap`'s output for a map of ordinary keys, or undefined. */
function plainFieldMap(v: unknown): FieldMap | undefined {
  if (!isJsonObject(v)) return undefined
  const keys = Object.keys(v)
  if (keys.length > 50) return undefined
  const out: FieldMap = {}
  for (const k of keys) {
    const x = v[k]
    if (k.length > 100 || k === '__proto__') return undefined
    if (typeof x === 'string' ? x.length > 2000 : !(x === null || typeof x === 'boolean' || Number.isFinite(x)))
      return undefined
    out[k] = x as FieldMap[string]
  }
  return out
}

/** `transactionSchema`'s output (its keys in the schema's order), or undefined. */
function plainTransaction(v: unknown): Transaction | undefined {
  if (!isJsonObject(v)) return undefined
  const { id, time, amount, currency, counterparty, status, method, kind } = v
  if (!textUpTo(id, 1, 200) || !textUpTo(time, 1, 64)) return undefined
  if (typeof amount !== 'string' || !AMOUNT.test(amount) || typeof currency !== 'string' || !CURRENCY.test(currency))
    return undefined
  const out: Transaction = { id, time, amount, currency }
  if (counterparty !== undefined) {
    if (!textUpTo(counterparty, 0, 200)) return undefined
    out.counterparty = counterparty
  }
  if (status !== undefined) {
    if (!TXN_STATUSES.has(status)) return undefined
    out.status = status as Transaction['status']
  }
  if (method !== undefined) {
    if (!isJsonObject(method)) return undefined
    const { brand, last4 } = method
    if (!textUpTo(brand, 1, 50) || typeof last4 !== 'string' || !LAST4.test(last4)) return undefined
    out.method = { brand, last4 }
  }
  if (kind !== undefined) {
    if (!textUpTo(kind, 0, 50)) return undefined
    out.kind = kind
  }
  return out
}

/**
 * `ticketSchema.safeParse(body).data` for the common valid body without attachments, checked by
 * hand (the same checks, the output built in the schema's key order, unknown keys dropped) at a
 * fraction of zod's cost; undefined for anything else (attachments, a `__proto__` key, an invalid
 * body…), which zod then parses and, if need be, explains.
 */
export function plainTicket(body: unknown): TicketInput | undefined {
  if (!isJsonObject(body)) return undefined
  const { category, subject, description, fields, transaction, attachments, priority, locale, diagnostics } = body
  if (!CATEGORIES.has(category) || !PRIORITIES.has(priority) || !textUpTo(locale, 2, 35)) return undefined
  // zod's min(2) counts code points: one astral character is two UTF-16 units but too short.
  if (locale.length == 2 && locale.codePointAt(0)! > 0xffff) return undefined
  if (typeof subject !== 'string' || !textUpTo(description, 0, 10_000)) return undefined
  const trimmed = subject.trim()
  if (trimmed.length < 1 || trimmed.length > 200) return undefined
  if (!Array.isArray(attachments) || attachments.length > 0) return undefined
  const fieldsOut = plainFieldMap(fields)
  const txn = transaction === undefined ? undefined : plainTransaction(transaction)
  const diag = diagnostics === undefined ? undefined : plainFieldMap(diagnostics)
  if (!fieldsOut || (transaction !== undefined && !txn) || (diagnostics !== undefined && !diag)) return undefined
  // Assigned in the schema's key order, as zod builds its output.
  const out = { category, subject: trimmed, description, fields: fieldsOut } as TicketInput
  if (txn) out.transaction = txn
  out.attachments = []
  out.priority = priority as TicketInput['priority']
  out.locale = locale
  if (diag) out.diagnostics = diag
  return out
}
