import type { Priority, TicketStatus } from '../../../src/types.js'
import type { App, Route } from '../app.js'
import { conflict, notFound } from '../http.js'
import { tooMany } from '../limits.js'
import {
  newId, nowIso, toComment, toDetail, toTicket, type CommentRow, type HistoryRow, type RefOut, type TicketRow,
} from '../model.js'
import { commentSchema, ratingSchema, reasonSchema, ticketSchema, validate } from '../schemas.js'
import { resolveRefs } from './attachments.js'
import { maskInput, maskText } from '../mask.js'

/** Loads a ticket of `userId` (or of anyone when undefined: agent routes); 404 otherwise. */
export function loadTicket(app: App, id: string | undefined, userId?: string): TicketRow {
  const row = app.db.prepare<TicketRow>('SELECT * FROM tickets WHERE id = ?').get(id)
  if (!row || (userId !== undefined && row.user_id !== userId)) throw notFound('no such ticket')
  return row
}

export function ticketDetail(app: App, row: TicketRow, ref: RefOut): ReturnType<typeof toDetail> {
  const comments = app.db.prepare<CommentRow>('SELECT * FROM ticket_comments WHERE ticket_id = ? ORDER BY n').all(row.id)
  const history = app.db.prepare<HistoryRow>('SELECT status, note, at FROM ticket_history WHERE ticket_id = ? ORDER BY n').all(row.id)
  return toDetail(row, comments, history, ref)
}

/**
 * Moves a ticket to `status` (history entry + updated_at) and tells its owner and the agents.
 * A no-op status change still records a note when one is given.
 */
export function changeStatus(app: App, row: TicketRow, status: TicketStatus, note?: string): TicketRow {
  const at = nowIso()
  if (status !== row.status || note !== undefined) {
    app.db.prepare('INSERT INTO ticket_history (ticket_id, status, note, at) VALUES (?, ?, ?, ?)').run(row.id, status, maskText(note) ?? null, at)
  }
  app.db.prepare('UPDATE tickets SET status = ?, updated_at = ? WHERE id = ?').run(status, at, row.id)
  return touchTicket(app, row.id)
}

/** Re-reads a ticket after a change and emits the `ticket` event. */
export function touchTicket(app: App, id: string): TicketRow {
  app.db.prepare('UPDATE tickets SET updated_at = ? WHERE id = ?').run(nowIso(), id)
  const fresh = loadTicket(app, id)
  app.hub.emit(fresh.user_id, 'both', { type: 'ticket', ticket: toTicket(fresh) })
  return fresh
}

