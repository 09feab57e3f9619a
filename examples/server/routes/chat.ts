import type { MessagePage } from '../../../src/types.js'
import type { Route } from '../app.js'
import {
  appendMessage, conversationOut, emitConversation, endConversation, listMessages, loadConversation,
} from '../chatStore.js'
import { conflict, rejected } from '../http.js'
import { newId, nowIso, type ConversationRow } from '../model.js'
import { conversationSchema, messageSchema, ratingSchema, readSchema, typingSchema, validate } from '../schemas.js'
import { resolveRefs } from './attachments.js'
import { maskText } from '../mask.js'

const idemKey = (h: string | string[] | undefined): string | undefined => (Array.isArray(h) ? h[0] : h)

/** Parses `since` (opaque to clients; a seq here) or rejects it. */
function parseCursor(raw: string | null): number {
  if (raw === null || raw === '') return 0
  if (!/^\d{1,15}$/.test(raw)) throw rejected('invalid cursor', { since: 'Invalid cursor' })
  return Number(raw)
}

export function chatRoutes(): Route[] {
  return [
    {
      method: 'POST', path: '/v1/conversations', auth: 'user', idem: 'required',
      handle: ({ app, userId, body, req, viewer }) => {
        const input = validate(conversationSchema, body)
        const uid = userId as string
        // At the limit a start joins the newest open conversation instead of queueing another:
        // one user must not be able to flood the queue and everyone's expected wait.
        const open = app.db.prepare<ConversationRow>("SELECT * FROM conversations WHERE user_id = ? AND status != 'ended' ORDER BY n DESC LIMIT ?")
          .all(uid, app.limits.openConversationsPerUser)
        const reuse = open.length >= app.limits.openConversationsPerUser ? open[0] : undefined
        const id = reuse?.id ?? newId('cv')
        if (!reuse) {
          const now = nowIso()
          app.db.prepare("INSERT INTO conversations (id, user_id, status, locale, created_at, updated_at) VALUES (?, ?, 'queued', ?, ?, ?)")
            .run(id, uid, maskText(input.locale), now, now)
        }
        let conv = loadConversation(app, id)
        const ref = app.refOut(viewer)
        const clientId = idemKey(req.headers['idempotency-key'])
        if (input.transaction) {
          appendMessage(app, conv, { author: 'user', kind: 'transaction', text: '', attachments: [], transaction: input.transaction,
            clientId: clientId === undefined ? undefined : `${clientId}:transaction` }, ref)
        }
        if (input.text !== undefined && input.text.trim() !== '') {
          appendMessage(app, conv, { author: 'user', kind: 'text', text: input.text, attachments: [], clientId }, ref)
        }
        conv = loadConversation(app, id)
        return { status: reuse ? 200 : 201, body: emitConversation(app, conv) }
      },
    },
    {
      method: 'GET', path: '/v1/conversations', auth: 'user',
      handle: ({ app, userId }) => ({
        status: 200,
        body: app.db.prepare<ConversationRow>('SELECT * FROM conversations WHERE user_id = ? ORDER BY n DESC').all(userId)
          .map((r) => conversationOut(app, r)),
      }),
    },
    {
      method: 'GET', path: '/v1/conversations/:id', auth: 'user',
      handle: ({ app, userId, params }) => ({ status: 200, body: conversationOut(app, loadConversation(app, params.id, userId)) }),
    },
    {
      method: 'GET', path: '/v1/conversations/:id/messages', auth: 'user',
      handle: ({ app, userId, params, url, viewer }) => {
        const conv = loadConversation(app, params.id, userId)
        const sinceRaw = url.searchParams.get('since')
        const since = parseCursor(sinceRaw)
        const limitRaw = Number(url.searchParams.get('limit') ?? 100)
        const limit = Number.isInteger(limitRaw) ? Math.min(200, Math.max(1, limitRaw)) : 100
        const { messages, hasMore } = listMessages(app, conv, since, limit, app.refOut(viewer))
        const last = messages[messages.length - 1]
        const cursor = last ? String(last.seq) : sinceRaw !== null && sinceRaw !== '' ? sinceRaw : null
        const page: MessagePage = { messages, cursor, hasMore }
        return { status: 200, body: page }
      },
    },
    {
      method: 'POST', path: '/v1/conversations/:id/messages', auth: 'user', idem: 'required',
      handle: ({ app, userId, params, body, req, viewer }) => {
        const input = validate(messageSchema, body)
        const conv = loadConversation(app, params.id, userId)
        if (conv.status === 'ended') throw conflict('conversation has ended')
        const attachments = resolveRefs(app, userId as string, input.attachments)
        const message = appendMessage(app, conv, {
          author: 'user', kind: input.kind, text: input.text, attachments, transaction: input.transaction,
          clientId: idemKey(req.headers['idempotency-key']),
        }, app.refOut(viewer))
        return { status: 201, body: message }
      },
    },
    {
      method: 'POST', path: '/v1/conversations/:id/typing', auth: 'user',
      handle: ({ app, userId, params, body }) => {
        const { on } = validate(typingSchema, body)
        const conv = loadConversation(app, params.id, userId)
        app.hub.emit(conv.user_id, 'agent', { type: 'typing', conversationId: conv.id, author: 'user', on })
        return { status: 204 }
      },
    },
    {
      method: 'POST', path: '/v1/conversations/:id/read', auth: 'user',
      handle: ({ app, userId, params, body }) => {
        const { upToSeq } = validate(readSchema, body)
        const conv = loadConversation(app, params.id, userId)
        const upTo = Math.min(upToSeq, conv.last_seq)
        if (upTo > conv.user_read_seq) {
          app.db.prepare('UPDATE conversations SET user_read_seq = ? WHERE id = ?').run(upTo, conv.id)
          app.hub.emit(conv.user_id, 'agent', { type: 'read', conversationId: conv.id, upToSeq: upTo, by: 'user' })
        }
        return { status: 204 }
      },
    },
    {
      method: 'POST', path: '/v1/conversations/:id/end', auth: 'user', idem: 'optional',
      handle: ({ app, userId, params, viewer }) => ({
        status: 200, body: endConversation(app, loadConversation(app, params.id, userId), app.refOut(viewer)),
      }),
    },
    {
      method: 'POST', path: '/v1/conversations/:id/rating', auth: 'user', idem: 'required',
      handle: ({ app, userId, params, body }) => {
        const input = validate(ratingSchema, body)
        const conv = loadConversation(app, params.id, userId)
        if (conv.status !== 'ended') throw conflict('only an ended conversation can be rated')
        app.db.prepare('UPDATE conversations SET rating_score = ?, rating_comment = ? WHERE id = ?').run(input.score, maskText(input.comment) ?? null, conv.id)
        return { status: 204 }
      },
    },
  ]
}
