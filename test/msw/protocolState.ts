import type {
  Article,
  AttachmentRef,
  ChatEvent,
  Conversation,
  Message,
  Ticket,
  TicketDetail,
  TicketStatus,
} from '../../src/types.js'
import { ticketSummary } from '../../src/transports/memoryState.js'

/**
 * An in-memory backend that speaks docs/protocol.md, for msw handlers. Independent of
 * src/transports/memory on purpose: the REST transport is tested against the protocol, not
 * against another SDK module.
 */

export type StoredTicket = TicketDetail & { userId: string }
export type StoredConversation = Conversation & { userId: string }
export type StoredAttachment = AttachmentRef & { userId: string; bytes: Uint8Array }

export interface StreamClient {
  userId: string
  send(id: number, event: ChatEvent): void
  close(): void
}

export interface ProtocolStateOptions {
  articles?: Article[]
  now?: () => Date
  /** Session lifetime. Default 15 minutes. */
  sessionTtlMs?: number
}

export class ProtocolState {
  readonly articles: Article[]
  readonly sessions = new Map<string, { userId: string; name?: string; expiresAt: number }>()
  readonly tickets = new Map<string, StoredTicket>()
  readonly conversations = new Map<string, StoredConversation>()
  readonly messages = new Map<string, Message[]>()
  readonly attachments = new Map<string, StoredAttachment>()
  readonly idempotency = new Map<string, { fingerprint: string; status: number; body: unknown }>()
  readonly events: Array<{ id: number; userId: string; event: ChatEvent }> = []
  readonly streams = new Set<StreamClient>()
  readonly votes = new Map<string, boolean>()
  /** How many times identify was called: lets tests see a token refresh happen. */
  identifyCount = 0
  private counter = 0
  private eventId = 0
  private readonly now: () => Date
  private readonly ttl: number

  constructor(options: ProtocolStateOptions = {}) {
    this.articles = options.articles ?? []
    this.now = options.now ?? (() => new Date())
    this.ttl = options.sessionTtlMs ?? 15 * 60_000
  }

  iso(): string {
    return this.now().toISOString()
  }
  id(prefix: string): string {
    return `${prefix}_${(++this.counter).toString(36)}`
  }

  openSession(userId: string, name?: string): { userId: string; token: string; expiresAt: string } {
    this.identifyCount++
    const token = `sess_${crypto.randomUUID()}`
    const expiresAt = this.now().getTime() + this.ttl
    this.sessions.set(token, { userId, expiresAt, ...(name === undefined ? {} : { name }) })
    return { userId, token, expiresAt: new Date(expiresAt).toISOString() }
  }
  /** Makes every current bearer invalid, as if they all expired. */
  expireSessions(): void {
    this.sessions.clear()
  }
  userOf(authorization: string | null): { userId: string; name?: string } | undefined {
    const token = authorization?.match(/^Bearer (.+)$/)?.[1]
    const s = token ? this.sessions.get(token) : undefined
    return s && s.expiresAt > this.now().getTime() ? s : undefined
  }

  /** Records the event (for Last-Event-ID replay) and pushes it to the owner's open streams. */
  publish(userId: string, event: ChatEvent): void {
    const id = ++this.eventId
    this.events.push({ id, userId, event: structuredClone(event) })
    for (const s of this.streams) if (s.userId === userId) s.send(id, event)
  }
  /** Cuts every open stream, like a proxy or a flaky network would. */
  dropStreams(): void {
    for (const s of [...this.streams]) s.close()
    this.streams.clear()
  }

  summary(t: StoredTicket): Ticket {
    return ticketSummary(t)
  }
  detail(t: StoredTicket): TicketDetail {
    const { userId: _u, ...rest } = t
    return structuredClone(rest)
  }
  conversation(c: StoredConversation): Conversation {
    const { userId: _u, ...rest } = c
    if (rest.status === 'queued') {
      const queued = [...this.conversations.values()].filter((x) => x.status === 'queued')
      rest.queuePosition = queued.findIndex((x) => x.id === c.id) + 1
    }
    return structuredClone(rest)
  }
  attachmentRef(a: StoredAttachment): AttachmentRef {
    return { id: a.id, name: a.name, type: a.type, size: a.size, ...(a.url ? { url: a.url } : {}) }
  }

  setStatus(t: StoredTicket, status: TicketStatus, note?: string): void {
    t.status = status
    t.updatedAt = this.iso()
    t.history.push({ status, at: t.updatedAt, ...(note === undefined ? {} : { note }) })
    this.publish(t.userId, { type: 'ticket', ticket: this.summary(t) })
  }
  pushMessage(c: StoredConversation, m: Omit<Message, 'id' | 'conversationId' | 'seq' | 'createdAt'>): Message {
    const list = this.messages.get(c.id) ?? []
    this.messages.set(c.id, list)
    const message: Message = {
      ...m,
      id: this.id('msg'),
      conversationId: c.id,
      seq: list.length + 1,
      createdAt: this.iso(),
    }
    list.push(message)
    this.publish(c.userId, { type: 'message', message })
    return structuredClone(message)
  }

  /** The agent side: replying takes a queued conversation. */
  agentReply(conversationId: string, text: string, agentName = 'Support'): Message {
    const c = this.conversations.get(conversationId)
    if (!c) throw new Error(`no conversation ${conversationId}`)
    if (c.status === 'queued') {
      c.status = 'active'
      c.agent = { id: 'agent_1', name: agentName }
      delete c.queuePosition
      this.publish(c.userId, { type: 'conversation', conversation: this.conversation(c) })
    }
    return this.pushMessage(c, { author: 'agent', authorName: agentName, kind: 'text', text, attachments: [] })
  }
  agentSetStatus(ticketId: string, status: TicketStatus, note?: string): Ticket {
    const t = this.tickets.get(ticketId)
    if (!t) throw new Error(`no ticket ${ticketId}`)
    this.setStatus(t, status, note)
    return this.summary(t)
  }
}

/** Key-order-insensitive JSON, as the protocol's idempotency fingerprint requires. */
export { stableStringify as canonicalJson } from '../../src/stableStringify.js'
