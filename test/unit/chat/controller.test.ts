import { afterEach, describe, expect, it, vi } from 'vitest'
import { createChatController, type ChatController } from '../../../src/chat/index.js'
import { RejectedError } from '../../../src/errors/index.js'
import type { TicketInput } from '../../../src/types.js'
import { harness } from './helpers.js'

let chat: ChatController | undefined
afterEach(() => {
  chat?.dispose()
  chat = undefined
})

/** A conversation started by the user's "hello", once the server has it. */
async function chattingAfterHello() {
  const h = await harness()
  chat = createChatController(h.client)
  await chat.open()
  await chat.send('hello')
  const id = chat.store.getState().conversation!.id
  await vi.waitFor(() => expect(chat!.store.getState().items[0]?.state).toBe('sent'))
  return { h, id, chat }
}

const texts = (c: ChatController) => c.store.getState().items.map((m) => `${m.author}:${m.text}`)

describe('chat controller (memory transport)', () => {
  it('starts a conversation on the first message, sends through the outbox and replaces the optimistic item by its echo', async () => {
    const h = await harness()
    chat = createChatController(h.client)
    await chat.open()
    expect(chat.store.getState().status).toBe('idle')
    const result = await chat.send('Where is my refund?')
    expect(result.status).toBe('sent')
    expect(chat.store.getState().status).toBe('queued')
    const id = chat.store.getState().conversation!.id
    await vi.waitFor(() =>
      expect(chat!.store.getState().items).toEqual([
        expect.objectContaining({ state: 'sent', seq: 1, text: 'Where is my refund?' }),
      ]),
    )
    // The server got exactly one message, carrying the outbox idempotency key as clientId.
    const server = await h.mem.listMessages(id)
    expect(server.messages).toHaveLength(1)
    expect(server.messages[0]!.clientId).toBe(chat.store.getState().items[0]!.clientId)

    await h.mem.agent.reply(id, 'Let me check')
    expect(chat.store.getState().status).toBe('active')
    expect(chat.store.getState().conversation?.agent?.name).toBe('Lin')
    expect(texts(chat)).toEqual(['user:Where is my refund?', 'agent:Let me check'])
    expect(h.events.filter((e) => e.type === 'chat:start')).toHaveLength(1)
    expect(h.events.filter((e) => e.type === 'chat:message').map((e) => 'author' in e && e.author)).toEqual([
      'user',
      'agent',
    ])
  })

  it('keeps the order of quickly sent messages (one outbox group per conversation)', async () => {
    const h = await harness()
    chat = createChatController(h.client)
    await chat.open()
    await chat.send('one')
    await Promise.all([chat.send('two'), chat.send('three'), chat.send('four')])
    const id = chat.store.getState().conversation!.id
    await vi.waitFor(async () =>
      expect((await h.mem.listMessages(id)).messages.map((m) => m.text)).toEqual(['one', 'two', 'three', 'four']),
    )
    await vi.waitFor(() =>
      expect(chat!.store.getState().items.map((m) => [m.text, m.seq])).toEqual([
        ['one', 1],
        ['two', 2],
        ['three', 3],
        ['four', 4],
      ]),
    )
  })

  it('masks what the user sends and asks before sending something that looks like a code', async () => {
    const h = await harness()
    chat = createChatController(h.client)
    await chat.open()
    expect(await chat.send('384921')).toEqual({ status: 'confirm' })
    expect(chat.store.getState().conversation).toBeUndefined()
    const sent = await chat.send('card 4111 1111 1111 1111, code 384921', { confirmed: true })
    expect(sent).toMatchObject({ status: 'sent', hidden: { kinds: expect.arrayContaining(['card']) } })
    const id = chat.store.getState().conversation!.id
    await vi.waitFor(async () => expect((await h.mem.listMessages(id)).messages).toHaveLength(1))
    const onServer = (await h.mem.listMessages(id)).messages[0]!.text
    expect(onServer).not.toContain('4111 1111 1111 1111')
    expect(onServer).toContain('1111')
  })

  it('fills the gap after a dropped stream: nothing lost, nothing twice', async () => {
    const { h, id, chat: started } = await chattingAfterHello()
    chat = started
    await h.mem.agent.reply(id, 'a1')
    h.drop()
    await h.mem.agent.reply(id, 'a2 (missed)')
    await h.mem.agent.reply(id, 'a3 (missed)')
    expect(texts(chat)).toEqual(['user:hello', 'agent:a1'])
    h.reconnect()
    await vi.waitFor(() =>
      expect(texts(chat!)).toEqual(['user:hello', 'agent:a1', 'agent:a2 (missed)', 'agent:a3 (missed)']),
    )
    await h.mem.agent.reply(id, 'a4')
    await chat.sync()
    expect(texts(chat)).toEqual(['user:hello', 'agent:a1', 'agent:a2 (missed)', 'agent:a3 (missed)', 'agent:a4'])
    expect(chat.store.getState().items.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5])
  })

  it('counts unread agent messages while not visible, mirrors them to the client store and clears on view', async () => {
    const h = await harness()
    const markRead = vi.spyOn(h.transport, 'markRead')
    chat = createChatController(h.client)
    await chat.open()
    chat.setVisible(true)
    await chat.send('hi')
    const id = chat.store.getState().conversation!.id
    await vi.waitFor(() => expect(chat!.store.getState().items[0]?.state).toBe('sent'))
    await h.mem.agent.reply(id, 'seen')
    expect(h.client.store.getState().system.unread).toBe(0)
    chat.setVisible(false)
    await h.mem.agent.reply(id, 'not seen 1')
    await h.mem.agent.reply(id, 'not seen 2')
    expect(chat.store.getState().unread).toBe(2)
    expect(h.client.store.getState().system.unread).toBe(2)
    chat.setVisible(true)
    expect(h.client.store.getState().system.unread).toBe(0)
    // Receipts are coalesced (at most one a second), always up to the newest message.
    await vi.waitFor(() => expect(markRead).toHaveBeenLastCalledWith(id, 4), { timeout: 3000 })
    expect(h.events.filter((e) => e.type === 'unread:change').map((e) => 'count' in e && e.count)).toEqual([1, 2, 0])
  })

  it('offers "leave a message" outside business hours and queues a masked ticket of category other', async () => {
    const created: TicketInput[] = []
    const h = await harness({
      transport: {
        availability: async () => ({
          agentsOnline: 0,
          queueLength: 0,
          open: false,
          nextOpenAt: '2026-11-24T09:00:00+08:00',
        }),
      },
    })
    const createTicket = h.transport.createTicket
    h.transport.createTicket = async (input, o) => (created.push(input), createTicket(input, o))
    chat = createChatController(h.client)
    await chat.open()
    expect(chat.store.getState().status).toBe('offline')
    const result = await chat.leaveMessage('My transfer is stuck, card 4111 1111 1111 1111, please call me back')
    expect(result.status).toBe('sent')
    expect(chat.store.getState().status).toBe('left')
    await vi.waitFor(() => expect(created).toHaveLength(1))
    expect(created[0]).toMatchObject({ category: 'other', subject: 'Message left while chat was closed', locale: 'en' })
    expect(created[0]!.description).not.toContain('4111 1111 1111 1111')
    expect(h.events.some((e) => e.type === 'report:queued')).toBe(true)
  })

  it('marks a rejected message failed and sends it again on retry', async () => {
    let fail = true
    const h = await harness()
    const send = h.transport.sendMessage!
    h.transport.sendMessage = async (id, m, o) => {
      if (fail) throw new RejectedError([{ field: 'text', code: 'invalid' }], 'nope', 422)
      return send(id, m, o)
    }
    chat = createChatController(h.client)
    await chat.open()
    await chat.send('try me')
    await vi.waitFor(() =>
      expect(chat!.store.getState().items[0]).toMatchObject({ state: 'failed', errorCode: 'rejected' }),
    )
    fail = false
    await chat.retry(chat.store.getState().items[0]!.id)
    await vi.waitFor(() =>
      expect(chat!.store.getState().items).toEqual([
        expect.objectContaining({ state: 'sent', text: 'try me', seq: 1 }),
      ]),
    )
  })

  it('ends, asks for a rating and queues it; keeps the transcript downloadable with reference and times', async () => {
    const h = await harness()
    const rate = vi.spyOn(h.transport, 'rate')
    chat = createChatController(h.client)
    await chat.open()
    await chat.send('thanks')
    const c = chat.store.getState().conversation!
    await h.mem.agent.reply(c.id, 'Anything else? See https://help.example.com/x')
    await chat.end()
    expect(chat.store.getState().status).toBe('rating')
    await chat.rate(5, 'quick, my phone 13800138000')
    expect(chat.store.getState().status).toBe('ended')
    await vi.waitFor(() =>
      expect(rate).toHaveBeenCalledWith(
        { kind: 'conversation', id: c.id },
        5,
        expect.not.stringContaining('13800138000'),
        expect.anything(),
      ),
    )
    const text = chat.transcript()!
    expect(text).toContain(c.reference)
    expect(text).toMatch(/\] You: thanks/)
    expect(text).toMatch(/\] Lin: Anything else\?/)
  })

  it('shares a transaction card with its id kept and free text masked, and refuses a non-image attachment', async () => {
    const h = await harness()
    chat = createChatController(h.client)
    await chat.open()
    const tx = {
      id: '4200001234202611231234567890',
      time: '2026-11-23T09:30:00+08:00',
      amount: '128.50',
      currency: 'CNY',
      counterparty: 'call 13800138000',
    }
    expect((await chat.sendTransaction(tx)).status).toBe('sent')
    const id = chat.store.getState().conversation!.id
    await vi.waitFor(async () => expect((await h.mem.listMessages(id)).messages).toHaveLength(1))
    const card = (await h.mem.listMessages(id)).messages[0]!
    expect(card).toMatchObject({ kind: 'transaction', transaction: { id: tx.id, amount: '128.50', currency: 'CNY' } })
    expect(card.transaction!.counterparty).not.toContain('13800138000')
    await expect(chat.sendImage(new Blob(['not an image'], { type: 'text/plain' }))).rejects.toMatchObject({
      name: 'FileRejectedError',
      code: 'file_type',
    })
    expect(chat.store.getState().items).toHaveLength(1)
  })

  it('fails by rejecting with a typed HelpFeedbackError, never with a result object', async () => {
    // A backend that refuses to start the conversation: send rejects with its error, and the
    // store says the start failed (the status line shows it).
    const refused = await harness({
      transport: { startConversation: () => Promise.reject(new RejectedError([], 'no chat for this user')) },
    })
    chat = createChatController(refused.client)
    await chat.open()
    await expect(chat.send('hello')).rejects.toMatchObject({ name: 'RejectedError', code: 'rejected' })
    expect(chat.store.getState()).toMatchObject({ status: 'idle', error: 'rejected', items: [] })
    // Nothing to rate yet.
    await expect(chat.rate(5)).rejects.toMatchObject({ code: 'not_found' })
    chat.dispose()

    // A custom transport's own error (not the SDK's) arrives as a `server` HelpFeedbackError with it as cause.
    const odd = new TypeError('vendor SDK exploded')
    const custom = await harness({ transport: { startConversation: () => Promise.reject(odd) } })
    chat = createChatController(custom.client)
    await chat.open()
    await expect(chat.send('hello')).rejects.toMatchObject({ code: 'server', cause: odd })
    chat.dispose()

    // A transport without chat.
    const none = await harness()
    delete (none.transport as { startConversation?: unknown }).startConversation
    chat = createChatController(none.client)
    await expect(chat.send('hello')).rejects.toMatchObject({ name: 'UnsupportedError', code: 'unsupported' })
  })

  it('shows the agent typing and read receipts, and asks for a senior agent with a message', async () => {
    const { h, id, chat: started } = await chattingAfterHello()
    chat = started
    h.mem.agent.typing(id, true)
    expect(chat.store.getState().agentTyping).toBe(true)
    await h.mem.agent.reply(id, 'hi') // the reply ends typing and reads the user's message
    expect(chat.store.getState()).toMatchObject({ agentTyping: false, agentReadSeq: 1 })
    await chat.requestSenior()
    await vi.waitFor(async () =>
      expect((await h.mem.listMessages(id)).messages.at(-1)?.text).toBe(
        'I would like to speak to a senior agent, please.',
      ),
    )
  })
})
