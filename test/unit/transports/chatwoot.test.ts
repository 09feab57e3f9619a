import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { RateLimitedError, RejectedError, UnauthorizedError } from '../../../src/errors/index.js'
import { chatwootTransport, type ChatwootTransportOptions } from '../../../src/transports/chatwoot.js'
import { toAttachmentRef, toChatEvents } from '../../../src/transports/chatwootMap.js'
import type { CwContact } from '../../../src/transports/chatwootSchemas.js'
import type { Transport, WriteFinder } from '../../../src/transports/types.js'
import type { ChatEvent } from '../../../src/types.js'
import { ChatwootState, createChatwootHandlers } from '../../msw/chatwoot.js'
import { waitFor } from '../../support/waitFor.js'

const server = setupServer()
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterAll(() => server.close())

let state: ChatwootState
let t: Transport & WriteFinder
const events: ChatEvent[] = []
const make = (over: Partial<ChatwootTransportOptions> = {}) =>
  chatwootTransport({
    baseUrl: 'http://chat.test',
    inboxIdentifier: state.inbox,
    identifierHash: async (u) => state.hash(u?.id ?? ''),
    WebSocket: state.cable.WebSocket,
    cable: { minDelayMs: 10, maxDelayMs: 40, staleMs: 5000 },
    portalSlug: 'help',
    ...over,
  })

beforeEach(async () => {
  state = new ChatwootState()
  server.resetHandlers(...createChatwootHandlers(state))
  events.length = 0
  t = make()
  await t.identify({ id: 'u-1', name: 'Ada', email: 'ada@example.org' })
})
afterEach(() => t.dispose?.())

describe('chatwoot identify', () => {
  it('a wrong identifier hash (Chatwoot answers 500) is an UnauthorizedError', async () => {
    const bad = make({ identifierHash: async () => 'deadbeef' })
    await expect(bad.identify({ id: 'u-2' })).rejects.toBeInstanceOf(UnauthorizedError)
  })

  it('identifying the same user again keeps the contact (and its unverified history)', async () => {
    const plain = chatwootTransport({ baseUrl: 'http://chat.test', inboxIdentifier: state.inbox })
    await plain.identify({ id: 'u-plain' })
    const c = await plain.startConversation!({ locale: 'en', text: 'hi' }, { idempotencyKey: 'k' })
    await plain.identify({ id: 'u-plain' })
    expect((await plain.getConversation!(c.id)).id).toBe(c.id)
  })

  it('reuses a stored contact instead of creating one per page load, and recreates a vanished one', async () => {
    const saved = new Map<string, CwContact>()
    const store = { load: (id: string) => saved.get(id), save: (id: string, c: CwContact) => void saved.set(id, c) }
    await make({ contactStore: store }).identify({ id: 'u-3' })
    await make({ contactStore: store }).identify({ id: 'u-3' })
    const creates = () => state.calls.filter((c) => c.method === 'POST' && c.path.endsWith('/contacts')).length
    expect(creates()).toBe(2) // beforeEach's user + u-3 once
    state.contactInboxes.delete(saved.get('u-3')!.source_id)
    await make({ contactStore: store }).identify({ id: 'u-3' })
    expect(creates()).toBe(3)
  })
})

