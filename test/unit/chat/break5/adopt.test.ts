import 'fake-indexeddb/auto'
import { IDBFactory } from 'fake-indexeddb'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createChatController } from '../../../../src/chat/index.js'
import { NotFoundError, OfflineError } from '../../../../src/errors/index.js'
import { memoryStore } from '../../../../src/storage/memory.js'

import { harness, loseTranscriptWrites } from '../helpers.js'

// Shows how a device whose chat:current names a conversation it never saved adopts it from the
// server: after a failed look-up, with a wrong answer, across a further reload, and its unread count.

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory()
})

/** A first page that started a conversation and sent `text`, whose transcript record was never written. */
async function pointerOnly(backend: ReturnType<typeof memoryStore>, text: string): Promise<string> {
  const restoreWrites = loseTranscriptWrites()
  try {
    const page = await harness({ store: backend })
    const chat = createChatController(page.client)
    await chat.open()
    await chat.send(text)
    const id = chat.store.getState().conversation!.id
    await vi.waitFor(() => expect(chat.store.getState().items.at(-1)?.state).toBe('sent'))
    chat.dispose()
    page.client.destroy()
    await new Promise((r) => setTimeout(r, 50))
    return id
  } finally {
    restoreWrites()
  }
}

const texts = (chat: ReturnType<typeof createChatController>): Array<[string, string]> =>
  chat.store.getState().items.map((m) => [m.author, m.text])

describe('adopting a conversation the device points to but never saved', () => {
  it('adopted, then reloaded again: the record was written; same messages once each, nothing unread twice', async () => {
    const backend = memoryStore()
    const id = await pointerOnly(backend, 'Where is my refund?')
    const second = await harness({ store: backend })
    await second.mem.agent.reply(id, 'Looking into it')
    const chat = createChatController(second.client)
    await chat.open()
    await vi.waitFor(() =>
      expect(texts(chat)).toEqual([
        ['user', 'Where is my refund?'],
        ['agent', 'Looking into it'],
      ]),
    )
    expect(chat.store.getState().unread).toBe(1)
    chat.setVisible(true)
    await vi.waitFor(() => expect(chat.store.getState().unread).toBe(0))
    await second.mem.agent.reply(id, 'Refunded')
    await vi.waitFor(() => expect(texts(chat).at(-1)).toEqual(['agent', 'Refunded']))
    chat.dispose()
    second.client.destroy()
    await new Promise((r) => setTimeout(r, 50))

    // Third page, storage working: the transcript is on the device now; read stays read.
    const third = await harness({ store: backend })
    const chat3 = createChatController(third.client)
    await chat3.open()
    expect(texts(chat3)).toEqual([
      ['user', 'Where is my refund?'],
      ['agent', 'Looking into it'],
      ['agent', 'Refunded'],
    ])
    expect(chat3.store.getState().unread).toBe(0)
    chat3.dispose()
    third.client.destroy()
  })

  // Was broken (fixed): a look-up that failed once (offline at open) was never retried; the device stayed on an empty chat until a reload.
  it('the look-up fails while offline: once back online the conversation is adopted, and the agent reply reaches the device', async () => {
    const backend = memoryStore()
    const id = await pointerOnly(backend, 'Card charged twice')
    let offline = true
    const second = await harness({ store: backend })
    const real = second.mem.getConversation.bind(second.mem)
    second.transport.getConversation = (cid) => (offline ? Promise.reject(new OfflineError()) : real(cid))
    const chat = createChatController(second.client)
    await chat.open()
    expect(chat.store.getState().conversation).toBeUndefined()
    offline = false
    // What the controller's 'online' and visibilitychange listeners run (no window events in node).
    await chat.sync()
    await second.mem.agent.reply(id, 'We see two charges')
    await vi.waitFor(() => expect(chat.store.getState().conversation?.id).toBe(id), { timeout: 3000 })
    await vi.waitFor(() => expect(texts(chat).at(-1)).toEqual(['agent', 'We see two charges']))
    chat.dispose()
    second.client.destroy()
  })

  // Was broken (fixed): the controller adopted whatever conversation getConversation answered, without checking its id against chat:current.
  it('a server answer naming another conversation is not adopted under the pointer', async () => {
    const backend = memoryStore()
    const id = await pointerOnly(backend, 'hello')
    const second = await harness({ store: backend })
    const real = second.mem.getConversation.bind(second.mem)
    second.transport.getConversation = async (cid) => ({ ...(await real(cid)), id: 'cv_someone_else' })
    const chat = createChatController(second.client)
    await chat.open()
    expect(chat.store.getState().conversation?.id === 'cv_someone_else').toBe(false)
    void id
    chat.dispose()
    second.client.destroy()
  })

  it('an ended conversation is adopted as ended (rating offered) with its messages', async () => {
    const backend = memoryStore()
    const id = await pointerOnly(backend, 'first')
    const second = await harness({ store: backend })
    await second.mem.agent.reply(id, 'Done')
    await second.mem.endConversation!(id)
    const chat = createChatController(second.client)
    await chat.open()
    expect(chat.store.getState().conversation?.id).toBe(id)
    await vi.waitFor(() => expect(['ended', 'rating']).toContain(chat.store.getState().status))
    await vi.waitFor(() =>
      expect(texts(chat).filter(([a]) => a !== 'system')).toEqual([
        ['user', 'first'],
        ['agent', 'Done'],
      ]),
    )
    chat.dispose()
    second.client.destroy()
  })

  it('another user signs in while the look-up is in flight: nothing of the first user shows or is kept for the second', async () => {
    const backend = memoryStore()
    const id = await pointerOnly(backend, 'my secret order 42')
    const second = await harness({ store: backend })
    const real = second.mem.getConversation.bind(second.mem)
    let release!: () => void
    const gate = new Promise<void>((r) => (release = r))
    second.transport.getConversation = async (cid) => {
      const c = await real(cid)
      await gate
      return c
    }
    const opening = second.client.chat.open().catch(() => undefined)
    await new Promise((r) => setTimeout(r, 50))
    await second.client.identify({ id: 'u2', name: 'Bob' })
    release()
    await opening
    await new Promise((r) => setTimeout(r, 100))
    expect(second.client.chat.store.getState().conversation).toBeUndefined()
    expect(second.client.chat.store.getState().items).toEqual([])
    await second.client.chat.open()
    expect(second.client.chat.store.getState().conversation?.id === id).toBe(false)
    expect(JSON.stringify(second.client.chat.store.getState().items)).not.toContain('secret order')
    second.client.destroy()
  })
  it('the server no longer knows the pointed-to conversation: a new chat starts, and it is the one restored after a reload', async () => {
    const backend = memoryStore()
    const gone = await pointerOnly(backend, 'old')
    const second = await harness({ store: backend })
    second.transport.getConversation = (cid) =>
      cid === gone ? Promise.reject(new NotFoundError('conversation')) : second.mem.getConversation(cid)
    const chat = createChatController(second.client)
    await chat.open()
    expect(chat.store.getState().conversation).toBeUndefined()
    await chat.send('new question')
    const id = chat.store.getState().conversation!.id
    expect(id).not.toBe(gone)
    await vi.waitFor(() => expect(chat.store.getState().items.at(-1)?.state).toBe('sent'))
    chat.dispose()
    second.client.destroy()
    await new Promise((r) => setTimeout(r, 50))
    const third = await harness({ store: backend })
    const chat3 = createChatController(third.client)
    await chat3.open()
    expect(chat3.store.getState().conversation?.id).toBe(id)
    expect(texts(chat3)).toEqual([['user', 'new question']])
    chat3.dispose()
    third.client.destroy()
  })
})
