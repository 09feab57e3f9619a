import type { Article, ChatEvent } from '../../../src/types.js'
import type { ConversationRow, MessageRow, TicketRow, CommentRow, HistoryRow } from '../model.js'
import type { RateLimiter } from '../rateLimit.js'

/*
 * The persistence seam: every query a route makes, as one async method each. Two implementations:
 * SQLite (embedded, the default: store/sqlite*.ts) and Postgres (DATABASE_URL: store/pg*.ts).
 * Handlers only ever see a `Repo` handed to them by `Store.tx`, so a request's writes and the
 * events announcing them commit together or not at all.
 */

/** Who sees an event: the owning user's streams, agent streams, or both. */
export type Audience = 'user' | 'agent' | 'both'

export interface ArticleRow {
  id: string
  locale: string
  title: string
  body: string
  tags: string
  category: string | null
  updated_at: string
  popularity: number
}
export interface AttachmentMeta {
  id: string
  user_id: string
  name: string
  type: string
  size: number
  attached: number
}
export interface AttachmentRow extends AttachmentMeta {
  data: Buffer
}
export interface IdemRow {
  fingerprint: string
  status: number
  body: string
}
export interface EventRow {
  id: number
  user_id: string
  audience: Audience
  data: string
}
export interface NewTicket {
  id: string
  userId: string
  priority: string
  category: string
  subject: string
  description: string
  fields: string
  txn: string | null
  attachments: string
  locale: string
  diagnostics: string | null
  now: string
}
export interface ListQuery {
  status: string | null
  category: string | null
  limit: number
  offset: number
}
/** `Store.createTicketOnce`: a ticket filed with its idempotency record, quota check and event. */
export interface TicketOnce {
  idem: { scope: string; key: string; fingerprint: string; at: number }
  ticket: NewTicket
  quota: { since: string; max: number } | undefined
  /**
   * The ticket's JSON (the response, the idempotency record, the event's `ticket`) cut around its
   * `reference` value, which depends on the row number: `head` ends with `"reference":"`.
   */
  head: string
  tail: string
}
export type TicketOnceOutcome =
  /** The key was used before: nothing was written. */
  | { outcome: 'stored'; row: IdemRow }
  /** Over the quota: nothing was written; `limitedBy` is the oldest ticket in the window. */
  | { outcome: 'limited'; limitedBy: string }
  | { outcome: 'created'; n: number; text: string }
/** `Store.sendMessageOnce`: a user's message filed with its idempotency record and event. */
export interface MessageOnce {
  idem: { scope: string; key: string; fingerprint: string; at: number }
  userId: string
  message: Omit<MessageRow, 'seq'>
  /** The message's JSON cut around its `seq` value: `head` ends with `"seq":`. */
  head: string
  tail: string
}
export type MessageOnceOutcome =
  | { outcome: 'stored'; row: IdemRow }
  /** No such conversation of this user, or it has ended: nothing was written. */
  | { outcome: 'not_found' }
  | { outcome: 'ended' }
  | { outcome: 'created'; seq: number; text: string }
/** An event recorded in a transaction, delivered to streams once it committed. */
export interface StoredEvent {
  id: number
  userId: string
  audience: Audience
  data: string
}

