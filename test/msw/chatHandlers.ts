import { http, HttpResponse, type HttpHandler } from 'msw'
import type { ChatEvent, Message } from '../../src/types.js'
import { fail, respond, type Kit } from './kit.js'
import { canonicalJson, type ProtocolState, type StoredConversation } from './protocolState.js'

/** Live-chat routes and the event stream of docs/protocol.md §7 and §10. */
export function chatHandlers(kit: Kit, state: ProtocolState, streamRetryMs = 50): HttpHandler[] {
  const { u, guard, param, auth, body, once, conversationOf, attachmentsOf } = kit
  return [
    http.post(
      u('/conversations'),
      guard(async ({ request }) => {
        const { userId } = auth(request)
        const b = await body(request)
        const key = request.headers.get('Idempotency-Key') ?? ''
        return once(request, userId, canonicalJson(b), () => {
          const c: StoredConversation = {
            id: state.id('cv'),
            reference: `HC-${String(state.conversations.size + 1).padStart(6, '0')}`,
            status: 'queued',
            createdAt: state.iso(),
            userId,
          }
          state.conversations.set(c.id, c)
          state.messages.set(c.id, [])
          if (b.transaction)
            state.pushMessage(c, {
              clientId: key,
              author: 'user',
              kind: 'transaction',
              text: '',
              attachments: [],
              transaction: b.transaction as Message['transaction'] & object,
            })
          if (typeof b.text === 'string' && b.text)
            state.pushMessage(c, { clientId: key, author: 'user', kind: 'text', text: b.text, attachments: [] })
          return { status: 201, body: state.conversation(c) }
        })
      }),
    ),
    http.get(
      u('/conversations/:id'),
      guard((info) =>
        HttpResponse.json(state.conversation(conversationOf(param(info, 'id'), auth(info.request).userId))),
      ),
    ),
    http.post(
      u('/conversations/:id/messages'),
      guard(async (info) => {
        const { userId } = auth(info.request)
        const c = conversationOf(param(info, 'id'), userId)
        const b = await body(info.request)
        const key = info.request.headers.get('Idempotency-Key') ?? ''
        return once(info.request, userId, canonicalJson(b), () => {
          if (c.status === 'ended') fail(409, 'conflict', 'conversation ended')
          if (!['text', 'image', 'transaction'].includes(String(b.kind)))
            fail(400, 'rejected', 'invalid kind', { kind: 'Invalid' })
          const m = state.pushMessage(c, {
            clientId: key,
            author: 'user',
            kind: b.kind as Message['kind'],
            text: String(b.text ?? ''),
            attachments: attachmentsOf(b.attachments, userId),
            ...(b.transaction ? { transaction: b.transaction as Message['transaction'] & object } : {}),
          })
          return { status: 201, body: m }
        })
      }),
    ),
    http.get(
      u('/conversations/:id/messages'),
      guard((info) => {
        const c = conversationOf(param(info, 'id'), auth(info.request).userId)
        const params = new URL(info.request.url).searchParams
        const since = params.get('since')
        const after = since === null ? 0 : Number(since)
        if (!Number.isInteger(after) || after < 0) fail(400, 'rejected', 'invalid cursor', { since: 'Invalid cursor' })
        const limit = Math.min(200, Math.max(1, Number(params.get('limit') ?? 100) || 100))
        const newer = (state.messages.get(c.id) ?? []).filter((m) => m.seq > after)
        const page = newer.slice(0, limit)
        return HttpResponse.json({
          messages: page,
          cursor: page.length ? String(page.at(-1)!.seq) : since,
          hasMore: newer.length > limit,
        })
      }),
    ),
    http.post(
      u('/conversations/:id/typing'),
      guard((info) => (conversationOf(param(info, 'id'), auth(info.request).userId), respond(204, null))),
    ),
    http.post(
      u('/conversations/:id/read'),
      guard((info) => (conversationOf(param(info, 'id'), auth(info.request).userId), respond(204, null))),
    ),
    http.post(
      u('/conversations/:id/end'),
      guard((info) => {
        const c = conversationOf(param(info, 'id'), auth(info.request).userId)
        if (c.status !== 'ended') {
          c.status = 'ended'
          delete c.queuePosition
          state.pushMessage(c, { author: 'system', kind: 'event', text: 'ended', attachments: [] })
          state.publish(c.userId, { type: 'conversation', conversation: state.conversation(c) })
        }
        return HttpResponse.json(state.conversation(c))
      }),
    ),
    http.post(
      u('/conversations/:id/rating'),
      guard(async (info) => {
        const { userId } = auth(info.request)
        const c = conversationOf(param(info, 'id'), userId)
        const b = await body(info.request)
        return once(info.request, userId, canonicalJson(b), () =>
          c.status === 'ended' ? { status: 204 } : fail(409, 'conflict', 'conversation not ended'),
        )
      }),
    ),
    http.get(
      u('/events'),
      guard(({ request }) => eventStream(request, auth(request).userId, state, streamRetryMs)),
    ),
  ]
}

/** Protocol §10: `retry:`, a `: connected` comment, replay after Last-Event-ID, then live events. */
function eventStream(request: Request, userId: string, state: ProtocolState, streamRetryMs: number): Response {
  const last = Number(
    request.headers.get('Last-Event-ID') ?? new URL(request.url).searchParams.get('lastEventId') ?? NaN,
  )
  const encoder = new TextEncoder()
  let client: { userId: string; send(id: number, e: ChatEvent): void; close(): void } | undefined
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      let open = true
      const write = (text: string) => open && controller.enqueue(encoder.encode(text))
      client = {
        userId,
        send: (id, e) => write(`id: ${id}\ndata: ${JSON.stringify(e)}\n\n`),
        close: () => {
          if (open) {
            open = false
            controller.close()
          }
        },
      }
      write(`retry: ${streamRetryMs}\n: connected\n\n`)
      if (Number.isInteger(last))
        for (const e of state.events) if (e.id > last && e.userId === userId) client.send(e.id, e.event)
      state.streams.add(client)
    },
    cancel() {
      if (client) state.streams.delete(client)
    },
  })
  request.signal.addEventListener('abort', () => client && state.streams.delete(client))
  return new HttpResponse(stream, { headers: { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' } })
}
