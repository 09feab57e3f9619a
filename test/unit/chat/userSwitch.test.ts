import 'fake-indexeddb/auto'
import { IDBFactory } from 'fake-indexeddb'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { harness } from './helpers.js'

// A shared phone: u1 chats, then the host signs u2 in on the same page (identify). The chat
// belongs to u1: u2 sees none of it, in memory or on the device, and nothing is sent as u2.
beforeEach(() => {
  globalThis.indexedDB = new IDBFactory()
})

describe('chat when another user signs in', () => {
  it('empties the chat, its unread count and the badge at once; the first user finds it again on return', async () => {
    const h = await harness()
    const { client } = h
    await client.chat.open()
    await client.chat.send('u1 asks about her rent')
    const id = client.chat.store.getState().conversation!.id
    await vi.waitFor(() => expect(client.chat.store.getState().items.at(-1)?.state).toBe('sent'))
    await h.mem.agent.reply(id, 'agent answers u1')
    await vi.waitFor(() => expect(client.store.getState().system.unread).toBe(1))

    const switching = client.identify({ id: 'u2' })
    // Synchronously: whatever renders next (Home's card, the chat view, the badge) sees nothing of u1.
    expect(client.chat.store.getState()).toMatchObject({
      status: 'idle',
      conversation: undefined,
      items: [],
      unread: 0,
    })
    expect(client.store.getState().system.unread).toBe(0)
    expect(h.events).toContainEqual({ type: 'unread:change', count: 0 })
    await switching

    await client.chat.open()
    const u2 = client.chat.store.getState()
    expect(u2.conversation).toBeUndefined()
    expect(u2.items).toEqual([])
    // Nothing of u1's chat is in u2's part of the device (not even u1's last transcript save).
    const { store } = await client.services()
    expect(await store.keys('chat:')).toEqual([])
    expect(await client.chat.resume()).toBe(false)

    await client.identify({ id: 'u1', name: 'Ann' })
    expect(client.chat.store.getState().conversation).toBeUndefined()
    expect(await client.chat.resume()).toBe(true)
    expect(client.chat.store.getState().conversation?.id).toBe(id)
    expect(client.chat.store.getState().items.map((m) => m.text)).toEqual([
      'u1 asks about her rent',
      'agent answers u1',
    ])
    client.destroy()
  })

  it("does not queue or send the first user's message once another has signed in", async () => {
    const h = await harness()
    const { client } = h
    await client.chat.open()
    await client.chat.send('first')
    const id = client.chat.store.getState().conversation!.id
    await vi.waitFor(() => expect(client.chat.store.getState().items.at(-1)?.state).toBe('sent'))

    // u1 presses Send as the host switches the user: the message is not sent in u2's name.
    const late = client.chat.send('written by u1')
    const switching = client.identify({ id: 'u2' })
    await expect(late).rejects.toMatchObject({ code: 'unauthorized' })
    await switching
    const services = await client.services()
    expect((await services.outbox.list()).filter((j) => j.kind === 'message')).toEqual([])

    await client.identify({ id: 'u1', name: 'Ann' })
    expect((await services.outbox.list()).filter((j) => j.kind === 'message')).toEqual([])
    const page = await h.transport.listMessages!(id)
    expect(page.messages.map((m) => m.text)).toEqual(['first'])
    client.destroy()
  })

  it("logout empties the chat too, and an anonymous chat is not the next user's", async () => {
    const h = await harness()
    const { client } = h
    await client.chat.open()
    await client.chat.send('u1 before logout')
    await vi.waitFor(() => expect(client.chat.store.getState().items.at(-1)?.state).toBe('sent'))
    await client.logout()
    expect(client.chat.store.getState()).toMatchObject({ conversation: undefined, items: [] })
    expect(await client.chat.resume()).toBe(false)
    client.destroy()
  })
})
