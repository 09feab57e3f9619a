import { NotFoundError, RejectedError } from '../errors/index.js'
import type { KeyValueStore } from '../storage/types.js'
import type { Agent, ChatEvent, Comment, Conversation, Message, Ticket, TicketStatus } from '../types.js'
import {
  createPersistence,
  emptyState,
  fingerprint,
  type MemConversation,
  type MemState,
  type MemTicket,
  type Persistence,
  ticketSummary,
} from './memoryState.js'

/** Lets tests and demos act as the support agent of a memory transport. */
export interface MemoryAgent {
  join(conversationId: string): Promise<Conversation>
  reply(conversationId: string, text: string): Promise<Message>
  typing(conversationId: string, on: boolean): void
  setTicketStatus(ticketId: string, status: TicketStatus, note?: string): Promise<Ticket>
  comment(ticketId: string, body: string): Promise<Comment>
}

export interface MemoryBackendOptions {
  store?: KeyValueStore
  agent?: { autoReply?: boolean; name?: string; joinDelayMs?: number; replyDelayMs?: number }
  now?: () => Date
}

// Simulated backend content (what a human agent would type), not SDK UI text.
const AGENT_TEXT = {
  greet: { en: 'Hi, I am here to help. Let me look at this.', zh: '您好，我来帮您处理，请稍候。' },
  ack: { en: 'Thanks, noted. Checking now.', zh: '收到，正在为您核实。' },
}

/**
 * The simulated server behind the memory transport: state, idempotency, events and the agent.
 * Kept apart from the Transport facade so each stays readable.
 */
export class MemoryBackend {
  state: MemState = emptyState()
  user: { id: string; name?: string } = { id: 'anonymous' }
  readonly listeners = new Set<(e: ChatEvent) => void>()
  readonly autoReply: boolean
  readonly agent: MemoryAgent
  readonly now: () => Date
  private readonly persistence: Persistence
  private readonly timers = new Set<ReturnType<typeof setTimeout>>()
  private readonly joinDelay: number
  private readonly replyDelay: number
  private readonly agentInfo: Agent
  private loading: Promise<void> | undefined

  constructor(options: MemoryBackendOptions) {
    this.now = options.now ?? (() => new Date())
    this.persistence = createPersistence(options.store)
    this.autoReply = options.agent?.autoReply ?? true
    this.joinDelay = options.agent?.joinDelayMs ?? 800
    this.replyDelay = options.agent?.replyDelayMs ?? 1200
    this.agentInfo = { id: 'agent-1', name: options.agent?.name ?? 'Lin' }
    this.agent = this.createAgent()
  }

  load(): Promise<void> {
    return (this.loading ??= this.persistence.load().then((s) => void (this.state = s)))
  }
  commit(): Promise<void> {
    return this.persistence.save(this.state)
  }
  async persistent(): Promise<boolean> {
    return (await this.persistence.store()).persistent
  }
  async reset(): Promise<void> {
    await this.load()
    this.state = emptyState()
    await this.persistence.clear()
  }
  iso(): string {
    return this.now().toISOString()
  }
  nextId(prefix: string): string {
    return `${prefix}_${(++this.state.counter).toString(36)}`
  }

  /** Delivers to subscribers, but only events about the identified user's own things. */
  emit(owner: string, e: ChatEvent): void {
    if (owner !== this.user.id) return
    for (const listener of [...this.listeners]) {
      try {
        listener(structuredClone(e))
      } catch {
        /* a faulty listener must not break the backend */
      }
    }
  }

  /** Runs `run` once per (op, user, key); replays get the stored result, like an Idempotency-Key server. */
  async once<T>(op: string, key: string, payload: unknown, run: () => T): Promise<T> {
    const slot = `${op}:${this.user.id}:${key}`
    const fp = fingerprint(payload)
    const hit = this.state.idempotency[slot]
    if (hit) {
      if (hit.fingerprint !== fp) {
        throw new RejectedError(
          [{ field: 'idempotencyKey', code: 'key_reused' }],
          'idempotency key reused with a different payload',
          422,
        )
      }
      return structuredClone(hit.result as T)
    }
    const result = run()
    this.state.idempotency[slot] = { fingerprint: fp, result: structuredClone(result) }
    await this.commit()
    return structuredClone(result)
  }

