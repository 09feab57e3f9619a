import * as z from './wire.js'
import { MalformedResponseError } from '../errors/RequestErrors.js'
import { REPORT_CATEGORIES } from '../reports/categoryIds.js'
import type {
  Article,
  AttachmentRef,
  Availability,
  ChatEvent,
  Comment,
  Conversation,
  Message,
  MessagePage,
  Session,
  Ticket,
  TicketDetail,
} from '../types.js'

/*
 * Wire shapes of the help-feedback REST protocol (docs/protocol.md), built with wire.ts (zod/mini's
 * API for the subset used here, at a fraction of its bytes). They mirror src/types.ts:
 * optional properties are omitted, never null, hence exactOptional. Unknown properties are
 * stripped so newer servers do not break older clients.
 */

const opt = z.exactOptional
const str = z.string()
const num = z.number()

const ticketStatus = z.enum(['new', 'open', 'pending', 'on_hold', 'solved', 'closed'])
const priority = z.enum(['low', 'normal', 'high', 'urgent'])
const category = z.enum(REPORT_CATEGORIES)
const author = z.enum(['user', 'agent', 'system'])
const fieldValue = z.union([z.string(), z.number(), z.boolean(), z.null()])

/** http(s) or blob: and nothing else, with no control character or space anywhere. */
// eslint-disable-next-line no-control-regex -- control characters and spaces are refused
const plainFileUrl = /^(?:https?:\/\/|blob:)[^\u0000-\u0020\u007f-\u009f]+$/i
const attachmentShape = z.object({ id: str, name: str, type: str, size: num, url: opt(str) })
/**
 * A file's `url` is a link the panel opens and an image it shows: one that is not plainly
 * http(s) or blob: (`javascript:`, `data:`…, from a broken or hostile backend) is dropped, and
 * the file is listed by name only. The rest of the answer is kept. This is the strict prefix
 * test only (no control characters or spaces anywhere); the list checks each link again with
 * `checkFileUrl` (src/markdown/url.ts: a real URL parse, a host) when it renders, which keeps that
 * module out of the transport chunk.
 */
export const attachmentRefSchema: z.Schema<z.infer<typeof attachmentShape>> = {
  check: (v, path, issues) => {
    const ref = attachmentShape.check(v, path, issues)
    if (ref?.url === undefined) return ref
    const { url, ...rest } = ref
    return plainFileUrl.test(url) ? { ...rest, url } : rest
  },
}

const transactionRef = z.object({
  id: str,
  time: str,
  amount: str,
  currency: str,
  counterparty: opt(str),
  status: opt(z.enum(['pending', 'succeeded', 'failed', 'refunded', 'reversed'])),
  method: opt(z.object({ brand: str, last4: str })),
  kind: opt(str),
})

export const sessionSchema = z.object({ userId: str, token: opt(str), expiresAt: opt(str) })

export const articleSchema = z.object({
  id: str,
  locale: str,
  title: str,
  body: str,
  tags: z.array(str),
  category: opt(str),
  updatedAt: opt(str),
  popularity: opt(num),
})

export const ticketSchema = z.object({
  id: str,
  reference: str,
  status: ticketStatus,
  priority,
  category,
  subject: str,
  createdAt: str,
  updatedAt: str,
  expectedResponseHours: opt(num),
})

export const commentSchema = z.object({
  id: str,
  author,
  authorName: opt(str),
  body: str,
  createdAt: str,
  attachments: z.array(attachmentRefSchema),
})

export const ticketDetailSchema = z.extend(ticketSchema, {
  description: str,
  fields: z.record(z.string(), fieldValue),
  transaction: opt(transactionRef),
  attachments: z.array(attachmentRefSchema),
  comments: z.array(commentSchema),
  history: z.array(z.object({ status: ticketStatus, at: str, note: opt(str) })),
  rating: opt(z.object({ score: num, comment: opt(str) })),
  escalated: opt(z.boolean()),
})