export function insertComment(
  app: App, ticketId: string, c: { author: 'user' | 'agent' | 'system'; authorName?: string | undefined; body: string; attachments: unknown[] },
): CommentRow {
  const row: CommentRow = {
    id: newId('cm'), ticket_id: ticketId, author: c.author, author_name: c.authorName ?? null, body: maskText(c.body),
    attachments: JSON.stringify(c.attachments), created_at: nowIso(),
  }
  app.db.prepare('INSERT INTO ticket_comments (id, ticket_id, author, author_name, body, attachments, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .run(row.id, row.ticket_id, row.author, row.author_name, row.body, row.attachments, row.created_at)
  return row
}

/** 429 once a user filed `ticketsPerHour` tickets in the last hour; Retry-After says when the oldest ages out. */
function checkTicketRate(app: App, userId: string, now = Date.now()): void {
  const max = app.limits.ticketsPerHour
  if (!Number.isFinite(max)) return
  const since = new Date(now - 3600_000).toISOString()
  const recent = app.db.prepare<{ created_at: string }>('SELECT created_at FROM tickets WHERE user_id = ? AND created_at >= ? ORDER BY created_at DESC LIMIT ?')
    .all(userId, since, max)
  const oldest = recent[max - 1]
  if (oldest) throw tooMany('ticket_limit', `at most ${max} requests per hour`, Date.parse(oldest.created_at) + 3600_000 - now)
}

const RANK: Priority[] = ['low', 'normal', 'high', 'urgent']

export function ticketRoutes(): Route[] {
  return [
    {
      method: 'POST', path: '/v1/tickets', auth: 'user', idem: 'required',
      handle: ({ app, userId, body }) => {
        const input = maskInput(validate(ticketSchema, body))
        const uid = userId as string
        checkTicketRate(app, uid)
        const attachments = resolveRefs(app, uid, input.attachments)
        const id = newId('tk')
        const now = nowIso()
        app.db.prepare(`INSERT INTO tickets (id, user_id, status, priority, category, subject, description, fields, txn,
            attachments, locale, diagnostics, created_at, updated_at) VALUES (?, ?, 'new', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
          .run(id, uid, input.priority, input.category, input.subject, input.description, JSON.stringify(input.fields),
            input.transaction ? JSON.stringify(input.transaction) : null, JSON.stringify(attachments), input.locale,
            input.diagnostics ? JSON.stringify(input.diagnostics) : null, now, now)
        app.db.prepare("INSERT INTO ticket_history (ticket_id, status, note, at) VALUES (?, 'new', NULL, ?)").run(id, now)
        const row = loadTicket(app, id)
        app.hub.emit(uid, 'both', { type: 'ticket', ticket: toTicket(row) })
        return { status: 201, body: toTicket(row) }
      },
    },
    {
      method: 'GET', path: '/v1/tickets', auth: 'user',
      handle: ({ app, userId }) => ({
        status: 200,
        body: app.db.prepare<TicketRow>('SELECT * FROM tickets WHERE user_id = ? ORDER BY updated_at DESC, n DESC').all(userId).map(toTicket),
      }),
    },
    {
      method: 'GET', path: '/v1/tickets/:id', auth: 'user',
      handle: ({ app, userId, params, viewer }) => ({
        status: 200, body: ticketDetail(app, loadTicket(app, params.id, userId), app.refOut(viewer)),
      }),
    },
    {
      method: 'POST', path: '/v1/tickets/:id/comments', auth: 'user', idem: 'required',
      handle: ({ app, userId, params, body, viewer }) => {
        const input = validate(commentSchema, body)
        const ticket = loadTicket(app, params.id, userId)
        if (ticket.status === 'closed') throw conflict('ticket is closed')
        const attachments = resolveRefs(app, userId as string, input.attachments)
        const comment = insertComment(app, ticket.id, { author: 'user', body: input.body, attachments })
        if (ticket.status === 'pending' || ticket.status === 'solved') changeStatus(app, ticket, 'open', 'reopened by a user comment')
        else touchTicket(app, ticket.id)
        return { status: 201, body: toComment(comment, app.refOut(viewer)) }
      },
    },
    {
      method: 'POST', path: '/v1/tickets/:id/escalate', auth: 'user', idem: 'required',
      handle: ({ app, userId, params, body }) => {
        const { reason } = validate(reasonSchema, body)
        const ticket = loadTicket(app, params.id, userId)
        if (ticket.status === 'closed') throw conflict('ticket is closed')
        const priority = RANK.indexOf(ticket.priority) < RANK.indexOf('high') ? 'high' : ticket.priority
        app.db.prepare('UPDATE tickets SET escalated = 1, priority = ? WHERE id = ?').run(priority, ticket.id)
        insertComment(app, ticket.id, { author: 'system', body: reason ? `Escalated: ${reason}` : 'Escalated', attachments: [] })
        return { status: 200, body: toTicket(touchTicket(app, ticket.id)) }
      },
    },
    {
      method: 'POST', path: '/v1/tickets/:id/rating', auth: 'user', idem: 'required',
      handle: ({ app, userId, params, body }) => {
        const input = validate(ratingSchema, body)
        const ticket = loadTicket(app, params.id, userId)
        if (ticket.status !== 'solved' && ticket.status !== 'closed') throw conflict('only a solved or closed ticket can be rated')
        app.db.prepare('UPDATE tickets SET rating_score = ?, rating_comment = ? WHERE id = ?').run(input.score, maskText(input.comment) ?? null, ticket.id)
        touchTicket(app, ticket.id)
        return { status: 204 }
      },
    },
  ]
}