  /** `anyUser` is for the agent side, which sees every user's things. */
  ticketOf(id: string, anyUser = false): MemTicket {
    const t = this.state.tickets[id]
    if (!t || (!anyUser && t.userId !== this.user.id)) throw new NotFoundError(`ticket ${id} not found`)
    return t
  }
  conversationOf(id: string, anyUser = false): MemConversation {
    const c = this.state.conversations[id]
    if (!c || (!anyUser && c.userId !== this.user.id)) throw new NotFoundError(`conversation ${id} not found`)
    return c
  }
  summary(t: MemTicket): Ticket {
    return ticketSummary(t)
  }
  publicConversation(c: MemConversation): Conversation {
    const { userId: _u, locale: _l, rating: _r, ...rest } = c
    return structuredClone(rest)
  }
  setStatus(t: MemTicket, status: TicketStatus, note?: string): void {
    t.status = status
    t.updatedAt = this.iso()
    t.history.push({ status, at: t.updatedAt, ...(note === undefined ? {} : { note }) })
    this.emit(t.userId, { type: 'ticket', ticket: this.summary(t) })
  }
  pushMessage(c: MemConversation, m: Omit<Message, 'id' | 'conversationId' | 'seq' | 'createdAt'>): Message {
    const list = (this.state.messages[c.id] ??= [])
    const message: Message = {
      ...m,
      id: this.nextId('m'),
      conversationId: c.id,
      seq: (list.at(-1)?.seq ?? 0) + 1,
      createdAt: this.iso(),
    }
    list.push(message)
    this.emit(c.userId, { type: 'message', message })
    return structuredClone(message)
  }
  queued(): MemConversation[] {
    return Object.values(this.state.conversations).filter((c) => c.status === 'queued')
  }

  /** The agent picks the chat; everyone behind it moves up one place. */
  join(c: MemConversation): void {
    if (c.status !== 'queued') return
    c.status = 'active'
    c.agent = this.agentInfo
    delete c.queuePosition
    this.emit(c.userId, { type: 'conversation', conversation: this.publicConversation(c) })
    this.queued().forEach((q, i) => {
      q.queuePosition = i + 1
      this.emit(q.userId, { type: 'conversation', conversation: this.publicConversation(q) })
    })
  }
  agentSay(c: MemConversation, text: string): Message {
    this.join(c)
    this.emit(c.userId, { type: 'typing', conversationId: c.id, author: 'agent', on: false })
    const lastUser = (this.state.messages[c.id] ?? []).filter((m) => m.author === 'user').at(-1)
    if (lastUser) this.emit(c.userId, { type: 'read', conversationId: c.id, upToSeq: lastUser.seq, by: 'agent' })
    return this.pushMessage(c, {
      author: 'agent',
      authorName: this.agentInfo.name,
      kind: 'text',
      text,
      attachments: [],
    })
  }

  /** Queued chat: the simulated agent joins after a while, then greets. */
  scheduleJoin(c: MemConversation): void {
    if (!this.autoReply) return
    this.later(this.joinDelay, () => {
      this.join(c)
      void this.commit()
      this.scheduleAnswer(c, 'greet')
    })
  }
  /** Shows typing, then answers, unless the chat ended meanwhile. */
  scheduleAnswer(c: MemConversation, kind: keyof typeof AGENT_TEXT): void {
    if (!this.autoReply) return
    this.later(this.replyDelay / 2, () => {
      if (c.status !== 'ended') this.emit(c.userId, { type: 'typing', conversationId: c.id, author: 'agent', on: true })
    })
    this.later(this.replyDelay, () => {
      if (c.status === 'ended') return
      this.agentSay(c, AGENT_TEXT[kind][c.locale.startsWith('zh') ? 'zh' : 'en'])
      void this.commit()
    })
  }
  dispose(): void {
    for (const t of this.timers) clearTimeout(t)
    this.timers.clear()
    this.listeners.clear()
  }

  private later(ms: number, fn: () => void): void {
    const t = setTimeout(() => {
      this.timers.delete(t)
      fn()
    }, ms)
    this.timers.add(t)
  }
  private createAgent(): MemoryAgent {
    return {
      join: async (id) => {
        await this.load()
        const c = this.conversationOf(id, true)
        this.join(c)
        await this.commit()
        return this.publicConversation(c)
      },
      reply: async (id, text) => {
        await this.load()
        const m = this.agentSay(this.conversationOf(id, true), text)
        await this.commit()
        return m
      },
      typing: (id, on) => {
        const c = this.state.conversations[id]
        if (c) this.emit(c.userId, { type: 'typing', conversationId: id, author: 'agent', on })
      },
      setTicketStatus: async (id, status, note) => {
        await this.load()
        const t = this.ticketOf(id, true)
        this.setStatus(t, status, note)
        await this.commit()
        return this.summary(t)
      },
      comment: async (id, body) => {
        await this.load()
        const t = this.ticketOf(id, true)
        const c: Comment = {
          id: this.nextId('c'),
          author: 'agent',
          authorName: this.agentInfo.name,
          body,
          createdAt: this.iso(),
          attachments: [],
        }
        t.comments.push(c)
        this.setStatus(t, t.status === 'new' ? 'open' : t.status)
        await this.commit()
        return structuredClone(c)
      },
    }
  }
}
