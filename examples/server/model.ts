import { randomBytes } from 'node:crypto'
import type { NewTicket } from './store/types.js'
import type {
  AttachmentRef,
  Comment,
  Conversation,
  FieldValue,
  Message,
  Priority,
  ReportCategory,
  Ticket,
  TicketDetail,
  TicketStatus,
  TransactionRef,
  ConversationStatus,
  MessageKind,
  StatusChange,
} from '../../src/types.js'

/** Row shapes as stored (snake_case, JSON columns as text). */
export interface TicketRow {
  n: number
  id: string
  user_id: string
  status: TicketStatus
  priority: Priority
  category: ReportCategory
  subject: string
  description: string
  fields: string
  txn: string | null
  attachments: string
  locale: string
  diagnostics: string | null
  escalated: number
  rating_score: number | null
  rating_comment: string | null
  created_at: string
  updated_at: string
}
export interface CommentRow {
  id: string
  ticket_id: string
  author: Comment['author']
  author_name: string | null
  body: string
  attachments: string
  created_at: string
}
export interface HistoryRow {
  status: TicketStatus
  note: string | null
  at: string
}
export interface ConversationRow {
  n: number
  id: string
  user_id: string
  status: ConversationStatus
  locale: string
  agent_id: string | null
  agent_name: string | null
  last_seq: number
  user_read_seq: number
  agent_read_seq: number
  rating_score: number | null
  rating_comment: string | null
  created_at: string
  updated_at: string
}
export interface MessageRow {
  id: string
  conversation_id: string
  seq: number
  client_id: string | null
  author: Message['author']
  author_name: string | null
  kind: MessageKind
  text: string
  attachments: string
  txn: string | null
  created_at: string
}

/** Random bytes drawn 4 KiB at a time: one call into the CSPRNG per 455 ids instead of one each. */
const POOL = 4096
const RANDOM = 9
let pool = Buffer.alloc(0)
let at = POOL

let lastMs = 0
let lastStamp = ''

/**
 * The time in ms as 14 decimal digits: fixed width, so the text sorts as the number, and digits
 * only, so every collation sorts it the same way (a letter stamp did not: Danish collates "aa" as
 * å, after z, Czech "ch" after h, and either can be a Postgres database's default).
 */
function stamp(ms: number): string {
  if (ms === lastMs) return lastStamp
  lastMs = ms
  return (lastStamp = String(ms).padStart(14, '0'))
}

/**
 * Opaque id with a readable prefix (`tk_`, `cv_`, `msg_`…): the time in ms (14 digits that
 * sort in creation order, never going back within a process), then 72 bits from the CSPRNG. The
 * time first makes each new id land at the end of the indexes on it, so a batch of inserts
 * dirties the same few index pages instead of one page per id at a random place.
 */
export const newId = (prefix: string): string => {
  if (at + RANDOM > POOL) {
    // A fresh buffer each time: ids already made never share memory with bytes handed out later.
    pool = randomBytes(POOL)
    at = 0
  }
  at += RANDOM
  return `${prefix}_${stamp(Math.max(Date.now(), lastMs))}${pool.toString('base64url', at - RANDOM, at)}`
}
/**
 * `new Date(ms).toISOString()`, the same text, at a fraction of the cost on the request path:
 * V8 formats every field through a printf (about 7,000 instructions a call, two per ticket
 * create). The text up to the seconds comes from `toISOString` itself, once per second (the
 * last two seconds asked are kept: "now" and the quota's "an hour ago"); only the
 * milliseconds are added here.
 */
export function isoTime(ms: number): string {
  // Fractions, NaN and times out of range: toISOString itself (truncates, or throws its RangeError).
  if (!Number.isInteger(ms) || Math.abs(ms) > 8.64e15) return new Date(ms).toISOString()
  const second = Math.floor(ms / 1000)
  let head = isoSeconds.get(second)
  if (head === undefined) {
    head = new Date(second * 1000).toISOString().slice(0, -4)
    if (isoSeconds.size >= 2) isoSeconds.delete(isoSeconds.keys().next().value as number)
    isoSeconds.set(second, head)
  }
  const milli = ms - second * 1000
  return `${head}${milli < 10 ? '00' : milli < 100 ? '0' : ''}${milli}Z`
}
const isoSeconds = new Map<number, string>()

export const nowIso = (): string => isoTime(Date.now())

/** Human reference like `HF-000123` from the row number. */
export const reference = (prefix: string, n: number): string => `${prefix}-${String(n).padStart(6, '0')}`

/** Stored attachment refs carry no URL: it depends on the origin and is signed at output time. */
export type StoredRef = Omit<AttachmentRef, 'url'>
export type RefOut = (ref: StoredRef) => AttachmentRef

