import type { Conversation, Message, TicketDetail } from '../../../src/types.js'
import type { App, Ctx, Result, Route, Viewer } from '../app.js'
import {
  appendMessage,
  conversationOut,
  emitConversation,
  emitQueueMoves,
  endConversation,
  listMessages,
  loadConversation,
} from '../chatStore.js'
import { conflict, notFound, rejected } from '../http.js'
import { nowIso, toComment, toMessage, toTicket, type ConversationRow, type TicketRow } from '../model.js'
import type { Repo } from '../store/types.js'
import {
  agentCommentSchema,
  agentMessageSchema,
  agentStatusSchema,
  categories,
  readSchema,
  ticketStatuses,
  typingSchema,
  validate,
} from '../schemas.js'
import { changeStatus, insertComment, loadTicket, ticketDetail, touchTicket } from './tickets.js'
import { maskText } from '../mask.js'

type AgentConversation = Conversation & { userId: string; userName?: string; updatedAt: string; lastMessage?: Message }

const DEFAULT_AGENT = 'Support'

async function userName(repo: Repo, userId: string): Promise<string | undefined> {
  return (await repo.user(userId))?.name ?? undefined
}

async function agentConversation(repo: Repo, row: ConversationRow, ctx: Ctx): Promise<AgentConversation> {
  const c: AgentConversation = { ...(await conversationOut(repo, row)), userId: row.user_id, updatedAt: row.updated_at }
  const name = await userName(repo, row.user_id)
  if (name !== undefined) c.userName = name
  const last = await repo.lastMessage(row.id)
  if (last) c.lastMessage = toMessage(last, ctx.app.refOut(ctx.viewer))
  return c
}

/**
 * The conversation locked until commit (`loadConversation` with `FOR UPDATE` on Postgres), for
 * writes that decide on its state: a racing write on another instance waits and sees the result.
 */
export async function lockedConversation(
  repo: Repo,
  id: string | undefined,
  userId?: string,
): Promise<ConversationRow> {
  const row = id === undefined ? undefined : await repo.lockConversation(id)
  if (!row || (userId !== undefined && row.user_id !== userId)) throw notFound('no such conversation')
  return row
}

/** Agent id derived from the display name, so one console keeps one identity. */
const agentId = (name: string): string => `agent_${Buffer.from(name, 'utf8').toString('base64url').slice(0, 24)}`

/** Opens a stream for a user (`/v1/events`) or for agents (`/v1/agent/events`). */
export async function openStream(ctx: Ctx, kind: 'user' | 'agent'): Promise<void> {
  const header = ctx.req.headers['last-event-id']
  const raw = (Array.isArray(header) ? header[0] : header) ?? ctx.url.searchParams.get('lastEventId') ?? undefined
  let last: number | undefined
  if (raw !== undefined && raw !== '') {
    if (!/^\d{1,15}$/.test(raw)) throw rejected('invalid Last-Event-ID', { 'Last-Event-ID': 'Invalid' })
    last = Number(raw)
  }
  await ctx.app.hub.open(ctx.res, kind, ctx.userId, last)
}

interface QueueQuery {
  status: string | null
  category: string | null
  limit: number
  offset: number
}

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
  return {
    status: pick('status', statuses),
    category: pick('category', cats),
    limit: Math.max(1, int('limit', 50, 200)),
    offset: int('offset', 0, 1e9),
  }
}

/** Array body as before; `X-Next-Offset` tells the console there is another page. */
async function page<R, T>(rows: R[], q: QueueQuery, map: (r: R) => Promise<T>): Promise<Result> {
  const more = rows.length > q.limit
  const body: T[] = []
  for (const r of rows.slice(0, q.limit)) body.push(await map(r))
  return { status: 200, body, headers: more ? { 'X-Next-Offset': String(q.offset + q.limit) } : {} }
}

