/**
 * A chat message longer than a backend takes goes out in parts. From the user's side it is one
 * message: either every part is queued, or none is and the composer keeps the text. Each part
 * reaches the agent once, also when the user sends the whole text again after a part failed.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createChatController, type ChatController } from '../../../src/chat/index.js'
import { chatJobs } from '../../../src/chat/jobs.js'
import { partKey, splitMessage } from '../../../src/chat/split.js'
import { RejectedError, StorageError } from '../../../src/errors/index.js'
import type { OutboxJobOf } from '../../../src/outbox/types.js'
import type { Transport } from '../../../src/transports/types.js'
import type { Message, MessageInput } from '../../../src/types.js'
import { harness, type Harness } from './helpers.js'

let chat: ChatController | undefined
afterEach(() => {
  chat?.dispose()
  chat = undefined
  vi.restoreAllMocks()
})

const words = ['refund', 'pending', 'since', 'Tuesday', 'please', 'check', 'wallet', 'balance']
let long = ''
for (let i = 0; long.length < 12_000; i++) long += (i ? ' ' : '') + words[i % words.length]
const parts = splitMessage(long)

/** A backend that refuses part `k` of the long message once (422), recording every idempotency key. */
async function refusingOnce(k: number): Promise<{ h: Harness; keys: string[] }> {
  let refuse = true
  const keys: string[] = []
  const h: Harness = await harness({
    transport: {
      sendMessage(id: string, msg: MessageInput, opts) {
        keys.push(opts.idempotencyKey)
        if (refuse && msg.text === parts[k]) {
          refuse = false
          return Promise.reject(new RejectedError([], 'busy', 422))
        }
        return h.mem.sendMessage(id, msg, opts)
      },
    },
  })
  return { h, keys }
}

async function serverTexts(h: Harness, chat: ChatController) {
  const id = chat.store.getState().conversation?.id
  return id ? (await h.mem.listMessages(id)).messages.map((m) => m.text) : []
}
const rows = (chat: ChatController) => chat.store.getState().items.map((m) => [m.text, m.state])

describe('a message sent in parts', () => {
  it('is three parts here', () => {
    expect(parts).toHaveLength(3)
  })

  it('is queued whole: a storage failure after the first write leaves no part delivered alone', async () => {
    const h = await harness()
    chat = createChatController(h.client)
    await chat.open()
    const { outbox } = await h.client.services()
    const enqueue = outbox.enqueue.bind(outbox)
    let writes = 0
    vi.spyOn(outbox, 'enqueue').mockImplementation((kind, payload, options) =>
      ++writes > 1 ? Promise.reject(new StorageError()) : enqueue(kind, payload, options),
    )
    expect(await chat.send(long)).toMatchObject({ status: 'sent' })
    await vi.waitFor(async () => expect(await serverTexts(h, chat!)).toEqual(parts))
    await vi.waitFor(() => expect(rows(chat!)).toEqual(parts.map((p) => [p, 'sent'])))
  })

  it('not queued at all: rejects with chat.error.notQueued, shows no row, sends nothing; sent again it goes once', async () => {
    const h = await harness()
    chat = createChatController(h.client)
    await chat.open()
    const { outbox } = await h.client.services()
    const spy = vi.spyOn(outbox, 'enqueue').mockRejectedValue(new StorageError())
    const error = await chat.send(long).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(RejectedError)
    expect((error as RejectedError).fieldErrors).toEqual([{ field: 'text', code: 'chat.error.notQueued' }])
    expect(h.client.t('chat.error.notQueued')).not.toBe('chat.error.notQueued')
    expect(chat.store.getState().items).toEqual([])
    expect(await serverTexts(h, chat)).toEqual([])
    spy.mockRestore()
    expect(await chat.send(long)).toMatchObject({ status: 'sent' })
    await vi.waitFor(async () => expect(await serverTexts(h, chat!)).toEqual(parts))
  })

  it('a part the server refuses: the rest shows "not sent"; the whole text sent again delivers each part once', async () => {
    const { h } = await refusingOnce(1)
    chat = createChatController(h.client)
    await chat.open()
    await chat.send(long)
    await vi.waitFor(() =>
      expect(rows(chat!)).toEqual([
        [parts[0], 'sent'],
        [parts[1], 'failed'],
        [parts[2], 'failed'],
      ]),
    )
    expect(await serverTexts(h, chat)).toEqual([parts[0]])
    // The composer still has it, or the user pastes it again.
    expect(await chat.send(long)).toMatchObject({ status: 'sent' })
    await vi.waitFor(async () => expect(await serverTexts(h, chat!)).toEqual(parts))
    await vi.waitFor(() => expect(rows(chat!)).toEqual(parts.map((p) => [p, 'sent'])))
  })

  it('a tap on a part shown "not sent" sends the message again with the same keys: no part twice', async () => {
    const { h, keys } = await refusingOnce(2)
    chat = createChatController(h.client)
    await chat.open()
    await chat.send(long)
    await vi.waitFor(() => expect(chat!.store.getState().items.at(-1)?.state).toBe('failed'))
    await chat.retry(chat.store.getState().items.at(-1)!.id)
    await vi.waitFor(async () => expect(await serverTexts(h, chat!)).toEqual(parts))
    // Three parts, three keys, the first attempt's keys again on the retry.
    expect(new Set(keys).size).toBe(3)
    expect(keys.slice(3)).toEqual(keys.slice(0, 3))
  })
})