export const availabilitySchema = z.object({
  agentsOnline: z.int(),
  queueLength: z.int(),
  open: z.boolean(),
  expectedWaitSeconds: opt(num),
  nextOpenAt: opt(str),
  hours: opt(
    z.object({
      timeZone: str,
      weekly: z.array(z.object({ day: z.int(), open: str, close: str })),
      holidays: opt(z.array(str)),
    }),
  ),
})

export const conversationSchema = z.object({
  id: str,
  reference: str,
  status: z.enum(['queued', 'active', 'ended']),
  queuePosition: opt(z.int()),
  agent: opt(z.object({ id: str, name: str, avatarUrl: opt(str) })),
  createdAt: str,
})

export const messageSchema = z.object({
  id: str,
  conversationId: str,
  clientId: opt(str),
  author,
  authorName: opt(str),
  kind: z.enum(['text', 'image', 'transaction', 'event']),
  text: str,
  attachments: z.array(attachmentRefSchema),
  transaction: opt(transactionRef),
  createdAt: str,
  seq: z.int(),
})

export const messagePageSchema = z.object({
  messages: z.array(messageSchema),
  cursor: z.nullable(str),
  hasMore: z.boolean(),
})

export const chatEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('message'), message: messageSchema }),
  z.object({ type: z.literal('typing'), conversationId: str, author: z.enum(['agent', 'user']), on: z.boolean() }),
  z.object({ type: z.literal('read'), conversationId: str, upToSeq: z.int(), by: z.enum(['agent', 'user']) }),
  z.object({ type: z.literal('conversation'), conversation: conversationSchema }),
  z.object({ type: z.literal('ticket'), ticket: ticketSchema }),
  z.object({ type: z.literal('resync') }),
])

/** Readable, bounded issue list: "messages.0.seq: Invalid input: expected int". */
export function describeIssues(error: { issues: z.Issue[] }): string[] {
  return error.issues.slice(0, 10).map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`)
}

/**
 * Builds a validator that returns the core type or throws MalformedResponseError. The type
 * parameter makes the compiler prove the schema's output really is the core type.
 */
export function parser<T>(schema: z.Schema<T>, what: string): (data: unknown) => T {
  return (data) => {
    const result = z.safeParse(schema, data)
    if (result.success) return result.data
    throw new MalformedResponseError(
      describeIssues(result.error).map((i) => `${what}: ${i}`),
      { cause: result.error },
    )
  }
}

export const parseSession = parser<Session>(sessionSchema, 'Session')
export const parseArticle = parser<Article>(articleSchema, 'Article')
export const parseArticles = parser<Article[]>(z.array(articleSchema), 'Article[]')
export const parseTicket = parser<Ticket>(ticketSchema, 'Ticket')
export const parseTickets = parser<Ticket[]>(z.array(ticketSchema), 'Ticket[]')
export const parseTicketDetail = parser<TicketDetail>(ticketDetailSchema, 'TicketDetail')
export const parseComment = parser<Comment>(commentSchema, 'Comment')
export const parseAttachmentRef = parser<AttachmentRef>(attachmentRefSchema, 'AttachmentRef')
export const parseAvailability = parser<Availability>(availabilitySchema, 'Availability')
export const parseConversation = parser<Conversation>(conversationSchema, 'Conversation')
export const parseConversations = parser<Conversation[]>(z.array(conversationSchema), 'Conversation[]')
export const parseMessage = parser<Message>(messageSchema, 'Message')
export const parseMessagePage = parser<MessagePage>(messagePageSchema, 'MessagePage')
export const parseChatEvent = parser<ChatEvent>(chatEventSchema, 'ChatEvent')

/** For streams, where there is no caller to throw to: the event, or undefined when malformed. */
export function safeChatEvent(raw: unknown): ChatEvent | undefined {
  const result = z.safeParse(chatEventSchema, raw)
  return result.success ? result.data : undefined
}
