import 'fake-indexeddb/auto'
import { IDBFactory } from 'fake-indexeddb'
import { beforeEach, describe, expect, it, onTestFinished, vi } from 'vitest'
import { createChatController } from '../../../src/chat/index.js'
import { createSupportClient } from '../../../src/client.js'
import type { Transport } from '../../../src/transports/types.js'
import { OfflineError } from '../../../src/errors/index.js'
import { memoryStore } from '../../../src/storage/memory.js'
import { harness, loseTranscriptWrites, slowDevice, until } from './helpers.js'

// fake-indexeddb: the clients of one test share device storage, like a page and its reload.
// Every page is the same user (u1): what is kept on the device belongs to the user who wrote it.
beforeEach(() => {
  globalThis.indexedDB = new IDBFactory()
})

type Page = Awaited<ReturnType<typeof harness>>

/**
 * One page of the app on the shared device and backend: opens the chat, sends `text`, waits
 * until it is `state`, runs `then`, and closes (as a reload would). Returns the conversation id.
 */
async function pageThatSent(
  backend: ReturnType<typeof memoryStore>,
  text: string,
  opts: {
    state?: 'sent' | 'failed'
    transport?: Partial<Transport>
    visible?: boolean
    then?: (page: Page, id: string) => Promise<void>
  } = {},
): Promise<string> {
  const page = await harness({ store: backend, ...(opts.transport ? { transport: opts.transport } : {}) })
  const chat = createChatController(page.client)
  await chat.open()
  if (opts.visible) chat.setVisible(true)
  await chat.send(text)
  const id = chat.store.getState().conversation!.id
  await until(chat.store, (s) => s.items.at(-1)?.state === (opts.state ?? 'sent'))
  await opts.then?.(page, id)
  chat.dispose()
  page.client.destroy()
  await new Promise((r) => setTimeout(r, 50))
  return id
}