const parse = <T>(text: string | null): T | undefined => (text === null ? undefined : (JSON.parse(text) as T))

/** Hours an agent takes to answer a ticket of this priority (shown to the user). */
const responseHours = (priority: string): number => (priority === 'urgent' ? 1 : 24)

export function toTicket(r: TicketRow): Ticket {
  return {
    id: r.id,
    reference: reference('HF', r.n),
    status: r.status,
    priority: r.priority,
    category: r.category,
    subject: r.subject,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    expectedResponseHours: responseHours(r.priority),
  }
}

/**
 * `JSON.stringify(toTicket(row))` of a new ticket (status `new`) as the text before and after its
 * reference, which the row number decides once inserted: `head + reference + tail`. One template
 * instead of an object serialised key by key (test/unit/server/ticketJson.test.ts compares them).
 */
export function newTicketJson(t: NewTicket): { head: string; tail: string } {
  const s = JSON.stringify
  return {
    head: `{"id":${s(t.id)},"reference":"`,
    // ISO times never need an escape.
    tail: `","status":"new","priority":${s(t.priority)},"category":${s(t.category)},"subject":${s(t.subject)},"createdAt":"${t.now}","updatedAt":"${t.now}","expectedResponseHours":${responseHours(t.priority)}}`,
  }
}

/** `toTicket` of a new ticket once its number is known, without the row in between. */
export function newTicketOut(t: NewTicket, n: number): Ticket {
  return {
    id: t.id,
    reference: reference('HF', n),
    status: 'new',
    priority: t.priority as Priority,
    category: t.category as Ticket['category'],
    subject: t.subject,
    createdAt: t.now,
    updatedAt: t.now,
    expectedResponseHours: responseHours(t.priority),
  }
}

export function toComment(r: CommentRow, ref: RefOut): Comment {
  const c: Comment = {
    id: r.id,
    author: r.author,
    body: r.body,
    createdAt: r.created_at,
    attachments: (parse<StoredRef[]>(r.attachments) ?? []).map(ref),
  }
  if (r.author_name !== null) c.authorName = r.author_name
  return c
}

export function toDetail(r: TicketRow, comments: CommentRow[], history: HistoryRow[], ref: RefOut): TicketDetail {
  const d: TicketDetail = {
    ...toTicket(r),
    description: r.description,
    fields: parse<Record<string, FieldValue>>(r.fields) ?? {},
    attachments: (parse<StoredRef[]>(r.attachments) ?? []).map(ref),
    comments: comments.map((c) => toComment(c, ref)),
    history: history.map((h): StatusChange =>
      h.note === null ? { status: h.status, at: h.at } : { status: h.status, at: h.at, note: h.note },
    ),
  }
  const txn = parse<TransactionRef>(r.txn)
  if (txn) d.transaction = txn
  if (r.rating_score !== null)
    d.rating =
      r.rating_comment === null ? { score: r.rating_score } : { score: r.rating_score, comment: r.rating_comment }
  if (r.escalated) d.escalated = true
  return d
}

export function toConversation(r: ConversationRow, queuePosition: number | undefined): Conversation {
  const c: Conversation = { id: r.id, reference: reference('HC', r.n), status: r.status, createdAt: r.created_at }
  if (r.status === 'queued' && queuePosition !== undefined) c.queuePosition = queuePosition
  if (r.agent_id !== null) c.agent = { id: r.agent_id, name: r.agent_name ?? 'Support' }
  return c
}

export function toMessage(r: MessageRow, ref: RefOut): Message {
  const m: Message = {
    id: r.id,
    conversationId: r.conversation_id,
    author: r.author,
    kind: r.kind,
    text: r.text,
    attachments: (parse<StoredRef[]>(r.attachments) ?? []).map(ref),
    createdAt: r.created_at,
    seq: r.seq,
  }
  if (r.client_id !== null) m.clientId = r.client_id
  if (r.author_name !== null) m.authorName = r.author_name
  const txn = parse<TransactionRef>(r.txn)
  if (txn) m.transaction = txn
  return m
}

/** The row `createTicket` would store for `t` (before its number is known). */
export const ticketRowOf = (t: NewTicket): Omit<TicketRow, 'n'> => ({
  id: t.id,
  user_id: t.userId,
  status: 'new',
  priority: t.priority as Priority,
  category: t.category as TicketRow['category'],
  subject: t.subject,
  description: t.description,
  fields: t.fields,
  txn: t.txn,
  attachments: t.attachments,
  locale: t.locale,
  diagnostics: t.diagnostics,
  escalated: 0,
  rating_score: null,
  rating_comment: null,
  created_at: t.now,
  updated_at: t.now,
})