describe('chatwoot requests', () => {
  it('a 429 without Retry-After backs off for a real window, without a hot retry', async () => {
    state.throttle = 5
    state.calls.length = 0
    const error = await t.listTickets!().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(RateLimitedError)
    expect((error as RateLimitedError).retryAfterMs).toBe(20_000)
    expect(state.calls).toHaveLength(1)
  })

  it('a RecordInvalid answer carries its attributes as field errors', async () => {
    const c = await t.startConversation!({ locale: 'en' }, { idempotencyKey: 'c1' })
    const error = await t.sendMessage!(
      c.id,
      { kind: 'text', text: '', attachments: [] },
      { idempotencyKey: 'm' },
    ).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(RejectedError)
    expect((error as RejectedError).fieldErrors).toEqual([{ field: 'content', code: 'invalid' }])
  })

  it('sends files with the message as multipart and maps what Chatwoot stored', async () => {
    const c = await t.startConversation!({ locale: 'en' }, { idempotencyKey: 'c1' })
    const ref = await t.uploadAttachment!(
      new Blob([new Uint8Array(5)], { type: 'image/png' }),
      { name: '收据.png', type: 'image/png' },
      { idempotencyKey: 'u' },
    )
    expect(state.calls.some((x) => x.path.includes('attachments'))).toBe(false)
    const m = await t.sendMessage!(
      c.id,
      { kind: 'image', text: 'receipt', attachments: [ref] },
      { idempotencyKey: 'm1' },
    )
    expect(m.attachments).toEqual([expect.objectContaining({ name: '收据.png', type: 'image/png', size: 5 })])
    const stored = state.conversations.get(Number(c.id))!.messages.at(-1)!
    expect(stored.echo_id).toBe('m1')
    // The file is gone from the page once Chatwoot has it: a second send cannot reuse the ref.
    await expect(
      t.sendMessage!(c.id, { kind: 'image', text: 'x', attachments: [ref] }, { idempotencyKey: 'm2' }),
    ).rejects.toBeInstanceOf(RejectedError)
  })

  it('typing and read go to toggle_typing and update_last_seen', async () => {
    const c = await t.startConversation!({ locale: 'en' }, { idempotencyKey: 'c1' })
    await t.setTyping!(c.id, true)
    expect(state.calls.at(-1)).toMatchObject({
      path: expect.stringMatching(/toggle_typing$/),
      body: { typing_status: 'on' },
    })
    await t.markRead!(c.id, 1)
    expect(state.conversations.get(Number(c.id))!.contact_last_seen_at).toBeGreaterThan(0)
  })

  it('pages back with `before` until the cursor is covered', async () => {
    const c = await t.startConversation!({ locale: 'en' }, { idempotencyKey: 'c1' })
    const first = await t.sendMessage!(c.id, { kind: 'text', text: 'm0', attachments: [] }, { idempotencyKey: 'k0' })
    for (let i = 1; i <= 44; i++) state.agentReply(Number(c.id), `a${i}`)
    const page = await t.listMessages!(c.id, String(first.seq))
    expect(page.messages.map((m) => m.text)).toEqual(Array.from({ length: 44 }, (_, i) => `a${i + 1}`))
    expect(state.calls.filter((x) => x.path.endsWith('/messages') && x.method === 'GET')).toHaveLength(3)
    expect(page.cursor).toBe(page.messages.at(-1)?.id)
  })

  it('maps pending to queued, resolve to ended, and a later message reopens (Chatwoot semantics)', async () => {
    state.initialStatus = 'pending'
    const c = await t.startConversation!({ locale: 'en', text: 'hi' }, { idempotencyKey: 'c1' })
    expect(c.status).toBe('queued')
    expect((await t.endConversation!(c.id)).status).toBe('ended')
    await t.sendMessage!(c.id, { kind: 'text', text: 'one more thing', attachments: [] }, { idempotencyKey: 'm' })
    expect((await t.getConversation!(c.id)).status).toBe('active')
  })

  it('findWrite finds a landed message by its text, nothing for text never sent', async () => {
    const c = await t.startConversation!({ locale: 'en' }, { idempotencyKey: 'c1' })
    const m = await t.sendMessage!(
      c.id,
      { kind: 'text', text: 'hello there', attachments: [] },
      { idempotencyKey: 'k' },
    )
    expect((await t.findWrite({ kind: 'message', conversationId: c.id, text: 'hello there' }, 'k'))?.id).toBe(m.id)
    expect(await t.findWrite({ kind: 'message', conversationId: c.id, text: 'never sent' }, 'k2')).toBeUndefined()
    // The same words sent long before this write started are another message, not this one.
    const sentAt = Date.parse(m.createdAt)
    expect(
      await t.findWrite({ kind: 'message', conversationId: c.id, text: 'hello there', since: sentAt + 600_000 }, 'k'),
    ).toBeUndefined()
    expect(
      (await t.findWrite({ kind: 'message', conversationId: c.id, text: 'hello there', since: sentAt + 60_000 }, 'k'))
        ?.id,
    ).toBe(m.id)
  })

  it('findWrite for a part of a long message takes the oldest match after the part before it', async () => {
    const c = await t.startConversation!({ locale: 'en' }, { idempotencyKey: 'c2' })
    const send = (text: string, k: string) =>
      t.sendMessage!(c.id, { kind: 'text', text, attachments: [] }, { idempotencyKey: k })
    const find = (text: string, after: string | null) =>
      t.findWrite({ kind: 'message', conversationId: c.id, text, after }, 'p')
    // The user's own "Thanks!" just before a long message whose parts are [A, B, A, "Thanks!"].
    const thanks = await send('Thanks!', 'own')
    const a1 = await send('same block', 'p0')
    const b = await send('other block', 'p1')
    const a2 = await send('same block', 'p2')
    expect((await find('same block', null))?.id).toBe(a1.id)
    expect((await find('other block', a1.id))?.id).toBe(b.id)
    expect((await find('same block', b.id))?.id).toBe(a2.id)
    // The last part never landed: the earlier "Thanks!" is not taken for it.
    expect(await find('Thanks!', a2.id)).toBeUndefined()
    expect((await find('Thanks!', null))?.id).toBe(thanks.id)
    // Without `after` (a whole message), the newest match, as before.
    expect((await t.findWrite({ kind: 'message', conversationId: c.id, text: 'same block' }, 'k'))?.id).toBe(a2.id)
  })

  it('findWrite finds a landed message behind more than a page of later messages (Chatwoot pages 20 at a time)', async () => {
    const c = await t.startConversation!({ locale: 'en' }, { idempotencyKey: 'c3' })
    const m = await t.sendMessage!(c.id, { kind: 'text', text: 'part one', attachments: [] }, { idempotencyKey: 'p0' })
    for (let i = 0; i < 25; i++) state.agentReply(Number(c.id), `Are you still there? (${i})`)
    const since = Date.parse(m.createdAt)
    expect((await t.findWrite({ kind: 'message', conversationId: c.id, text: 'part one', since }, 'p0'))?.id).toBe(m.id)
    // Walking back stops at `since`: the same words sent long before are another message.
    expect(
      await t.findWrite({ kind: 'message', conversationId: c.id, text: 'part one', since: since + 600_000 }, 'p0'),
    ).toBeUndefined()
  })

  it('lists only published portal articles', async () => {
    const list = await t.listArticles!({ locale: 'en' })
    expect(list).toEqual([
      expect.objectContaining({ id: '31', title: 'Top-up pending', category: 'top-up', locale: 'en' }),
    ])
    expect((await t.getArticle!('31', 'en')).body).toBe('Wait **15 minutes**.')
  })
})

