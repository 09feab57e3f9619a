import type { Conversation, Message, TicketDetail } from '../../../src/types.js'
import type { App, Ctx, Result, Route, Viewer } from '../app.js'
import {
  appendMessage, conversationOut, emitConversation, emitQueueMoves, endConversation, listMessages, loadConversation,
} from '../chatStore.js'
import { conflict, rejected } from '../http.js'
import { nowIso, toComment, toMessage, toTicket, type ConversationRow, type MessageRow, type TicketRow } from '../model.js'
import {
  agentCommentSchema, agentMessageSchema, agentStatusSchema, categories, readSchema, ticketStatuses, typingSchema, validate,
} from '../schemas.js'
import { changeStatus, insertComment, loadTicket, ticketDetail, touchTicket } from './tickets.js'
import { maskText } from '../mask.js'

type AgentConversation = Conversation & { userId: string; userName?: string; updatedAt: string; lastMessage?: Message }

const DEFAULT_AGENT = 'Support'

function userName(app: App, userId: string): string | undefined {
  return app.db.prepare<{ name: string | null }>('SELECT name FROM users WHERE id = ?').get(userId)?.name ?? undefined
}

function agentConversation(app: App, row: ConversationRow, ctx: Ctx): AgentConversation {
  const c: AgentConversation = { ...conversationOut(app, row), userId: row.user_id, updatedAt: row.updated_at }
  const name = userName(app, row.user_id)
  if (name !== undefined) c.userName = name
  const last = app.db.prepare<MessageRow>('SELECT * FROM messages WHERE conversation_id = ? ORDER BY seq DESC LIMIT 1').get(row.id)
  if (last) c.lastMessage = toMessage(last, ctx.app.refOut(ctx.viewer))
  return c
}

/** Agent id derived from the display name, so one console keeps one identity. */
const agentId = (name: string): string => `agent_${Buffer.from(name, 'utf8').toString('base64url').slice(0, 24)}`

/** Opens a stream for a user (`/v1/events`) or for agents (`/v1/agent/events`). */
export function openStream(ctx: Ctx, kind: 'user' | 'agent'): void {
  const header = ctx.req.headers['last-event-id']
  const raw = (Array.isArray(header) ? header[0] : header) ?? ctx.url.searchParams.get('lastEventId') ?? undefined
  let last: number | undefined
  if (raw !== undefined && raw !== '') {
    if (!/^\d{1,15}$/.test(raw)) throw rejected('invalid Last-Event-ID', { 'Last-Event-ID': 'Invalid' })
    last = Number(raw)
  }
  ctx.app.hub.open(ctx.res, kind, ctx.userId, last)
}

interface QueueQuery { status: string | null; category: string | null; limit: number; offset: number }

/** `?status=&category=&limit=&offset=` of the agent lists; unknown values are a 400, not an empty page. */
function queueQuery(url: URL, statuses: readonly string[], cats: readonly string[]): QueueQuery {
  const p = url.searchParams
  const pick = (name: string, allowed: readonly string[]): string | null => {
    const v = p.get(name)
    if (v === null || v === '') return null
    if (!allowed.includes(v)) throw rejected(`unknown ${name}`, { [name]: 'Invalid' })
    return v
  }
  const int = (name: string, def: number, max: number): number => {
    const raw = p.get(name)
    if (raw === null || raw === '') return def
    if (!/^\d{1,9}$/.test(raw) || Number(raw) > max) throw rejected(`bad ${name}`, { [name]: 'Invalid' })
    return Number(raw)
  }
  return { status: pick('status', statuses), category: pick('category', cats), limit: Math.max(1, int('limit', 50, 200)), offset: int('offset', 0, 1e9) }
}

/** Array body as before; `X-Next-Offset` tells the console there is another page. */
function page<R, T>(rows: R[], q: QueueQuery, map: (r: R) => T): Result {
  const more = rows.length > q.limit
  const body = rows.slice(0, q.limit).map(map)
  return { status: 200, body, headers: more ? { 'X-Next-Offset': String(q.offset + q.limit) } : {} }
}

