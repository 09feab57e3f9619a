import 'fake-indexeddb/auto'
import { IDBFactory } from 'fake-indexeddb'
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { startServer, type RunningServer } from '../../../../examples/server/server.js'
import { createChatController } from '../../../../src/chat/index.js'
import { createSupportClient } from '../../../../src/client.js'
import { restTransport } from '../../../../src/transports/rest.js'
import { agentPost } from '../../server/helpers.js'
import { loseTranscriptWrites } from '../helpers.js'

// Shows the adoption of a pointed-to, never-saved conversation over the REST transport against the
// reference server (SQLite): the messages come once each, and an agent reply after adoption arrives.

let server: RunningServer
beforeAll(async () => {
  server = await startServer({
    port: 0,
    dbPath: ':memory:',
    secret: 'test-secret',
    agentKey: 'demo-agent',
    hours: null,
  })
})
afterAll(async () => {
  await server?.close()
})
beforeEach(() => {
  globalThis.indexedDB = new IDBFactory()
})

const page = async (userId: string) => {
  const transport = restTransport({
    baseUrl: server.url,
    user: { id: userId, name: userId, token: server.userToken(userId, { name: userId }) },
    retries: 0,
  })
  const client = createSupportClient({ transport, locale: 'en' })
  await client.identify({ id: userId, name: userId, token: server.userToken(userId, { name: userId }) })
  return client
}

describe('adoption over REST', () => {
  it('a page whose transcript record was lost: the next page adopts the conversation with its messages once each', async () => {
    const restoreWrites = loseTranscriptWrites()
    const first = await page('u_rest_1')
    const chat1 = createChatController(first)
    await chat1.open()
    await chat1.send('first question')
    await chat1.send('second question')
    const id = chat1.store.getState().conversation!.id
    await vi.waitFor(() => expect(chat1.store.getState().items.map((m) => m.state)).toEqual(['sent', 'sent']))
    chat1.dispose()
    first.destroy()
    restoreWrites()
    await new Promise((r) => setTimeout(r, 50))

    expect((await agentPost(server, `/conversations/${id}/messages`, { text: 'agent answer' })).status).toBe(201)
    const second = await page('u_rest_1')
    const chat2 = createChatController(second)
    await chat2.open()
    expect(chat2.store.getState().conversation?.id).toBe(id)
    const texts = () =>
      chat2.store
        .getState()
        .items.filter((m) => m.author !== 'system')
        .map((m) => [m.author, m.text])
    await vi.waitFor(() =>
      expect(texts()).toEqual([
        ['user', 'first question'],
        ['user', 'second question'],
        ['agent', 'agent answer'],
      ]),
    )
    await agentPost(server, `/conversations/${id}/messages`, { text: 'later' })
    await vi.waitFor(() => expect(texts().at(-1)).toEqual(['agent', 'later']), { timeout: 5000 })
    expect(new Set(chat2.store.getState().items.map((m) => m.id)).size).toBe(chat2.store.getState().items.length)
    chat2.dispose()
    second.destroy()
  })
})