describe('chatwoot realtime (ActionCable)', () => {
  async function live(): Promise<string> {
    t.subscribe!((e) => events.push(e))
    const c = await t.startConversation!({ locale: 'en' }, { idempotencyKey: 'c1' })
    await waitFor(() => state.cable.subscribed === 1)
    return c.id
  }

  it('maps agent typing, drops private notes, and reports status changes of a report as a ticket too', async () => {
    const id = await live()
    const token = [...state.cable.tokens][0]!
    state.cable.broadcast(token, 'conversation.typing_on', {
      conversation: { id: Number(id) },
      user: { id: 7, name: 'Kim', type: 'user' },
      is_private: false,
    })
    state.cable.broadcast(token, 'message.created', {
      id: 1,
      content: 'note',
      message_type: 1,
      created_at: 1,
      conversation_id: Number(id),
      private: true,
    })
    state.cable.broadcast(token, 'message.created', { bogus: true })
    const ticket = await t.createTicket(
      {
        category: 'topup_failed',
        subject: 'S',
        description: 'D',
        fields: {},
        attachments: [],
        priority: 'urgent',
        locale: 'en',
      },
      { idempotencyKey: 'tk' },
    )
    state.agentStatus(Number(ticket.id), 'solved')
    await waitFor(() => events.some((e) => e.type === 'ticket' && e.ticket.status === 'solved'))
    expect(events).toContainEqual({ type: 'typing', conversationId: id, author: 'agent', on: true })
    expect(events.some((e) => e.type === 'message' && e.message.text === 'note')).toBe(false)
    // conversation.created already announced it (open); the status change follows.
    expect(events.filter((e) => e.type === 'ticket').map((e) => e.type === 'ticket' && e.ticket.status)).toEqual([
      'open',
      'solved',
    ])
    expect(events.findLast((e) => e.type === 'ticket')).toMatchObject({
      ticket: { id: ticket.id, priority: 'urgent', category: 'topup_failed', subject: 'S' },
    })
  })

  it('asks for a resync once the first subscription is live: what committed before it is not replayed', async () => {
    await live()
    await waitFor(() => expect(events.filter((e) => e.type === 'resync')).toHaveLength(1))
  })

  it('reconnects after a drop, asks for a resync, and keeps delivering', async () => {
    const id = await live()
    await waitFor(() => expect(events.filter((e) => e.type === 'resync')).toHaveLength(1))
    state.cable.dropAll()
    await waitFor(() => expect(events.filter((e) => e.type === 'resync')).toHaveLength(2))
    state.agentReply(Number(id), 'back again')
    await waitFor(() => events.some((e) => e.type === 'message' && e.message.text === 'back again'))
    expect(state.cable.connects).toBe(2)
  })

  it('treats a silent socket as dead', async () => {
    t.dispose?.()
    state.cable.pingMs = 20
    t = make({ cable: { minDelayMs: 10, maxDelayMs: 40, staleMs: 150 } })
    await t.identify({ id: 'u-1' })
    await live()
    await waitFor(() => expect(events.filter((e) => e.type === 'resync')).toHaveLength(1))
    state.cable.silent = true
    // No ping within staleMs: the client drops the socket and connects again by itself.
    await waitFor(() => expect(state.cable.connects).toBeGreaterThanOrEqual(2))
    state.cable.silent = false
    await waitFor(() => expect(events.filter((e) => e.type === 'resync').length).toBeGreaterThanOrEqual(2))
  })

  it('a rejected subscription re-identifies the known contact and subscribes with its new token', async () => {
    await live()
    // Chatwoot knows the contact inbox by another pubsub token now (see break55/chatwootRejectedKeepsContact).
    const [inbox] = [...state.contactInboxes.values()]
    inbox!.pubsub = 'pubsub_new'
    state.cable.tokens.clear()
    state.cable.tokens.add('pubsub_new')
    const lookups = state.calls.filter((c) => c.method === 'GET' && c.path.endsWith(inbox!.sourceId)).length
    state.cable.dropAll()
    await waitFor(() => expect(state.cable.subscribed).toBe(1))
    expect(state.calls.filter((c) => c.method === 'GET' && c.path.endsWith(inbox!.sourceId)).length).toBeGreaterThan(
      lookups,
    )
    expect([...state.cable.sockets].map((s) => s.token)).toEqual(['pubsub_new'])
  })

  it('stops for good on a disconnect without reconnect', async () => {
    await live()
    for (const s of state.cable.sockets) s.serverFrame({ type: 'disconnect', reason: 'unauthorized', reconnect: false })
    await waitFor(() => state.cable.sockets.size === 0)
    await new Promise((r) => setTimeout(r, 100))
    expect(state.cable.connects).toBe(1)
  })
})

describe('chatwoot mapping', () => {
  it('derives an attachment name and type from its URL', () => {
    expect(
      toAttachmentRef({
        id: 3,
        file_type: 'file',
        data_url: 'https://c.test/rails/blobs/x/statement%20may.pdf?disposition=inline',
        file_size: 10,
      }),
    ).toEqual({
      id: '3',
      name: 'statement may.pdf',
      type: 'application/pdf',
      size: 10,
      url: 'https://c.test/rails/blobs/x/statement%20may.pdf?disposition=inline',
    })
  })

  it('ignores events it does not know', () => {
    expect(toChatEvents('presence.update', { users: {} })).toEqual([])
    expect(toChatEvents('conversation.typing_off', { conversation: { id: 4 }, user: { type: 'contact' } })).toEqual([
      { type: 'typing', conversationId: '4', author: 'user', on: false },
    ])
  })
})