export interface Repo {
  // users
  upsertUser(
    id: string,
    name: string | null,
    email: string | null,
    attributes: string | null,
    now: string,
  ): Promise<void>
  insertUserIfMissing(id: string, name: string, email: string, now: string): Promise<void>
  user(id: string): Promise<{ name: string | null; email: string | null } | undefined>
  // articles
  articleLocales(): Promise<string[]>
  articlesIn(locale: string): Promise<ArticleRow[]>
  article(id: string, locale: string): Promise<ArticleRow | undefined>
  anyArticle(id: string): Promise<ArticleRow | undefined>
  /** False when no such article. */
  voteArticle(id: string, helpful: boolean): Promise<boolean>
  upsertArticles(articles: Article[], now: string): Promise<void>
  // tickets
  /**
   * Files a ticket (status `new`, its first history entry) unless `quota` is given and the user
   * already filed `quota.max` tickets since `quota.since`: then nothing is written and
   * `limitedBy` is the oldest of those (when it ages out, one more is allowed). The quota is
   * checked under the user's lock (`lockUser`), so instances cannot both pass it. One round trip
   * on Postgres.
   */
  createTicket(
    t: NewTicket,
    quota: { since: string; max: number } | undefined,
  ): Promise<{ row: TicketRow; limitedBy?: undefined } | { row?: undefined; limitedBy: string }>
  ticket(id: string): Promise<TicketRow | undefined>
  ticketsOf(userId: string): Promise<TicketRow[]>
  /** created_at of the user's newest `max` tickets created at or after `since`, newest first. */
  recentTicketTimes(userId: string, since: string, max: number): Promise<string[]>
  comments(ticketId: string): Promise<CommentRow[]>
  history(ticketId: string): Promise<HistoryRow[]>
  insertHistory(ticketId: string, status: string, note: string | null, at: string): Promise<void>
  setTicketStatus(id: string, status: string, at: string): Promise<void>
  touchTicket(id: string, at: string): Promise<void>
  insertComment(row: CommentRow): Promise<void>
  escalateTicket(id: string, priority: string): Promise<void>
  rateTicket(id: string, score: number, comment: string | null): Promise<void>
  agentTickets(q: ListQuery): Promise<TicketRow[]>
  // conversations and messages
  openConversations(userId: string, limit: number): Promise<ConversationRow[]>
  insertConversation(id: string, userId: string, locale: string, now: string): Promise<void>
  conversation(id: string): Promise<ConversationRow | undefined>
  conversationsOf(userId: string): Promise<ConversationRow[]>
  /** Queued conversations with `n` at or before this one (its 1-based place). */
  queuedUpTo(n: number): Promise<number>
  queuedAfter(n: number, limit: number): Promise<ConversationRow[]>
  queueLength(): Promise<number>
  /**
   * Takes the conversation's next `seq`. Holds the conversation row until commit (Postgres), so
   * concurrent sends get consecutive numbers in commit order: no gaps, no reordering.
   */
  nextSeq(conversationId: string, now: string): Promise<number>
  insertMessage(row: MessageRow): Promise<void>
  /** `nextSeq` and `insertMessage` together (one statement on Postgres); returns the seq given. */
  insertNextMessage(row: Omit<MessageRow, 'seq'>): Promise<number>
  endConversation(id: string, now: string): Promise<void>
  messagesAfter(conversationId: string, since: number, limit: number): Promise<MessageRow[]>
  lastMessage(conversationId: string): Promise<MessageRow | undefined>
  setReadSeq(id: string, by: 'user' | 'agent', upTo: number): Promise<void>
  /**
   * The conversation, locked until commit (Postgres `FOR UPDATE`): decisions taken on it (who
   * joins, whether it ended) cannot race another instance's transaction doing the same.
   */
  lockConversation(id: string): Promise<ConversationRow | undefined>
  assignAgent(id: string, agentId: string, agentName: string, now: string): Promise<void>
  rateConversation(id: string, score: number, comment: string | null): Promise<void>
  agentConversations(q: ListQuery): Promise<ConversationRow[]>
  // attachments
  insertAttachment(a: {
    id: string
    userId: string
    name: string
    type: string
    size: number
    sha256: string
    data: Buffer
    now: string
  }): Promise<void>
  attachmentMeta(id: string): Promise<AttachmentMeta | undefined>
  attachment(id: string): Promise<AttachmentRow | undefined>
  setAttached(id: string, attached: number, dropData: boolean): Promise<void>
  uploadUsage(userId: string, since: string): Promise<{ bytes: number; oldest: string | null }>
  /** Deletes unattached uploads created before `cut` and forwarded ones before `forwardedCut`. */
  sweepAttachments(cut: string, forwardedCut: string, forwarded: number): Promise<number>
  /** Serialises quota checks of one user across instances until commit (no-op where writes are serial anyway). */
  lockUser(userId: string): Promise<void>
  // idempotency
  /** Claims (scope, key) for this transaction; returns the stored row instead when it exists. */
  claimIdem(scope: string, key: string, fingerprint: string, now: number): Promise<IdemRow | undefined>
  finishIdem(scope: string, key: string, status: number, body: string): Promise<void>
  releaseIdem(scope: string, key: string): Promise<void>
  pruneIdem(before: number): Promise<void>
  // events
  /** Records an event in this transaction; streams get it after commit. `data`: `event` already serialised. */
  emit(userId: string, audience: Audience, event: ChatEvent, data?: string): Promise<void>
  // Freshdesk proxy tables
  fdSidecar(fdId: number): Promise<string | undefined>
  fdSaveSidecar(fdId: number, userId: string, data: string, now: number): Promise<void>
  fdRecentTimes(userId: string, since: number, max: number): Promise<number[]>
  fdContact(userId: string): Promise<number | undefined>
  fdSaveContact(userId: string, contactId: number): Promise<void>
  idem(scope: string, key: string): Promise<IdemRow | undefined>
  putIdem(scope: string, key: string, fingerprint: string, status: number, body: string, now: number): Promise<void>
}

