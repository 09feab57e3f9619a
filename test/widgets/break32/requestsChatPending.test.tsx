import { describe, expect, it, vi } from 'vitest'
import type { Transport } from '../../../src/transports/types.js'
import { createSupportClient } from '../../../src/client.js'
import { memoryTransport } from '../../../src/transports/memory.js'
import { memoryStore } from '../../../src/storage/memory.js'
import { everSeen, late, widgetPerTest } from '../../support/pending.js'
import { stubTransport } from '../../support/transport.js'

// My requests while the backend's chat is unknown (the transport's code loading): its
// conversations section shows on what is known, not on the guess that the backend has chat.

const noChat = () => stubTransport({ listTickets: async () => [] })
const withChat = () =>
  stubTransport({ capabilities: { chat: true }, listTickets: async () => [], listConversations: async () => [] })

/** An earlier page on this device opened a chat that is still going: its transcript is kept. */
async function chatKeptOnDevice() {
  const first = createSupportClient({
    transport: memoryTransport({ store: memoryStore(), agent: { autoReply: false } }),
    locale: 'en',
  })
  await first.chat.open()
  await first.chat.send('my card was charged twice')
  await vi.waitFor(() => expect(first.chat.store.getState().items.at(-1)?.state).toBe('sent'))
  const id = first.chat.store.getState().conversation!.id
  first.chat.dispose()
  first.destroy()
  await new Promise((r) => setTimeout(r, 50))
  return id
}

const ui = widgetPerTest()
const { shadow } = ui
const view = () => shadow().querySelector('[data-view=requests]') as HTMLElement | null

const openRequests = async (transport: () => Promise<Transport>) => {
  const widget = ui.mount({ transport, locale: 'en' })
  const watch = everSeen(shadow(), '[data-conversations]')
  await widget.open('requests')
  await vi.waitFor(() => expect(view()).not.toBeNull())
  return watch
}

describe('My requests while chat is unknown', () => {
  it('a backend without chat: no "Conversations" section ever, then the empty state', async () => {
    const tr = late()
    const watch = await openRequests(tr.option)
    await new Promise((r) => setTimeout(r, 50))
    tr.resolve(noChat())
    await vi.waitFor(() => expect(view()!.querySelector('[data-empty]')).not.toBeNull())
    await new Promise((r) => setTimeout(r, 50))
    watch.stop()
    expect(watch.seen).toEqual([])
    expect(view()!.querySelector('[data-empty-chat]')).toBeNull()
  })

  it('a transport whose capabilities leave chat out (written in JavaScript): the empty state, as for no chat', async () => {
    const tr = late()
    await openRequests(tr.option)
    const { chat: _, ...rest } = noChat().capabilities
    tr.resolve({ ...noChat(), capabilities: rest as Transport['capabilities'] })
    await vi.waitFor(() => expect(view()!.querySelector('[data-empty]')).not.toBeNull())
    expect(view()!.querySelector('[data-conversations]')).toBeNull()
  })

  it('a backend with chat: the section shows once that is known, then the empty state with its chat button', async () => {
    const tr = late()
    await openRequests(tr.option)
    await new Promise((r) => setTimeout(r, 50))
    expect(view()!.querySelector('[data-conversations]')).toBeNull()
    expect(view()!.textContent).not.toContain('Conversations')
    tr.resolve(withChat())
    await vi.waitFor(() => expect(view()!.querySelector('[data-empty]')).not.toBeNull())
    expect(view()!.querySelector('[data-conversations]')?.textContent).toContain('No conversations yet.')
    expect(view()!.querySelector('[data-empty-chat]')).not.toBeNull()
  })

  it('a conversation kept on the device: the section shows before the transport, and stays on a backend without chat', async () => {
    const id = await chatKeptOnDevice()
    const tr = late()
    const watch = await openRequests(tr.option)
    await vi.waitFor(() => expect(view()!.querySelector('[data-conversations]')).not.toBeNull())
    const section = view()!.querySelector('[data-conversations]')
    tr.resolve(noChat())
    await vi.waitFor(() => expect(view()!.querySelector(`[data-conversation="${id}"]`)).not.toBeNull())
    await new Promise((r) => setTimeout(r, 50))
    watch.stop()
    // The same section all along, never gone and back; the user has something, so no empty state.
    expect(watch.seen).toEqual([section])
    expect(view()!.querySelector('[data-conversations]')).toBe(section)
    expect(view()!.querySelector('[data-empty]')).toBeNull()
  })
})
