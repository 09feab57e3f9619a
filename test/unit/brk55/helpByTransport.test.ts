/**
 * brk55: client.help when the controller's chunk does not load answers from the transport
 * (byTransport). Used as a HelpController, it must keep the controller's promises.
 */
import 'fake-indexeddb/auto'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createSupportClient, type SupportClient } from '../../../src/client.js'
import type { HelpFeedbackEvent } from '../../../src/events.js'
import type { Transport } from '../../../src/transports/types.js'
import { articlesTransport } from '../../support/transport.js'

const clients: SupportClient[] = []
afterEach(() => {
  clients.splice(0).forEach((c) => c.destroy())
  vi.doUnmock('../../../src/help/help.js')
  vi.resetModules()
  vi.useRealTimers()
})

function setup(transport: Transport) {
  vi.doMock('../../../src/help/help.js', () => {
    throw new Error('chunk failed to load')
  })
  const events: HelpFeedbackEvent[] = []
  const client = createSupportClient({ transport, locale: 'en', onEvent: (e) => events.push(e) })
  clients.push(client)
  return { client, events }
}

describe('brk55: byTransport as client.help', () => {
  it("an article whose backend never answers fails within the controller's 6 s, not never", async () => {
    const { client } = setup(articlesTransport({ getArticle: () => new Promise(() => {}) }))
    const outcome = await Promise.race([
      client.help.getArticle('en-refund').then(
        () => 'answered',
        () => 'failed',
      ),
      new Promise((r) => setTimeout(() => r('still waiting after 7 s'), 7000)),
    ])
    expect(outcome).toBe('failed')
  }, 10_000)

  it('a search tells the host search:query, as the controller does', async () => {
    const searchArticles = vi.fn(async () => [{ id: 'a', title: 'A', snippet: '', highlights: [], score: 1 }])
    const { client, events } = setup(articlesTransport({ searchArticles }))
    await client.help.search('refund')
    expect(events.filter((e) => e.type === 'search:query')).toEqual([{ type: 'search:query', length: 6, results: 1 }])
  })
})
