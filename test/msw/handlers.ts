import { http, HttpResponse, type HttpHandler } from 'msw'
import { REPORT_CATEGORIES } from '../../src/reports/categoryIds.js'
import type { Article, Comment } from '../../src/types.js'
import { chatHandlers } from './chatHandlers.js'
import { createKit, fail, notFound } from './kit.js'
import { canonicalJson, ProtocolState, type StoredTicket } from './protocolState.js'

/**
 * msw handlers speaking docs/protocol.md against an in-memory {@link ProtocolState}. Used by the
 * contract suite and reusable by widget tests:
 *
 * @example
 * const api = createProtocolHandlers({ baseUrl: 'http://support.test' })
 * server.resetHandlers(...api.handlers)
 * api.state.agentReply(conversationId, 'Hello')
 */
export interface ProtocolHandlers {
  handlers: HttpHandler[]
  state: ProtocolState
  agent: {
    reply(conversationId: string, text: string): Promise<void>
    setTicketStatus(ticketId: string, status: StoredTicket['status']): Promise<void>
  }
}

export interface ProtocolHandlerOptions {
  baseUrl: string
  articles?: Article[]
  state?: ProtocolState
  /** `retry:` sent on the event stream. Default 50 ms so reconnect tests stay quick. */
  streamRetryMs?: number
}