export function agentRoutes(): Route[] {
  return [
    { method: 'GET', path: '/v1/events', auth: 'user', stream: (ctx) => openStream(ctx, 'user') },
    { method: 'GET', path: '/v1/agent/events', auth: 'agent', stream: (ctx) => openStream(ctx, 'agent') },
    {
      method: 'GET',
      path: '/v1/agent/conversations',
      auth: 'agent',
      handle: async (ctx, repo) => {
        const q = queueQuery(ctx.url, ['queued', 'active', 'ended'], [])
        // Open conversations first, so no pile of ended ones can push a waiting user off the page.
        const rows = await repo.agentConversations({ ...q, limit: q.limit + 1 })
        return page(rows, q, (r) => agentConversation(repo, r, ctx))
      },
    },
    {
      method: 'GET',
      path: '/v1/agent/conversations/:id',
      auth: 'agent',
      handle: async (ctx, repo) => {
        const row = await loadConversation(repo, ctx.params.id)
        const { messages } = await listMessages(repo, row, 0, 10_000, ctx.app.refOut(ctx.viewer))
        return { status: 200, body: { conversation: await agentConversation(repo, row, ctx), messages } }
      },
    },
    {
      method: 'POST',
      path: '/v1/agent/conversations/:id/messages',
      auth: 'agent',
      idem: 'optional',
      handle: async ({ app, params, body, viewer }, repo) => {
        const input = validate(agentMessageSchema, body)
        const name = maskText(input.agentName?.trim()) || DEFAULT_AGENT
        // Locked until commit: of two first replies racing (on two instances, say), the second
        // waits, then finds the agent joined and writes no second "joined" line.
        const conv = await lockedConversation(repo, params.id)
        if (conv.status === 'ended') throw conflict('conversation has ended')
        if (conv.status === 'queued' || conv.agent_name !== name) {
          // Replying is joining: the user sees who answers and leaves the queue.
          await repo.assignAgent(conv.id, agentId(name), name, nowIso())
          await emitConversation(repo, await loadConversation(repo, conv.id))
          if (conv.status === 'queued') await emitQueueMoves(repo, conv.n)
          // A system line in the transcript: who joined, or who took over from whom.
          await appendMessage(
            repo,
            conv,
            {
              author: 'system',
              authorName: name,
              kind: 'event',
              text: conv.agent_name ? 'transferred' : 'joined',
              attachments: [],
            },
            app.refOut(viewer),
          )
        }
        const message = await appendMessage(
          repo,
          conv,
          { author: 'agent', authorName: name, kind: 'text', text: input.text, attachments: [] },
          app.refOut(viewer),
        )
        return { status: 201, body: message }
      },
    },
    {
      method: 'POST',
      path: '/v1/agent/conversations/:id/typing',
      auth: 'agent',
      handle: async ({ params, body }, repo) => {
        const { on } = validate(typingSchema, body)
        const conv = await loadConversation(repo, params.id)
        await repo.emit(conv.user_id, 'user', { type: 'typing', conversationId: conv.id, author: 'agent', on })
        return { status: 204 }
      },
    },
    {
      method: 'POST',
      path: '/v1/agent/conversations/:id/read',
      auth: 'agent',
      handle: async ({ params, body }, repo) => {
        const { upToSeq } = validate(readSchema, body)
        const conv = await loadConversation(repo, params.id)
        const upTo = Math.min(upToSeq, conv.last_seq)
        if (upTo > conv.agent_read_seq) {
          await repo.setReadSeq(conv.id, 'agent', upTo)
          await repo.emit(conv.user_id, 'user', { type: 'read', conversationId: conv.id, upToSeq: upTo, by: 'agent' })
        }
        return { status: 204 }
      },
    },
    {
      method: 'POST',
      path: '/v1/agent/conversations/:id/end',
      auth: 'agent',
      handle: async ({ app, params, viewer }, repo) => ({
        status: 200,
        body: await endConversation(repo, await lockedConversation(repo, params.id), app.refOut(viewer)),
      }),
    },
    {
      method: 'GET',
      path: '/v1/agent/tickets',
      auth: 'agent',
      handle: async ({ url }, repo) => {
        const q = queueQuery(url, ticketStatuses, categories)
        const rows = await repo.agentTickets({ ...q, limit: q.limit + 1 })
        return page(rows, q, async (r) => {
          const name = await userName(repo, r.user_id)
          return { ...toTicket(r), userId: r.user_id, ...(name !== undefined ? { userName: name } : {}) }
        })
      },
    },
    {
      method: 'GET',
      path: '/v1/agent/tickets/:id',
      auth: 'agent',
      handle: async ({ app, params, viewer }, repo) => ({
        status: 200,
        body: await agentTicket(app, repo, await loadTicket(repo, params.id), viewer),
      }),
    },
    {
      method: 'POST',
      path: '/v1/agent/tickets/:id/status',
      auth: 'agent',
      idem: 'optional',
      handle: async ({ app, params, body, viewer }, repo) => {
        const input = validate(agentStatusSchema, body)
        const row = await changeStatus(repo, await loadTicket(repo, params.id), input.status, input.note)
        return { status: 200, body: await agentTicket(app, repo, row, viewer) }
      },
    },
    {
      method: 'POST',
      path: '/v1/agent/tickets/:id/comments',
      auth: 'agent',
      idem: 'optional',
      handle: async ({ app, params, body, viewer }, repo) => {
        const input = validate(agentCommentSchema, body)
        const ticket = await loadTicket(repo, params.id)
        const name = maskText(input.agentName?.trim()) || DEFAULT_AGENT
        const comment = await insertComment(repo, ticket.id, {
          author: 'agent',
          authorName: name,
          body: input.body,
          attachments: [],
        })
        if (ticket.status === 'new') await changeStatus(repo, ticket, 'open')
        else await touchTicket(repo, ticket.id)
        return { status: 201, body: toComment(comment, app.refOut(viewer)) }
      },
    },
  ]
}

async function agentTicket(
  app: App,
  repo: Repo,
  row: TicketRow,
  viewer: Viewer,
): Promise<TicketDetail & { userId: string; userName?: string }> {
  const name = await userName(repo, row.user_id)
  return {
    ...(await ticketDetail(repo, row, app.refOut(viewer))),
    userId: row.user_id,
    ...(name !== undefined ? { userName: name } : {}),
  }
}
