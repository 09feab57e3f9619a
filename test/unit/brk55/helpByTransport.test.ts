/**
 * brk55: client.help when the controller's chunk does not load answers from the transport
 * (byTransport). Used as a HelpController, it must keep the controller's promises.
 */
import 'fake-indexeddb/auto'
import { describe, expect, it, vi } from 'vitest'
import { helpChunkFails } from '../../support/helpChunkFails.js'
import { articlesTransport } from '../../support/transport.js'

const setup = helpChunkFails()

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
