import { NotFoundError, RejectedError } from '../errors/index.js'
import type { KeyValueStore } from '../storage/types.js'
import type { Article, ArticleHit, AttachmentRef, Comment, RatingTarget } from '../types.js'
import { allCapabilities, type Transport } from './types.js'
import { MemoryBackend, type MemoryAgent } from './memoryBackend.js'
import type { MemConversation, MemTicket } from './memoryState.js'

export { MEM_PREFIX } from './memoryState.js'
export type { MemoryAgent } from './memoryBackend.js'

/** Options of {@link memoryTransport}. */
export interface MemoryTransportOptions {
  /** Where state is kept. Default: the SDK's own IndexedDB database (keys under `hf:mem:`), or memory when IndexedDB fails. */
  store?: KeyValueStore
  /** Artificial delay per call, so demos feel like a network. Default 0. */
  latencyMs?: number
  seedArticles?: Article[]
  /** The simulated agent joins queued chats and answers after a short delay unless `autoReply: false`. */
  agent?: { autoReply?: boolean; name?: string; joinDelayMs?: number; replyDelayMs?: number }
  now?: () => Date
}

/** A memory transport: every Transport method, plus hooks to play the agent. */
// knownScams is the operator's data, which a memory backend does not have.
export interface MemoryTransport
  extends Required<Omit<Transport, 'knownScams' | 'signOut' | 'onSignIn'>>, Pick<Transport, 'signOut'> {
  readonly agent: MemoryAgent
  /** Resolves once state is loaded; `persistent` is false when IndexedDB was unavailable. */
  ready(): Promise<{ persistent: boolean }>
  /** Forgets every ticket, conversation and idempotency record. */
  reset(): Promise<void>
}

const PAGE = 100

/**
 * A complete in-browser backend: tickets, chat with a simulated agent, attachments and
 * idempotency. For demos, offline development and tests; state survives reloads through IndexedDB
 * (keys prefixed `hf:mem:`), or lives in memory when IndexedDB is unavailable.
 *
 * @example
 * const transport = memoryTransport({ latencyMs: 300 })
 * const help = createHelpFeedback({ transport, locale: 'zh-CN', user: { id: 'u1' } })
 * await transport.agent.reply(conversationId, 'Hello from the agent')
 */
