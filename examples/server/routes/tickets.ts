import type { Priority, TicketStatus } from '../../../src/types.js'
import type { App, Route } from '../app.js'
import type { z } from 'zod'
import type { NewTicket, Repo } from '../store/types.js'
import { conflict, notFound, type HttpError } from '../http.js'
import { tooMany } from '../limits.js'
import {
  isoTime,
  newId,
  newTicketJson,
  newTicketOut,
  nowIso,
  toComment,
  toDetail,
  toTicket,
  type CommentRow,
  type RefOut,
  type TicketRow,
} from '../model.js'
import { commentSchema, plainTicket, ratingSchema, reasonSchema, ticketSchema, validate } from '../schemas.js'
import { resolveRefs } from './attachments.js'
import { maskInput, maskText } from '../mask.js'

/** Loads a ticket of `userId` (or of anyone when undefined: agent routes); 404 otherwise. */
export async function loadTicket(repo: Repo, id: string | undefined, userId?: string): Promise<TicketRow> {
  const row = id === undefined ? undefined : await repo.ticket(id)
  if (!row || (userId !== undefined && row.user_id !== userId)) throw notFound('no such ticket')
  return row
}

export async function ticketDetail(repo: Repo, row: TicketRow, ref: RefOut): Promise<ReturnType<typeof toDetail>> {
  return toDetail(row, await repo.comments(row.id), await repo.history(row.id), ref)
}

/**
 * Moves a ticket to `status` (history entry + updated_at) and tells its owner and the agents.
 * A no-op status change still records a note when one is given.
 */
export async function changeStatus(
  repo: Repo,
  row: TicketRow,
  status: TicketStatus,
  note?: string,
): Promise<TicketRow> {
  const at = nowIso()
  if (status !== row.status || note !== undefined) await repo.insertHistory(row.id, status, maskText(note) ?? null, at)
  await repo.setTicketStatus(row.id, status, at)
  return touchTicket(repo, row.id)
}

/** Re-reads a ticket after a change and emits the `ticket` event. */
export async function touchTicket(repo: Repo, id: string): Promise<TicketRow> {
  await repo.touchTicket(id, nowIso())
  const fresh = await loadTicket(repo, id)
  await repo.emit(fresh.user_id, 'both', { type: 'ticket', ticket: toTicket(fresh) })
  return fresh
}

export async function insertComment(
  repo: Repo,
  ticketId: string,
  c: { author: 'user' | 'agent' | 'system'; authorName?: string | undefined; body: string; attachments: unknown[] },
): Promise<CommentRow> {
  const row: CommentRow = {
    id: newId('cm'),
    ticket_id: ticketId,
    author: c.author,
    author_name: c.authorName ?? null,
    body: maskText(c.body),
    attachments: JSON.stringify(c.attachments),
    created_at: nowIso(),
  }
  await repo.insertComment(row)
  return row
}

/** The ticket quota (`ticketsPerHour` in the last hour), or none. */
function ticketQuota(app: App, now: number): { since: string; max: number } | undefined {
  const max = app.limits.ticketsPerHour
  return Number.isFinite(max) && max > 0 ? { since: isoTime(now - 3600_000), max } : undefined
}

/** 429 `ticket_limit`: Retry-After says when the oldest ticket in the window ages out. */
const quotaError = (app: App, oldest: string, at: number): HttpError =>
  tooMany('ticket_limit', `at most ${app.limits.ticketsPerHour} requests per hour`, Date.parse(oldest) + 3600_000 - at)

type TicketInput = z.output<typeof ticketSchema>

/** The row of a new ticket (status `new`) from a checked, masked body. */
function newTicket(input: TicketInput, userId: string, attachments: unknown[], at: number): NewTicket {
  return {
    id: newId('tk'),
    userId,
    priority: input.priority,
    category: input.category,
    subject: input.subject,
    description: input.description,
    fields: JSON.stringify(input.fields),
    txn: input.transaction ? JSON.stringify(input.transaction) : null,
    attachments: attachments.length === 0 ? '[]' : JSON.stringify(attachments),
    locale: input.locale,
    diagnostics: input.diagnostics ? JSON.stringify(input.diagnostics) : null,
    now: isoTime(at),
  }
}

const RANK: Priority[] = ['low', 'normal', 'high', 'urgent']

