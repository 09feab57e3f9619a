import type { MessagePage } from '../../../src/types.js'
import type { Route } from '../app.js'
import {
  appendMessage,
  appendMessageText,
  conversationOut,
  emitConversation,
  endConversation,
  listMessages,
  loadConversation,
  newMessageRow,
} from '../chatStore.js'
import { conflict, notFound, rejected } from '../http.js'
import { isoTime, newId, nowIso, toMessage } from '../model.js'
import { conversationSchema, messageSchema, ratingSchema, readSchema, typingSchema, validate } from '../schemas.js'
import { lockedConversation } from './agent.js'
import { resolveRefs } from './attachments.js'
import { maskText } from '../mask.js'

/** Where a message's seq sits in its JSON (a structural key: a quote inside a string value is escaped). */
const SEQ_KEY = '"seq":'

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
      method: 'POST',
      path: '/v1/conversations',
      auth: 'user',
      idem: 'required',
      handle: async ({ app, userId, body, req, viewer }, repo) => {
        const input = validate(conversationSchema, body)
        const uid = userId as string
        // At the limit a start joins the newest open conversation instead of queueing another:
        // one user must not be able to flood the queue and everyone's expected wait.
        await repo.lockUser(uid)
        const open = await repo.openConversations(uid, app.limits.openConversationsPerUser)
        const reuse = open.length >= app.limits.openConversationsPerUser ? open[0] : undefined
        const id = reuse?.id ?? newId('cv')
        if (!reuse) {
          const now = nowIso()
          await repo.insertConversation(id, uid, maskText(input.locale), now)
        }
        let conv = await loadConversation(repo, id)
        const ref = app.refOut(viewer)
        const clientId = idemKey(req.headers['idempotency-key'])
        if (input.transaction) {
          await appendMessage(
            repo,
            conv,
            {
              author: 'user',
              kind: 'transaction',
              text: '',
              attachments: [],
              transaction: input.transaction,
              clientId: clientId === undefined ? undefined : `${clientId}:transaction`,
            },
            ref,
          )
        }
        if (input.text !== undefined && input.text.trim() !== '') {
          await appendMessage(
            repo,
            conv,
            { author: 'user', kind: 'text', text: input.text, attachments: [], clientId },
            ref,
          )
        }
        conv = await loadConversation(repo, id)
        return { status: reuse ? 200 : 201, body: await emitConversation(repo, conv) }
      },
    },
    {
      method: 'GET',
      path: '/v1/conversations',
      auth: 'user',
      handle: async ({ userId }, repo) => {
        const out = []
        for (const r of await repo.conversationsOf(userId as string)) out.push(await conversationOut(repo, r))
        return { status: 200, body: out }
      },
    },
    {
      method: 'GET',
      path: '/v1/conversations/:id',
      auth: 'user',
      handle: async ({ userId, params }, repo) => ({
        status: 200,
        body: await conversationOut(repo, await loadConversation(repo, params.id, userId)),
      }),
    },
    {
      method: 'GET',
      path: '/v1/conversations/:id/messages',
      auth: 'user',
      handle: async ({ app, userId, params, url, viewer }, repo) => {
        const conv = await loadConversation(repo, params.id, userId)
        const sinceRaw = url.searchParams.get('since')
        const since = parseCursor(sinceRaw)
        const limitRaw = Number(url.searchParams.get('limit') ?? 100)
        const limit = Number.isInteger(limitRaw) ? Math.min(200, Math.max(1, limitRaw)) : 100
        const { messages, hasMore } = await listMessages(repo, conv, since, limit, app.refOut(viewer))
        const last = messages[messages.length - 1]
        const cursor = last ? String(last.seq) : sinceRaw !== null && sinceRaw !== '' ? sinceRaw : null
        const page: MessagePage = { messages, cursor, hasMore }
        return { status: 200, body: page }
      },
    },
    {
      method: 'POST',
      path: '/v1/conversations/:id/messages',
      auth: 'user',
      idem: 'required',
      // Without attachments the store may take it in one call: same checks, order and answers.
      once: async ({ app, userId, params, body, req, viewer }, idem) => {
        if (!app.store.sendMessageOnce || params.id === undefined) return undefined
        const parsed = messageSchema.safeParse(body)
        if (!parsed.success || parsed.data.attachments.length > 0) return undefined
        const input = parsed.data
        const row = newMessageRow(
          params.id,
          {
            author: 'user',
            kind: input.kind,
            text: input.text,
            attachments: [],
            transaction: input.transaction,
            clientId: idemKey(req.headers['idempotency-key']),
          },
          isoTime(idem.at),
        )
        // The seq is taken in the store: the JSON is cut around it there and joined.
        const message = toMessage({ ...row, seq: 0 }, app.refOut(viewer))
        const text = JSON.stringify(message)
        const cut = text.indexOf(SEQ_KEY) + SEQ_KEY.length
        const r = await app.store.sendMessageOnce({
          idem,
          userId: userId as string,
          message: row,
          head: text.slice(0, cut),
          tail: text.slice(cut + 1),
        })
        if (r.outcome === 'stored') return { stored: r.row }
        if (r.outcome === 'not_found') throw notFound('no such conversation')
        if (r.outcome === 'ended') throw conflict('conversation has ended')
        return { result: { status: 201, body: { ...message, seq: r.seq }, text: r.text } }
      },
      handle: async ({ app, userId, params, body, req, viewer }, repo) => {
        const input = validate(messageSchema, body)
        // Locked: a send racing an end either lands before the "ended" line or is refused.
        const conv = await lockedConversation(repo, params.id, userId)
        if (conv.status === 'ended') throw conflict('conversation has ended')
        const attachments = await resolveRefs(repo, userId as string, input.attachments)
        const { message, text } = await appendMessageText(
          repo,
          conv,
          {
            author: 'user',
            kind: input.kind,
            text: input.text,
            attachments,
            transaction: input.transaction,
            clientId: idemKey(req.headers['idempotency-key']),
          },
          app.refOut(viewer),
        )
        return { status: 201, body: message, text }
      },
    },
    {
      method: 'POST',
      path: '/v1/conversations/:id/typing',
      auth: 'user',
      handle: async ({ userId, params, body }, repo) => {
        const { on } = validate(typingSchema, body)
        const conv = await loadConversation(repo, params.id, userId)
        await repo.emit(conv.user_id, 'agent', { type: 'typing', conversationId: conv.id, author: 'user', on })
        return { status: 204 }
      },
    },
    {
      method: 'POST',
      path: '/v1/conversations/:id/read',
      auth: 'user',
      handle: async ({ userId, params, body }, repo) => {
        const { upToSeq } = validate(readSchema, body)
        const conv = await loadConversation(repo, params.id, userId)
        const upTo = Math.min(upToSeq, conv.last_seq)
        if (upTo > conv.user_read_seq) {
          await repo.setReadSeq(conv.id, 'user', upTo)
          await repo.emit(conv.user_id, 'agent', { type: 'read', conversationId: conv.id, upToSeq: upTo, by: 'user' })
        }
        return { status: 204 }
      },
    },
    {
      method: 'POST',
      path: '/v1/conversations/:id/end',
      auth: 'user',
      idem: 'optional',
      handle: async ({ app, userId, params, viewer }, repo) => ({
        status: 200,
        body: await endConversation(repo, await lockedConversation(repo, params.id, userId), app.refOut(viewer)),
      }),
    },
    {
      method: 'POST',
      path: '/v1/conversations/:id/rating',
      auth: 'user',
      idem: 'required',
      handle: async ({ userId, params, body }, repo) => {
        const input = validate(ratingSchema, body)
        const conv = await loadConversation(repo, params.id, userId)
        if (conv.status !== 'ended') throw conflict('only an ended conversation can be rated')
        await repo.rateConversation(conv.id, input.score, maskText(input.comment) ?? null)
        return { status: 204 }
      },
    },
  ]
}