export function memoryTransport(options: MemoryTransportOptions = {}): MemoryTransport {
  const b = new MemoryBackend(options)
  const articles = options.seedArticles ?? []
  const blobs = new Map<string, Blob>()

  async function enter(signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted()
    await b.load()
    if (options.latencyMs) await sleep(options.latencyMs, signal)
  }

  /** Only finished work can be rated: a solved/closed ticket or an ended conversation. */
  /** Comments and escalations on a closed ticket are refused (409). */
  function refuseClosed(t: MemTicket): void {
    if (t.status === 'closed') throw new RejectedError([{ field: 'ticketId', code: 'closed' }], 'ticket is closed', 409)
  }

  function rateable(target: RatingTarget): MemTicket | MemConversation {
    if (target.kind === 'ticket') {
      const t = b.ticketOf(target.id)
      if (t.status !== 'solved' && t.status !== 'closed') {
        throw new RejectedError([{ field: 'status', code: 'not_solved' }], 'only solved tickets can be rated', 409)
      }
      return t
    }
    const c = b.conversationOf(target.id)
    if (c.status !== 'ended')
      throw new RejectedError([{ field: 'status', code: 'not_ended' }], 'only ended conversations can be rated', 409)
    return c
  }

  return {
    name: 'memory',
    capabilities: allCapabilities,
    agent: b.agent,
    async ready() {
      await b.load()
      return { persistent: await b.persistent() }
    },
    reset: () => b.reset(),

    async identify(u, signal) {
      await enter(signal)
      b.user = { id: u.id, ...(u.name === undefined ? {} : { name: u.name }) }
      return { userId: u.id, token: `mem.${u.id}` }
    },
    // Whoever uses the device next must not see or add to the previous user's requests and chats.
    signOut() {
      b.user = { id: 'anonymous' }
    },
    async listArticles({ locale }) {
      await enter()
      return structuredClone(articles.filter((a) => a.locale === locale))
    },
    async getArticle(id, locale) {
      await enter()
      const a = articles.find((x) => x.id === id && x.locale === locale) ?? articles.find((x) => x.id === id)
      if (!a) throw new NotFoundError(`article ${id} not found`)
      return structuredClone(a)
    },
    // Deliberately naive: real ranking lives in src/search; this only serves article-search demos.
    async searchArticles(q, { locale, limit }) {
      await enter()
      const needle = q.trim().toLowerCase()
      if (!needle) return []
      return articles
        .filter((a) => a.locale === locale && `${a.title}\n${a.body}`.toLowerCase().includes(needle))
        .slice(0, limit)
        .map((a): ArticleHit => {
          const at = a.title.toLowerCase().indexOf(needle)
          return {
            id: a.id,
            title: a.title,
            snippet: a.title,
            highlights: at >= 0 ? [[at, at + needle.length]] : [],
            score: at >= 0 ? 2 : 1,
          }
        })
    },
    async voteArticle(id, helpful, opts) {
      await enter(opts.signal)
      if (!articles.some((a) => a.id === id)) throw new NotFoundError(`article ${id} not found`)
      await b.once('vote', opts.idempotencyKey, { id, helpful }, () => void (b.state.votes[id] = helpful))
    },

    async createTicket(input, opts) {
      await enter(opts.signal)
      return b.once('ticket', opts.idempotencyKey, input, () => {
        const at = b.iso()
        const id = b.nextId('t')
        const t: MemTicket = {
          id,
          reference: `HF-${b.now().getUTCFullYear()}-${String(b.state.counter).padStart(6, '0')}`,
          status: 'new',
          priority: input.priority,
          category: input.category,
          subject: input.subject,
          createdAt: at,
          updatedAt: at,
          expectedResponseHours: 24,
          description: input.description,
          fields: input.fields,
          ...(input.transaction ? { transaction: input.transaction } : {}),
          attachments: input.attachments,
          comments: [],
          history: [{ status: 'new', at }],
          userId: b.user.id,
        }
        b.state.tickets[id] = t
        b.emit(t.userId, { type: 'ticket', ticket: b.summary(t) })
        return b.summary(t)
      })
    },
    async listTickets(signal) {
      await enter(signal)
      return Object.values(b.state.tickets)
        .filter((t) => t.userId === b.user.id)
        .map((t) => b.summary(t))
        .reverse() // insertion order is creation order; the stable sort below keeps newest first on ties
        .sort((x, y) => (x.updatedAt < y.updatedAt ? 1 : x.updatedAt > y.updatedAt ? -1 : 0))
    },
    async getTicket(id, signal) {
      await enter(signal)
      const { userId: _u, ...detail } = b.ticketOf(id)
      return structuredClone(detail)
    },
    async addComment(ticketId, input, opts) {
      await enter(opts.signal)
      const t = b.ticketOf(ticketId)
      return b.once('comment', opts.idempotencyKey, { ticketId, input }, () => {
        refuseClosed(t)
        const c: Comment = {
          id: b.nextId('c'),
          author: 'user',
          ...(b.user.name === undefined ? {} : { authorName: b.user.name }),
          body: input.body,
          createdAt: b.iso(),
          attachments: input.attachments,
        }
        t.comments.push(c)
        // A user writing on a waiting or solved ticket reopens it, as helpdesks do.
        if (t.status === 'solved' || t.status === 'pending') b.setStatus(t, 'open')
        else t.updatedAt = c.createdAt
        return c
      })
    },
    async escalateTicket(ticketId, reason, opts) {
      await enter(opts.signal)
      const t = b.ticketOf(ticketId)
      return b.once('escalate', opts.idempotencyKey, { ticketId, reason }, () => {
        refuseClosed(t)
        t.escalated = true
        t.comments.push({ id: b.nextId('c'), author: 'system', body: reason, createdAt: b.iso(), attachments: [] })
        if (t.priority === 'low' || t.priority === 'normal') t.priority = 'high'
        b.setStatus(t, t.status === 'new' ? 'open' : t.status, `escalated: ${reason}`)
        return b.summary(t)
      })
    },
    async uploadAttachment(file, meta, opts) {
      await enter(opts.signal)
      return b.once('upload', opts.idempotencyKey, { ...meta, size: file.size }, () => {
        const id = b.nextId('a')
        blobs.set(id, file)
        const url = typeof URL.createObjectURL === 'function' ? URL.createObjectURL(file) : undefined
        const ref: AttachmentRef = { id, name: meta.name, type: meta.type, size: file.size, ...(url ? { url } : {}) }
        b.state.attachments[id] = ref
        return ref
      })
    },
    async availability(signal) {
      await enter(signal)
      const length = b.queued().length
      return { agentsOnline: 1, queueLength: length, open: true, expectedWaitSeconds: 30 + length * 60 }
    },

    async startConversation(input, opts) {
      await enter(opts.signal)
      return b.once('conversation', opts.idempotencyKey, input, () => {
        const c: MemConversation = {
          id: b.nextId('conv'),
          reference: `C-${String(b.state.counter).padStart(6, '0')}`,
          status: 'queued',
          queuePosition: b.queued().length + 1,
          createdAt: b.iso(),
          userId: b.user.id,
          locale: input.locale,
        }
        b.state.conversations[c.id] = c
        b.state.messages[c.id] = []
        b.emit(c.userId, { type: 'conversation', conversation: b.publicConversation(c) })
        // Same shape as the REST protocol: the transaction card first, then the text.
        const first = { clientId: opts.idempotencyKey, author: 'user' as const, attachments: [] }
        if (input.transaction)
          b.pushMessage(c, { ...first, kind: 'transaction', text: '', transaction: input.transaction })
        if (input.text) b.pushMessage(c, { ...first, kind: 'text', text: input.text })
        b.scheduleJoin(c)
        return b.publicConversation(c)
      })
    },
    async getConversation(id) {
      await enter()
      return b.publicConversation(b.conversationOf(id))
    },
    async listConversations(signal) {
      await enter(signal)
      return Object.values(b.state.conversations)
        .filter((c) => c.userId === b.user.id)
        .map((c) => b.publicConversation(c))
        .reverse()
    },
    async sendMessage(conversationId, msg, opts) {
      await enter(opts.signal)
      const c = b.conversationOf(conversationId)
      return b.once('message', opts.idempotencyKey, { conversationId, msg }, () => {
        if (c.status === 'ended')
          throw new RejectedError([{ field: 'conversationId', code: 'ended' }], 'conversation ended', 409)
        const m = b.pushMessage(c, { ...msg, clientId: opts.idempotencyKey, author: 'user' })
        if (c.status === 'active') b.scheduleAnswer(c, 'ack')
        return m
      })
    },
    async listMessages(conversationId, since) {
      await enter()
      b.conversationOf(conversationId)
      const after = since === undefined ? 0 : Number(since)
      if (!Number.isInteger(after))
        throw new RejectedError([{ field: 'cursor', code: 'invalid' }], 'invalid cursor', 400)
      const newer = (b.state.messages[conversationId] ?? []).filter((m) => m.seq > after)
      const messages = structuredClone(newer.slice(0, PAGE))
      const last = messages.at(-1)
      return { messages, cursor: last ? String(last.seq) : (since ?? null), hasMore: newer.length > PAGE }
    },
    async setTyping(conversationId) {
      await enter()
      b.conversationOf(conversationId)
    },
    async markRead(conversationId) {
      await enter()
      b.conversationOf(conversationId)
    },
    async endConversation(conversationId) {
      await enter()
      const c = b.conversationOf(conversationId)
      if (c.status !== 'ended') {
        c.status = 'ended'
        delete c.queuePosition
        b.pushMessage(c, { author: 'system', kind: 'event', text: 'ended', attachments: [] })
        b.emit(c.userId, { type: 'conversation', conversation: b.publicConversation(c) })
        await b.commit()
      }
      return b.publicConversation(c)
    },
    subscribe(onEvent) {
      b.listeners.add(onEvent)
      return () => void b.listeners.delete(onEvent)
    },
    async rate(target, score, comment, opts) {
      await enter(opts.signal)
      if (!Number.isInteger(score) || score < 1 || score > 5) {
        throw new RejectedError([{ field: 'score', code: 'out_of_range' }], 'score must be 1 to 5', 422)
      }
      const subject = rateable(target)
      const rating = { score, ...(comment === undefined ? {} : { comment }) }
      await b.once('rate', opts.idempotencyKey, { target, score, comment }, () => void (subject.rating = rating))
    },
    dispose() {
      b.dispose()
      for (const ref of Object.values(b.state.attachments)) {
        if (ref.url?.startsWith('blob:') && blobs.has(ref.id)) URL.revokeObjectURL(ref.url)
      }
      blobs.clear()
    },
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(resolve, ms)
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(t)
        reject(signal.reason)
      },
      { once: true },
    )
  })
}

export default memoryTransport