export function ticketRoutes(): Route[] {
  return [
    {
      method: 'POST',
      path: '/v1/tickets',
      auth: 'user',
      idem: 'required',
      // Without attachments (nothing to resolve) the store may file it in one call: same checks,
      // same order, same answers. An invalid body takes the transaction, which answers it.
      once: async ({ app, userId, body }, idem) => {
        if (!app.store.createTicketOnce) return undefined
        // The common body is checked by hand (plainTicket); anything else goes through zod.
        let data = plainTicket(body)
        if (!data) {
          const parsed = ticketSchema.safeParse(body)
          if (!parsed.success || parsed.data.attachments.length > 0) return undefined
          data = parsed.data
        }
        const input = maskInput(data)
        const at = idem.at
        const t = newTicket(input, userId as string, [], at)
        // The reference comes from the row number: the store joins the JSON around it.
        const { head, tail } = newTicketJson(t)
        const r = await app.store.createTicketOnce({ idem, ticket: t, quota: ticketQuota(app, at), head, tail })
        if (r.outcome === 'stored') return { stored: r.row }
        if (r.outcome === 'limited') throw quotaError(app, r.limitedBy, at)
        return { result: { status: 201, body: newTicketOut(t, r.n), text: r.text } }
      },
      handle: async ({ app, userId, body }, repo) => {
        const input = maskInput(validate(ticketSchema, body))
        const uid = userId as string
        const at = Date.now()
        let quota = ticketQuota(app, at)
        if (quota && input.attachments.length > 0) {
          // The quota answers before the attachments are checked, as when there are none.
          await repo.lockUser(uid)
          const oldest = (await repo.recentTicketTimes(uid, quota.since, quota.max))[quota.max - 1]
          if (oldest) throw quotaError(app, oldest, at)
          quota = undefined
        }
        const attachments = await resolveRefs(repo, uid, input.attachments)
        const created = await repo.createTicket(newTicket(input, uid, attachments, at), quota)
        // 429 once a user filed `ticketsPerHour` tickets in the last hour; Retry-After says when the oldest ages out.
        if (created.row === undefined) throw quotaError(app, created.limitedBy, at)
        // Serialised once: the same text is the response, the idempotency record and the event.
        const ticket = toTicket(created.row)
        const text = JSON.stringify(ticket)
        await repo.emit(uid, 'both', { type: 'ticket', ticket }, `{"type":"ticket","ticket":${text}}`)
        return { status: 201, body: ticket, text }
      },
    },
    {
      method: 'GET',
      path: '/v1/tickets',
      auth: 'user',
      handle: async ({ userId }, repo) => ({
        status: 200,
        body: (await repo.ticketsOf(userId as string)).map(toTicket),
      }),
    },
    {
      method: 'GET',
      path: '/v1/tickets/:id',
      auth: 'user',
      handle: async ({ app, userId, params, viewer }, repo) => ({
        status: 200,
        body: await ticketDetail(repo, await loadTicket(repo, params.id, userId), app.refOut(viewer)),
      }),
    },
    {
      method: 'POST',
      path: '/v1/tickets/:id/comments',
      auth: 'user',
      idem: 'required',
      handle: async ({ app, userId, params, body, viewer }, repo) => {
        const input = validate(commentSchema, body)
        const ticket = await loadTicket(repo, params.id, userId)
        if (ticket.status === 'closed') throw conflict('ticket is closed')
        const attachments = await resolveRefs(repo, userId as string, input.attachments)
        const comment = await insertComment(repo, ticket.id, { author: 'user', body: input.body, attachments })
        if (ticket.status === 'pending' || ticket.status === 'solved')
          await changeStatus(repo, ticket, 'open', 'reopened by a user comment')
        else await touchTicket(repo, ticket.id)
        return { status: 201, body: toComment(comment, app.refOut(viewer)) }
      },
    },
    {
      method: 'POST',
      path: '/v1/tickets/:id/escalate',
      auth: 'user',
      idem: 'required',
      handle: async ({ userId, params, body }, repo) => {
        const { reason } = validate(reasonSchema, body)
        const ticket = await loadTicket(repo, params.id, userId)
        if (ticket.status === 'closed') throw conflict('ticket is closed')
        const priority = RANK.indexOf(ticket.priority) < RANK.indexOf('high') ? 'high' : ticket.priority
        await repo.escalateTicket(ticket.id, priority)
        await insertComment(repo, ticket.id, {
          author: 'system',
          body: reason ? `Escalated: ${reason}` : 'Escalated',
          attachments: [],
        })
        return { status: 200, body: toTicket(await touchTicket(repo, ticket.id)) }
      },
    },
    {
      method: 'POST',
      path: '/v1/tickets/:id/rating',
      auth: 'user',
      idem: 'required',
      handle: async ({ userId, params, body }, repo) => {
        const input = validate(ratingSchema, body)
        const ticket = await loadTicket(repo, params.id, userId)
        if (ticket.status !== 'solved' && ticket.status !== 'closed')
          throw conflict('only a solved or closed ticket can be rated')
        await repo.rateTicket(ticket.id, input.score, maskText(input.comment) ?? null)
        await touchTicket(repo, ticket.id)
        return { status: 204 }
      },
    },
  ]
}