describe('chat across reloads', () => {
  it('restores the transcript at once, then fetches what arrived while the app was closed (counted as unread)', async () => {
    const backend = memoryStore()
    const id = await pageThatSent(backend, 'before reload', {
      visible: true,
      then: async (first, conv) => void (await first.mem.agent.reply(conv, 'answer 1')),
    })

    // The backend answers the reloaded page only when the test says so, and its device storage
    // is slow (a busy phone): "at once" means before the fetch, whatever the clock says.
    let fetchAsked!: () => void
    const asked = new Promise<void>((r) => (fetchAsked = r))
    let answer!: () => void
    const answered = new Promise<void>((r) => (answer = r))
    const second: Page = await harness({
      store: backend,
      transport: {
        async listMessages(conversationId, since) {
          fetchAsked()
          await answered
          return second.mem.listMessages(conversationId, since)
        },
      },
    })
    await second.mem.agent.reply(id, 'answer 2 (app closed)')
    onTestFinished(slowDevice(150))
    const chat2 = createChatController(second.client)
    const opening = chat2.open()
    await asked
    expect(chat2.store.getState().items.map((m) => m.text)).toEqual(['before reload', 'answer 1'])
    expect(chat2.store.getState().status).toBe('active')
    answer()
    await opening
    expect(chat2.store.getState().status).toBe('active')
    expect(chat2.store.getState().items.map((m) => m.text)).toEqual([
      'before reload',
      'answer 1',
      'answer 2 (app closed)',
    ])
    expect(chat2.store.getState().unread).toBe(1)
    expect(second.client.store.getState().system.unread).toBe(1)
    chat2.dispose()
    second.client.destroy()
  })

  it('client.chat.resume(): false with nothing saved; after a reload, opens the saved conversation and counts replies', async () => {
    const backend = memoryStore()
    const id = await pageThatSent(backend, 'before reload', { visible: true })
    const second = await harness({ store: backend })
    await second.mem.agent.reply(id, 'answer (app closed)')
    expect(await second.client.chat.resume()).toBe(true)
    expect(second.client.chat.store.getState().items.map((m) => m.text)).toEqual([
      'before reload',
      'answer (app closed)',
    ])
    expect(second.client.store.getState().system.unread).toBe(1)
    second.client.destroy()

    globalThis.indexedDB = new IDBFactory() // another device: nothing saved
    const fresh = await harness({ store: backend })
    expect(await fresh.client.chat.resume()).toBe(false)
    expect(fresh.client.chat.store.getState()).toMatchObject({ status: 'idle', conversation: undefined })
    fresh.client.destroy()
  })

  it('shows the saved transcript before the transport is ready (local first), then joins it', async () => {
    const backend = memoryStore()
    const id = await pageThatSent(backend, 'saved on the device', {
      then: async (first, conv) => void (await first.mem.agent.reply(conv, 'agent answer')),
    })

    // The next page's transport takes its time (a vendor SDK loading, a slow network).
    let release!: () => void
    const gate = new Promise<void>((r) => (release = r))
    const second = await harness({ store: backend })
    const markRead = vi.fn(async () => {})
    const client = createSupportClient({
      locale: 'en',
      user: { id: 'u1', name: 'Ann' },
      transport: async () => (await gate, { ...second.transport, markRead } as Transport),
    })
    const chat2 = createChatController(client)
    const opening = chat2.open()
    await vi.waitFor(() =>
      expect(chat2.store.getState().items.map((m) => m.text)).toEqual(['saved on the device', 'agent answer']),
    )
    expect(chat2.store.getState().status).toBe('active')
    // Read while the transport is still loading: the receipt goes out once it is there.
    chat2.setVisible(true)
    await new Promise((r) => setTimeout(r, 20))
    expect(markRead).not.toHaveBeenCalled()
    release()
    await opening
    await vi.waitFor(() => expect(markRead).toHaveBeenCalledWith(id, 2))
    await second.mem.agent.reply(id, 'after the transport joined')
    await vi.waitFor(() =>
      expect(chat2.store.getState().items.map((m) => m.text)).toContain('after the transport joined'),
    )
    chat2.dispose()
    client.destroy()
    second.client.destroy()
  })

  it('keeps a conversation closed right after its first message, before the transcript was saved', async () => {
    const backend = memoryStore()
    const first = await harness({ store: backend })
    const chat = createChatController(first.client)
    await chat.open()
    await chat.send('My top-up vanished')
    const id = chat.store.getState().conversation!.id
    // The page is gone from here on: the transcript writes still to come (the saver's, after its
    // delay, and the flush on close) never reach the device.
    const restoreWrites = loseTranscriptWrites()
    await vi.waitFor(() => expect(chat.store.getState().items.at(-1)?.state).toBe('sent'))
    chat.dispose()
    first.client.destroy()
    await new Promise((r) => setTimeout(r, 400))
    restoreWrites()

    const second = await harness({ store: backend })
    const chat2 = createChatController(second.client)
    await chat2.open()
    expect(chat2.store.getState().conversation?.id).toBe(id)
    await vi.waitFor(() =>
      expect(chat2.store.getState().items.map((m) => [m.text, m.state])).toEqual([['My top-up vanished', 'sent']]),
    )
    expect((await second.mem.listMessages(id)).messages.map((m) => m.text)).toEqual(['My top-up vanished'])
    chat2.dispose()
    second.client.destroy()
  })

  it('adopts from the server a conversation the device points to but never saved (an earlier version)', async () => {
    const backend = memoryStore()
    // The whole first page loses its transcript writes: the device ends with chat:current only.
    const restoreWrites = loseTranscriptWrites()
    const id = await pageThatSent(backend, 'Where is my refund?')
    restoreWrites()

    const second = await harness({ store: backend })
    await second.mem.agent.reply(id, 'Looking into it')
    const chat = createChatController(second.client)
    await chat.open()
    expect(chat.store.getState().conversation?.id).toBe(id)
    await vi.waitFor(() =>
      expect(chat.store.getState().items.map((m) => [m.author, m.text])).toEqual([
        ['user', 'Where is my refund?'],
        ['agent', 'Looking into it'],
      ]),
    )
    chat.dispose()
    second.client.destroy()
  })

  it('shows a message still in the outbox with the saved transcript, before the transport is ready', async () => {
    const backend = memoryStore()
    await pageThatSent(backend, 'delivered')
    await pageThatSent(backend, 'written offline', {
      state: 'failed',
      transport: {
        sendMessage: async () => {
          throw new OfflineError()
        },
      },
    })

    // This page's transport never becomes ready: only the device answers.
    const client = createSupportClient({
      locale: 'en',
      user: { id: 'u1', name: 'Ann' },
      transport: () => new Promise<Transport>(() => {}),
    })
    const chat3 = createChatController(client)
    void chat3.open()
    await vi.waitFor(() =>
      expect(chat3.store.getState().items.map((m) => m.text)).toEqual(['delivered', 'written offline']),
    )
    expect(chat3.store.getState().items[1]!.state).not.toBe('sent')
    chat3.dispose()
    client.destroy()
  })

  it(
    'shows a message still in the outbox after a reload and delivers it exactly once',
    { timeout: 40_000 },
    async () => {
      const backend = memoryStore()
      const id = await pageThatSent(backend, 'written offline', {
        state: 'failed',
        transport: {
          sendMessage: async () => {
            throw new OfflineError()
          },
        },
      })

      const second = await harness({ store: backend })
      const chat2 = createChatController(second.client)
      await chat2.open()
      // The recovered job keeps the backoff the first session gave it (full jitter, growing with each
      // attempt the closed page made: a few seconds on a busy machine), and when the closed page's
      // last pass still held the outbox lease the new page looks again after LOCK_RETRY_MS (5 s).
      // Delivery is what is checked; the bound only has to cover both.
      await vi.waitFor(
        () =>
          expect(chat2.store.getState().items).toEqual([
            expect.objectContaining({ text: 'written offline', state: 'sent', seq: 1 }),
          ]),
        { timeout: 25_000 },
      )
      expect((await second.mem.listMessages(id)).messages.map((m) => m.text)).toEqual(['written offline'])
      chat2.dispose()
      second.client.destroy()
    },
  )
})