/** Token-bucket counters (rate limits, failed sign-ins); shared by every instance on Postgres. */
export interface Counters {
  /** Takes one token; 0 when allowed, else milliseconds until one is available. */
  take(bucket: string, key: string, perMinute: number, burst: number): Promise<number>
  /** Like `take` without spending. */
  peek(bucket: string, key: string, perMinute: number, burst: number): Promise<number>
  /**
   * `peek` of one bucket, then `take` of another only if the first had a token: the sign-in
   * check and the request limit of a signed-in call in one step (one statement on Postgres).
   * `blocked`: the peek's wait (nothing taken when > 0); `wait`: the take's.
   */
  peekThenTake(peek: BucketRef, take: BucketRef): Promise<{ blocked: number; wait: number }>
  /**
   * The bucket itself where it lives in this process (SQLite's memory counters), so a limiter can
   * take and peek without a promise; absent where the counters are shared (Postgres) and every
   * take must be awaited. The same bucket `take` and `peek` use for these arguments.
   */
  local?(bucket: string, perMinute: number, burst: number): RateLimiter
}

/** One token bucket of `Counters`. */
export interface BucketRef {
  bucket: string
  key: string
  perMinute: number
  burst: number
}

export interface Store {
  readonly kind: 'sqlite' | 'postgres'
  /** Writes answer 503 read_only (SQLite file that cannot be written). */
  readonly readOnly: boolean
  /** Runs `fn` in one transaction; its events reach streams (of every instance) after commit. */
  tx<T>(fn: (repo: Repo) => Promise<T>): Promise<T>
  /**
   * POST /v1/tickets without attachments in one call: claims the key, checks the quota under the
   * user's lock, files the ticket, its history entry and its event, stores the response. Same
   * outcomes as the handler in a `tx`. Postgres: one SQL function (one round trip); SQLite: one
   * synchronous step of the group commit (no repository and no promise per statement).
   */
  createTicketOnce?(t: TicketOnce): Promise<TicketOnceOutcome>
  /** A user's message without attachments in one statement, likewise (Postgres: `hf_send_message`). */
  sendMessageOnce?(m: MessageOnce): Promise<MessageOnceOutcome>
  counters: Counters
  /** Event replay for a resuming stream: ids in (after, upTo], in id order. */
  eventsAfter(after: number, upTo: number, userId: string | undefined, kind: 'user' | 'agent'): Promise<EventRow[]>
  /**
   * Highest event id handed to `onEvents` listeners. Every event with an id at or below it that
   * will ever commit has committed (no transaction still holding a lower id), so a stream may
   * resume from the table up to here and go on with live events above it: nothing skipped.
   */
  deliveredUpTo(): number
  /** Latest event id, and the id up to which events were pruned (resume below it is a resync). */
  eventWindow(): Promise<{ latest: number; prunedUpTo: number }>
  pruneEvents(keep: number): Promise<void>
  /** Called with committed events, in id order, from this instance and (Postgres) every other one. */
  onEvents(listener: (events: StoredEvent[]) => void): void
  /**
   * Agent presence: this instance holds `streams` open agent streams. On Postgres a row per
   * instance, kept alive by calling again within `ttlMs` (a crashed instance drops out after it).
   */
  setAgentStreams(streams: number, ttlMs: number): Promise<void>
  /** Open agent streams on every live instance: what availability reports as agents online. */
  agentsOnline(): Promise<number>
  close(): Promise<void>
}