export function agentRoutes(): Route[] {
  return [
    { method: 'GET', path: '/v1/events', auth: 'user', stream: (ctx) => openStream(ctx, 'user') },
    { method: 'GET', path: '/v1/agent/events', auth: 'agent', stream: (ctx) => openStream(ctx, 'agent') },
    {
      method: 'GET', path: '/v1/agent/conversations', auth: 'agent',
      handle: (ctx) => {
        const q = queueQuery(ctx.url, ['queued', 'active', 'ended'], [])
        // Open conversations first, so no pile of ended ones can push a waiting user off the page.
        const rows = ctx.app.db.prepare<ConversationRow>(`SELECT * FROM conversations WHERE (? IS NULL OR status = ?)
          ORDER BY status = 'ended', updated_at DESC, n DESC LIMIT ? OFFSET ?`).all(q.status, q.status, q.limit + 1, q.offset)
        return page(rows, q, (r) => agentConversation(ctx.app, r, ctx))
      },
    },
    {
      method: 'GET', path: '/v1/agent/conversations/:id', auth: 'agent',
      handle: (ctx) => {
        const row = loadConversation(ctx.app, ctx.params.id)
        const { messages } = listMessages(ctx.app, row, 0, 10_000, ctx.app.refOut(ctx.viewer))
        return { status: 200, body: { conversation: agentConversation(ctx.app, row, ctx), messages } }
      },
    },
    {
      method: 'POST', path: '/v1/agent/conversations/:id/messages', auth: 'agent', idem: 'optional',
      handle: ({ app, params, body, viewer }) => {
        const input = validate(agentMessageSchema, body)
        const name = maskText(input.agentName?.trim()) || DEFAULT_AGENT
        const conv = loadConversation(app, params.id)
        if (conv.status === 'ended') throw conflict('conversation has ended')
        if (conv.status === 'queued' || conv.agent_name !== name) {
          // Replying is joining: the user sees who answers and leaves the queue.
          app.db.prepare("UPDATE conversations SET status = 'active', agent_id = ?, agent_name = ?, updated_at = ? WHERE id = ?")
            .run(agentId(name), name, nowIso(), conv.id)
          emitConversation(app, loadConversation(app, conv.id))
          if (conv.status === 'queued') emitQueueMoves(app, conv.n)
          // A system line in the transcript: who joined, or who took over from whom.
          appendMessage(app, conv, { author: 'system', authorName: name, kind: 'event', text: conv.agent_name ? 'transferred' : 'joined', attachments: [] }, app.refOut(viewer))
        }
        const message = appendMessage(app, conv, { author: 'agent', authorName: name, kind: 'text', text: input.text, attachments: [] }, app.refOut(viewer))
        return { status: 201, body: message }
      },
    },
    {
      method: 'POST', path: '/v1/agent/conversations/:id/typing', auth: 'agent',
      handle: ({ app, params, body }) => {
        const { on } = validate(typingSchema, body)
        const conv = loadConversation(app, params.id)
        app.hub.emit(conv.user_id, 'user', { type: 'typing', conversationId: conv.id, author: 'agent', on })
        return { status: 204 }
      },
    },
    {
      method: 'POST', path: '/v1/agent/conversations/:id/read', auth: 'agent',
      handle: ({ app, params, body }) => {
        const { upToSeq } = validate(readSchema, body)
        const conv = loadConversation(app, params.id)
        const upTo = Math.min(upToSeq, conv.last_seq)
        if (upTo > conv.agent_read_seq) {
          app.db.prepare('UPDATE conversations SET agent_read_seq = ? WHERE id = ?').run(upTo, conv.id)
          app.hub.emit(conv.user_id, 'user', { type: 'read', conversationId: conv.id, upToSeq: upTo, by: 'agent' })
        }
        return { status: 204 }
      },
    },
    {
      method: 'POST', path: '/v1/agent/conversations/:id/end', auth: 'agent',
      handle: ({ app, params, viewer }) => ({ status: 200, body: endConversation(app, loadConversation(app, params.id), app.refOut(viewer)) }),
    },
    {
      method: 'GET', path: '/v1/agent/tickets', auth: 'agent',
      handle: ({ app, url }) => {
        const q = queueQuery(url, ticketStatuses, categories)
        const rows = app.db.prepare<TicketRow>(`SELECT * FROM tickets WHERE (? IS NULL OR status = ?) AND (? IS NULL OR category = ?)
          ORDER BY CASE priority WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 WHEN 'normal' THEN 2 ELSE 3 END, updated_at DESC, n DESC
          LIMIT ? OFFSET ?`).all(q.status, q.status, q.category, q.category, q.limit + 1, q.offset)
        return page(rows, q, (r) => {
          const name = userName(app, r.user_id)
          return { ...toTicket(r), userId: r.user_id, ...(name !== undefined ? { userName: name } : {}) }
        })
      },
    },
    {
      method: 'GET', path: '/v1/agent/tickets/:id', auth: 'agent',
      handle: ({ app, params, viewer }) => ({ status: 200, body: agentTicket(app, loadTicket(app, params.id), viewer) }),
    },
    {
      method: 'POST', path: '/v1/agent/tickets/:id/status', auth: 'agent', idem: 'optional',
      handle: ({ app, params, body, viewer }) => {
        const input = validate(agentStatusSchema, body)
        const row = changeStatus(app, loadTicket(app, params.id), input.status, input.note)
        return { status: 200, body: agentTicket(app, row, viewer) }
      },
    },
    {
      method: 'POST', path: '/v1/agent/tickets/:id/comments', auth: 'agent', idem: 'optional',
      handle: ({ app, params, body, viewer }) => {
        const input = validate(agentCommentSchema, body)
        const ticket = loadTicket(app, params.id)
        const name = maskText(input.agentName?.trim()) || DEFAULT_AGENT
        const comment = insertComment(app, ticket.id, { author: 'agent', authorName: name, body: input.body, attachments: [] })
        if (ticket.status === 'new') changeStatus(app, ticket, 'open')
        else touchTicket(app, ticket.id)
        return { status: 201, body: toComment(comment, app.refOut(viewer)) }
      },
    },
  ]
}

function agentTicket(app: App, row: TicketRow, viewer: Viewer): TicketDetail & { userId: string; userName?: string } {
  const name = userName(app, row.user_id)
  return { ...ticketDetail(app, row, app.refOut(viewer)), userId: row.user_id, ...(name !== undefined ? { userName: name } : {}) }
}
