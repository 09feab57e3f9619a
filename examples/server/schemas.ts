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