const CATEGORIES: readonly string[] = REPORT_CATEGORIES
const PRIORITIES = ['low', 'normal', 'high', 'urgent']
const MAGIC: Record<string, (b: Uint8Array) => boolean> = {
  'image/png': (b) => b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47,
  'image/jpeg': (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  'application/pdf': (b) => String.fromCharCode(...b.slice(0, 4)) === '%PDF',
  'image/webp': (b) =>
    String.fromCharCode(...b.slice(0, 4)) === 'RIFF' && String.fromCharCode(...b.slice(8, 12)) === 'WEBP',
}
const MAX_FILE = 10 * 1024 * 1024

export function createProtocolHandlers(options: ProtocolHandlerOptions): ProtocolHandlers {
  const state = options.state ?? new ProtocolState(options.articles ? { articles: options.articles } : {})
  const kit = createKit(options.baseUrl, state)
  const { u, guard, param, auth, body, once, ticketOf, attachmentsOf } = kit
  const pickArticle = (id: string | undefined, locale: string) => {
    const pool = id ? state.articles.filter((a) => a.id === id) : state.articles
    const lang = locale.split('-')[0]
    for (const match of [
      (a: Article) => a.locale === locale,
      (a: Article) => a.locale.split('-')[0] === lang,
      (a: Article) => a.locale === 'en',
    ]) {
      const hits = pool.filter(match)
      if (hits.length) return hits
    }
    return []
  }

  const handlers: HttpHandler[] = [
    http.post(
      u('/identify'),
      guard(async ({ request }) => {
        const b = await body(request)
        if (typeof b.userId !== 'string' || !b.userId) fail(400, 'rejected', 'userId required', { userId: 'Required' })
        return HttpResponse.json(state.openSession(String(b.userId), typeof b.name === 'string' ? b.name : undefined))
      }),
    ),
    http.get(
      u('/articles'),
      guard(({ request }) => {
        const locale = new URL(request.url).searchParams.get('locale') ?? 'en'
        const list = new Map(pickArticle(undefined, locale).map((a) => [a.id, a]))
        return HttpResponse.json([...list.values()])
      }),
    ),
    http.get(
      u('/articles/:id'),
      guard((info) => {
        const locale = new URL(info.request.url).searchParams.get('locale') ?? 'en'
        return HttpResponse.json(pickArticle(param(info, 'id'), locale)[0] ?? notFound('article'))
      }),
    ),
    http.post(
      u('/articles/:id/votes'),
      guard(async (info) => {
        const { userId } = auth(info.request)
        const b = await body(info.request)
        return once(info.request, userId, canonicalJson(b), () => {
          state.votes.set(param(info, 'id'), b.helpful === true)
          return { status: 204 }
        })
      }),
    ),
    http.get(u('/availability'), () => {
      const queued = [...state.conversations.values()].filter((c) => c.status === 'queued').length
      return HttpResponse.json({
        agentsOnline: 1,
        queueLength: queued,
        open: true,
        expectedWaitSeconds: 60 * (queued + 1),
      })
    }),

    http.post(
      u('/attachments'),
      guard(async ({ request }) => {
        const { userId } = auth(request)
        const type = request.headers.get('Content-Type') ?? ''
        const bytes = new Uint8Array(await request.arrayBuffer())
        if (!MAGIC[type]) fail(415, 'file_type', `type ${type} not allowed`)
        if (bytes.byteLength > MAX_FILE) fail(413, 'file_too_large', 'file too large')
        if (bytes.byteLength === 0) fail(400, 'rejected', 'empty file')
        if (!MAGIC[type]!(bytes)) fail(415, 'file_type', 'bytes do not match the declared type')
        const name =
          decodeURIComponent(request.headers.get('X-File-Name') ?? '')
            .split(/[\\/]/)
            .pop()
            ?.replace(/^\.+/, '') || 'file'
        return once(request, userId, `${type} ${name} ${bytes.join(',')}`, () => {
          const id = state.id('att')
          state.attachments.set(id, {
            id,
            name,
            type,
            size: bytes.byteLength,
            url: u(`/attachments/${id}?sig=test`),
            userId,
            bytes,
          })
          return { status: 201, body: state.attachmentRef(state.attachments.get(id)!) }
        })
      }),
    ),
    http.get(
      u('/attachments/:id'),
      guard((info) => {
        const a = state.attachments.get(param(info, 'id')) ?? notFound('attachment')
        return new HttpResponse(a.bytes.slice().buffer, { headers: { 'Content-Type': a.type } })
      }),
    ),

    http.post(
      u('/tickets'),
      guard(async ({ request }) => {
        const { userId } = auth(request)
        const b = await body(request)
        const fields: Record<string, string> = {}
        if (!CATEGORIES.includes(String(b.category))) fields.category = 'Invalid category'
        if (typeof b.subject !== 'string' || !b.subject || b.subject.length > 200)
          fields.subject = 'Required, at most 200 characters'
        if (!PRIORITIES.includes(String(b.priority))) fields.priority = 'Invalid priority'
        if (Object.keys(fields).length) fail(400, 'rejected', 'Invalid request', fields)
        return once(request, userId, canonicalJson(b), () => {
          const at = state.iso()
          const id = state.id('tk')
          const t: StoredTicket = {
            id,
            reference: `HF-${String(state.tickets.size + 1).padStart(6, '0')}`,
            status: 'new',
            priority: b.priority as StoredTicket['priority'],
            category: b.category as StoredTicket['category'],
            subject: String(b.subject),
            createdAt: at,
            updatedAt: at,
            expectedResponseHours: b.priority === 'urgent' ? 1 : 24,
            description: String(b.description ?? ''),
            fields: (b.fields ?? {}) as StoredTicket['fields'],
            attachments: attachmentsOf(b.attachments, userId),
            ...(b.transaction ? { transaction: b.transaction as StoredTicket['transaction'] & object } : {}),
            comments: [],
            history: [{ status: 'new', at }],
            userId,
          }
          state.tickets.set(id, t)
          state.publish(userId, { type: 'ticket', ticket: state.summary(t) })
          return { status: 201, body: state.summary(t) }
        })
      }),
    ),
    http.get(
      u('/tickets'),
      guard(({ request }) => {
        const { userId } = auth(request)
        const mine = [...state.tickets.values()].filter((t) => t.userId === userId).reverse()
        return HttpResponse.json(
          mine
            .sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0))
            .map((t) => state.summary(t)),
        )
      }),
    ),
    http.get(
      u('/tickets/:id'),
      guard((info) => HttpResponse.json(state.detail(ticketOf(param(info, 'id'), auth(info.request).userId)))),
    ),
    http.post(
      u('/tickets/:id/comments'),
      guard(async (info) => {
        const { userId, name } = auth(info.request)
        const t = ticketOf(param(info, 'id'), userId)
        const b = await body(info.request)
        return once(info.request, userId, canonicalJson(b), () => {
          if (t.status === 'closed') fail(409, 'conflict', 'ticket is closed')
          const c: Comment = {
            id: state.id('cm'),
            author: 'user',
            ...(name ? { authorName: name } : {}),
            body: String(b.body ?? ''),
            createdAt: state.iso(),
            attachments: attachmentsOf(b.attachments, userId),
          }
          t.comments.push(c)
          if (t.status === 'pending' || t.status === 'solved') state.setStatus(t, 'open')
          return { status: 201, body: c }
        })
      }),
    ),
    http.post(
      u('/tickets/:id/escalate'),
      guard(async (info) => {
        const { userId } = auth(info.request)
        const t = ticketOf(param(info, 'id'), userId)
        const b = await body(info.request)
        return once(info.request, userId, canonicalJson(b), () => {
          if (t.status === 'closed') fail(409, 'conflict', 'ticket is closed')
          t.escalated = true
          if (t.priority === 'low' || t.priority === 'normal') t.priority = 'high'
          t.comments.push({
            id: state.id('cm'),
            author: 'system',
            body: String(b.reason ?? ''),
            createdAt: state.iso(),
            attachments: [],
          })
          t.updatedAt = state.iso()
          state.publish(userId, { type: 'ticket', ticket: state.summary(t) })
          return { status: 200, body: state.summary(t) }
        })
      }),
    ),
    http.post(
      u('/tickets/:id/rating'),
      guard(async (info) => {
        const { userId } = auth(info.request)
        const t = ticketOf(param(info, 'id'), userId)
        const b = await body(info.request)
        return once(info.request, userId, canonicalJson(b), () => {
          if (!Number.isInteger(b.score) || Number(b.score) < 1 || Number(b.score) > 5)
            fail(400, 'rejected', 'invalid score', { score: '1 to 5' })
          if (t.status !== 'solved' && t.status !== 'closed') fail(409, 'conflict', 'ticket is not solved')
          t.rating = { score: Number(b.score), ...(typeof b.comment === 'string' ? { comment: b.comment } : {}) }
          return { status: 204 }
        })
      }),
    ),
    ...chatHandlers(kit, state, options.streamRetryMs),
  ]

  return {
    handlers,
    state,
    agent: {
      reply: async (id, text) => void state.agentReply(id, text),
      setTicketStatus: async (id, status) => void state.agentSetStatus(id, status),
    },
  }
}
