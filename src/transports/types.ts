import type {
  Article,
  ArticleHit,
  AttachmentRef,
  Availability,
  ChatEvent,
  Comment,
  CommentInput,
  Conversation,
  ConversationInput,
  Cursor,
  Message,
  MessageInput,
  MessagePage,
  RatingTarget,
  Session,
  Ticket,
  TicketDetail,
  TicketInput,
  TicketSummary,
  UserIdentity,
} from '../types.js'

/** What a backend can do. The UI hides what is missing and falls back (no chat → leave a message). */
export interface TransportCapabilities {
  articles: boolean
  articleSearch: boolean
  tickets: boolean
  chat: boolean
  realtime: boolean
  queuePosition: boolean
  typing: boolean
  readReceipts: boolean
  attachments: boolean
  csat: boolean
  /** Server honours Idempotency-Key on creates; without it the outbox re-lists and matches. */
  idempotency: boolean
}

export interface WriteOptions {
  idempotencyKey: string
  signal?: AbortSignal
  /**
   * Optional, for `uploadAttachment`: called with bytes sent and the body's size as the upload
   * goes out. Transports that cannot tell simply never call it.
   */
  onUploadProgress?: (loaded: number, total: number) => void
}

/**
 * The seam between the core and a ticket backend. A transport is the only code that knows a
 * wire format; it validates every response and throws the core's typed errors
 * (OfflineError, TimeoutError, RateLimitedError, RejectedError, UnauthorizedError,
 * MalformedResponseError...). Optional methods exist when the matching capability is true.
 */
export interface Transport {
  readonly name: string
  readonly capabilities: TransportCapabilities
  identify(user: UserIdentity, signal?: AbortSignal): Promise<Session>
  listArticles?(query: { locale: string }): Promise<Article[]>
  getArticle?(id: string, locale: string): Promise<Article>
  searchArticles?(q: string, opts: { locale: string; limit: number }): Promise<ArticleHit[]>
  voteArticle?(id: string, helpful: boolean, opts: WriteOptions): Promise<void>
  createTicket(input: TicketInput, opts: WriteOptions): Promise<Ticket>
  listTickets?(signal?: AbortSignal): Promise<TicketSummary[]>
  getTicket?(id: string, signal?: AbortSignal): Promise<TicketDetail>
  addComment?(ticketId: string, comment: CommentInput, opts: WriteOptions): Promise<Comment>
  escalateTicket?(ticketId: string, reason: string, opts: WriteOptions): Promise<Ticket>
  uploadAttachment?(file: Blob, meta: { name: string; type: string }, opts: WriteOptions): Promise<AttachmentRef>
  availability?(signal?: AbortSignal): Promise<Availability>
  /** Contacts known to impersonate the operator (numbers, addresses, accounts), for the checker. */
  knownScams?(signal?: AbortSignal): Promise<string[]>
  startConversation?(input: ConversationInput, opts: WriteOptions): Promise<Conversation>
  getConversation?(conversationId: string): Promise<Conversation>
  /** The user's conversations, newest first (ongoing and ended), for the conversation list. */
  listConversations?(signal?: AbortSignal): Promise<Conversation[]>
  sendMessage?(conversationId: string, msg: MessageInput, opts: WriteOptions): Promise<Message>
  listMessages?(conversationId: string, since?: Cursor): Promise<MessagePage>
  setTyping?(conversationId: string, on: boolean): Promise<void>
  markRead?(conversationId: string, upToSeq: number): Promise<void>
  endConversation?(conversationId: string): Promise<Conversation>
  /** Realtime events for the user (all their conversations and tickets). Returns unsubscribe. */
  subscribe?(onEvent: (e: ChatEvent) => void): () => void
  rate?(target: RatingTarget, score: number, comment: string | undefined, opts: WriteOptions): Promise<void>
  /** Forget the signed-in user: drop the session and close their event stream. */
  signOut?(): void
  /**
   * Calls `listener` with the user and their session each time the transport signs its user in,
   * also by itself (a request that found no session, or a stale one): after a failed sign-in,
   * the client's session status follows. Returns unsubscribe.
   */
  onSignIn?(listener: (user: UserIdentity, session: Session) => void): () => void
  /** Release sockets, timers and listeners. */
  dispose?(): void
}

/**
 * Implemented by transports for backends without idempotency (`capabilities.idempotency ===
 * false`): finds what an earlier, unconfirmed attempt of a write created, or undefined when it
 * never landed. Tickets are matched by the nonce the transport stamped into them (derived from
 * the idempotency key); comments and messages by their text among the user's latest ones. The
 * outbox's `reconcile` calls it before re-sending (see {@link canFindWrites}).
 */
export interface WriteFinder {
  findWrite(
    lookup: WriteLookup,
    idempotencyKey: string,
    signal?: AbortSignal,
  ): Promise<Ticket | Comment | Message | undefined>
}

/** True when the transport can reconcile a retried write through {@link WriteFinder.findWrite}. */
export function canFindWrites(t: Transport): t is Transport & WriteFinder {
  return typeof (t as Partial<WriteFinder>).findWrite === 'function'
}

/**
 * What {@link WriteFinder.findWrite} looks for. `since` (epoch ms, e.g. the outbox job's
 * createdAt): older writes with the same text are the user's earlier, separate ones.
 */
export type WriteLookup =
  | { kind: 'ticket' }
  | { kind: 'comment'; ticketId: string; body: string; since?: number }
  | {
      kind: 'message'
      conversationId: string
      text: string
      since?: number
      /**
       * A part of a long message (its parts go out in order, each once the one before landed):
       * the oldest write newer than the message `after` names (the part before it), or, for the
       * first part (`null`), the oldest since `since`. Parts can repeat a text, or the text of a
       * message the user sent just before; without `after`, the newest write is taken.
       */
      after?: string | null
    }

/** Capabilities with everything off; transports spread their own on top. */
export const noCapabilities: TransportCapabilities = {
  articles: false,
  articleSearch: false,
  tickets: false,
  chat: false,
  realtime: false,
  queuePosition: false,
  typing: false,
  readReceipts: false,
  attachments: false,
  csat: false,
  idempotency: false,
}

/** Capabilities with everything on (the memory transport); the REST transport turns off what its protocol lacks. */
export const allCapabilities: TransportCapabilities = {
  articles: true,
  articleSearch: true,
  tickets: true,
  chat: true,
  realtime: true,
  queuePosition: true,
  typing: true,
  readReceipts: true,
  attachments: true,
  csat: true,
  idempotency: true,
}
