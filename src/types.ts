/**
 * Core domain types. They belong to the SDK, never to a backend: every transport maps its
 * wire format to these shapes (and validates it first).
 */

/** A locale tag the SDK ships a catalog for. */
export type { Locale } from './i18n/negotiate.js'

/** ISO-8601 timestamp string with offset, e.g. `2026-11-23T09:30:00+08:00`. */
export type IsoTime = string

/** The app user as the host knows them. `token` is a signed token minted by the host's backend. */
export interface UserIdentity {
  id: string
  name?: string
  email?: string
  /** Signed user token (e.g. HMAC of the id) from the host backend; never a password. */
  token?: string
  /** Host-defined attributes shown to agents (plan, app version...). Redacted before sending. */
  attributes?: Record<string, string | number | boolean>
}

/** What `identify` returns: who the backend thinks the user is. */
export interface Session {
  userId: string
  /** Bearer for later calls, when the backend issues one. */
  token?: string
  expiresAt?: IsoTime
}

/** A transaction as the host app knows it. Only brand + last 4 of a card ever appears here. */
export interface TransactionRef {
  id: string
  time: IsoTime
  /** Amount in major units as a decimal string, e.g. "128.50" (never a float). */
  amount: string
  /** ISO-4217 code, e.g. "CNY". */
  currency: string
  counterparty?: string
  status?: 'pending' | 'succeeded' | 'failed' | 'refunded' | 'reversed'
  method?: { brand: string; last4: string }
  /** Free-form kind the host uses: payment, transfer, top-up, withdrawal, refund... */
  kind?: string
}

export interface Article {
  id: string
  locale: string
  title: string
  /** Markdown source. The UI renders it through the sanitizing renderer. */
  body: string
  tags: string[]
  category?: string
  updatedAt?: IsoTime
  /** Higher = shown earlier among popular articles. */
  popularity?: number
  /**
   * Similar questions (相似问法): ways users ask for this article, e.g. from the search log.
   * Searched as a field of their own (weight 2), never shown; their words are terms of the saved index (`serializeIndex`), so keep
   * personal data out of them.
   */
  questions?: string[]
}

export interface ArticleHit {
  id: string
  title: string
  /** Plain text snippet; `highlights` are [start, end) offsets into it. */
  snippet: string
  highlights: Array<[number, number]>
  score: number
}

export type TicketStatus = 'new' | 'open' | 'pending' | 'on_hold' | 'solved' | 'closed'
export type Priority = 'low' | 'normal' | 'high' | 'urgent'

import type { ReportCategory } from './reports/categoryIds.js'

/** Transaction-problem categories (see src/reports/categoryIds.ts). */
export type { ReportCategory }

export type FieldValue = string | number | boolean | null

export interface AttachmentRef {
  id: string
  name: string
  type: string
  size: number
  url?: string
}

export interface TicketInput {
  category: ReportCategory
  subject: string
  description: string
  /** Category-specific fields, already masked by src/privacy. */
  fields: Record<string, FieldValue>
  transaction?: TransactionRef
  attachments: AttachmentRef[]
  priority: Priority
  locale: string
  /** Self-check results the user chose to attach. */
  diagnostics?: Record<string, FieldValue>
}

export interface StatusChange {
  status: TicketStatus
  at: IsoTime
  note?: string
}

export interface Ticket {
  id: string
  /** Human reference number shown to the user, e.g. "HF-2026-000123". */
  reference: string
  status: TicketStatus
  priority: Priority
  category: ReportCategory
  subject: string
  createdAt: IsoTime
  updatedAt: IsoTime
  /** Promised first response, in hours, when the backend knows it. */
  expectedResponseHours?: number
}

export type TicketSummary = Ticket

export interface Comment {
  id: string
  author: 'user' | 'agent' | 'system'
  authorName?: string
  body: string
  createdAt: IsoTime
  attachments: AttachmentRef[]
}

export interface CommentInput {
  body: string
  attachments: AttachmentRef[]
}

export interface TicketDetail extends Ticket {
  description: string
  fields: Record<string, FieldValue>
  transaction?: TransactionRef
  attachments: AttachmentRef[]
  comments: Comment[]
  history: StatusChange[]
  rating?: { score: number; comment?: string }
  escalated?: boolean
}

export interface BusinessHours {
  /** IANA zone of the operator, e.g. "Asia/Shanghai". */
  timeZone: string
  /** Weekly windows; day 0 = Sunday; times "HH:MM" in `timeZone`. */
  weekly: Array<{ day: number; open: string; close: string }>
  /** Closed dates "YYYY-MM-DD" in `timeZone`. */
  holidays?: string[]
}

export interface Availability {
  agentsOnline: number
  queueLength: number
  /** Whether chat is open right now (business hours and agents). */
  open: boolean
  expectedWaitSeconds?: number
  nextOpenAt?: IsoTime
  hours?: BusinessHours
}

export type ConversationStatus = 'queued' | 'active' | 'ended'

export interface Agent {
  id: string
  name: string
  avatarUrl?: string
}

export interface Conversation {
  id: string
  reference: string
  status: ConversationStatus
  queuePosition?: number
  agent?: Agent
  createdAt: IsoTime
}

export interface ConversationInput {
  locale: string
  /** First message, already masked. */
  text?: string
  transaction?: TransactionRef
}

export type MessageKind = 'text' | 'image' | 'transaction' | 'event'

export interface Message {
  id: string
  conversationId: string
  /** Client idempotency key that created it, echoed by the backend when it supports it. */
  clientId?: string
  author: 'user' | 'agent' | 'system'
  authorName?: string
  kind: MessageKind
  text: string
  attachments: AttachmentRef[]
  transaction?: TransactionRef
  createdAt: IsoTime
  /** Server ordering key (monotonic per conversation). */
  seq: number
}

export interface MessageInput {
  kind: MessageKind
  text: string
  attachments: AttachmentRef[]
  transaction?: TransactionRef
}

/** Opaque position in a conversation's message stream. */
export type Cursor = string

export interface MessagePage {
  messages: Message[]
  cursor: Cursor | null
  hasMore: boolean
}

export type ChatEvent =
  | { type: 'message'; message: Message }
  | { type: 'typing'; conversationId: string; author: 'agent' | 'user'; on: boolean }
  | { type: 'read'; conversationId: string; upToSeq: number; by: 'agent' | 'user' }
  | { type: 'conversation'; conversation: Conversation }
  | { type: 'ticket'; ticket: Ticket }
  /**
   * The stream (re)opened: it carries only what commits once it is live, so the consumer fetches
   * what it may have missed since its cursor. Sent on every open, the first one too.
   */
  | { type: 'resync' }

export type RatingTarget = { kind: 'ticket'; id: string } | { kind: 'conversation'; id: string }