describe('partKey', () => {
  it('keeps the first part on the key; the others get distinct keys that stay UUIDs', () => {
    const key = '0f8e2a4c-1b3d-4e5f-9a7b-c3d0e1f2a3b4'
    expect(partKey(key, 0)).toBe(key)
    const derived = [1, 2, 3].map((i) => partKey(key, i))
    expect(new Set([key, ...derived]).size).toBe(4)
    for (const k of derived) expect(k).toMatch(/^[\da-f]{8}-(?:[\da-f]{4}-){3}[\da-f]{12}$/)
    expect(partKey('k1', 2)).toBe('k1:part:2')
  })
})

describe('the message job of a long text on a backend without idempotency', () => {
  const job = (attempts: number): OutboxJobOf<'message'> => ({
    id: 'j1',
    kind: 'message',
    payload: { conversationId: 'c1', localId: 'l1', message: { kind: 'text', text: long, attachments: [] } },
    idempotencyKey: 'k1',
    attempts,
    state: 'sending',
    createdAt: 1,
    updatedAt: 1,
    seq: 0,
  })
  const backend = () => {
    const sent: Array<[string, string]> = []
    const transport = {
      capabilities: { idempotency: false },
      sendMessage: vi.fn(async (_c: string, msg: MessageInput, opts: { idempotencyKey: string }) => {
        sent.push([msg.text, opts.idempotencyKey])
        return { id: `m${sent.length}`, text: msg.text } as Message
      }),
      // The first part landed on the earlier attempt.
      findWrite: vi.fn(async (lookup: { text?: string }) =>
        lookup.text === parts[0] ? ({ id: 'm0', text: parts[0] } as Message) : undefined,
      ),
    } as unknown as Transport
    return { transport, sent }
  }
  const ctx = { idempotencyKey: 'k1', signal: new AbortController().signal }

  it('first attempt: sends every part with its own key, looks nothing up', async () => {
    const { transport, sent } = backend()
    await chatJobs.message.send(transport, job(1), ctx)
    expect(sent).toEqual(parts.map((p, i) => [p, partKey('k1', i)]))
  })

  it('a later attempt: a part already there is not sent again', async () => {
    const { transport, sent } = backend()
    const result = await chatJobs.message.send(transport, job(2), ctx)
    expect(sent).toEqual(parts.slice(1).map((p, i) => [p, partKey('k1', i + 1)]))
    expect((result as Message[]).map((m) => m.text)).toEqual(parts)
  })
})

describe('a long text whose parts are identical, on a backend without idempotency', () => {
  // Two parts with the same text (a pasted block, twice). Only the first landed before the answer
  // was lost; the retry must not take that message for the second part too.
  const half = '退款还没到账请帮我查一下'.repeat(400)
  const text = `${half}\n${half}`
  const job: OutboxJobOf<'message'> = {
    id: 'j2',
    kind: 'message',
    payload: { conversationId: 'c1', localId: 'l2', message: { kind: 'text', text, attachments: [] } },
    idempotencyKey: 'k2',
    attempts: 2,
    state: 'sending',
    createdAt: 1,
    updatedAt: 1,
    seq: 0,
  }
  /** Messages on the server, oldest first; the finder answers as Chatwoot's does (newest match first). */
  const backend = (landed: number) => {
    const server: Message[] = []
    const add = (t: string) => {
      const m = { id: `m${server.length + 1}`, text: t } as Message
      server.push(m)
      return m
    }
    for (let i = 0; i < landed; i++) add(half)
    const transport = {
      capabilities: { idempotency: false },
      sendMessage: vi.fn(async (_c: string, msg: MessageInput) => add(msg.text)),
      // As Chatwoot's: a part takes the oldest match after the part before it.
      findWrite: vi.fn(async (lookup: { text: string; after?: string | null }) =>
        server.find(
          (m, i) => m.text === lookup.text && i > (lookup.after ? server.findIndex((x) => x.id === lookup.after) : -1),
        ),
      ),
    } as unknown as Transport
    return { transport, server }
  }
  const ctx = { idempotencyKey: 'k2', signal: new AbortController().signal }

  it('is two identical parts here', () => {
    expect(splitMessage(text)).toEqual([half, half])
  })

  for (const landed of [0, 1, 2])
    it(`${landed} of 2 landed before: the server ends with both parts, once each`, async () => {
      const { transport, server } = backend(landed)
      const result = (await chatJobs.message.send(transport, job, ctx)) as Message[]
      expect(server.map((m) => m.text)).toEqual([half, half])
      expect(new Set(result.map((m) => m.id)).size).toBe(2)
    })
})
