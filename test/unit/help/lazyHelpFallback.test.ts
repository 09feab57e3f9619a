import 'fake-indexeddb/auto'
import { describe, expect, it, vi } from 'vitest'
import { OfflineError } from '../../../src/errors/index.js'
import { helpChunkFails } from '../../support/helpChunkFails.js'
import { articlesTransport } from '../../support/transport.js'
import { refundArticle } from '../../support/fixtures.js'

// The help controller's own code (src/help/help.ts, the storage chunk) failing to load: the
// article a user taps can still come from the backend, as it did when only the engine failed.
const article = refundArticle

const setup = helpChunkFails()

const failure = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: unknown) => e,
  )

describe('client.help when the controller code cannot load', () => {
  it('asks the transport for the article, then tries the chunk again on the next call', async () => {
    const getArticle = vi.fn(async (id: string, locale: string) => ({ ...article, id, locale }))
    const { client, events } = setup(articlesTransport({ getArticle }))
    expect(await client.help.getArticle('en-refund', { source: 'suggestion' })).toMatchObject({ id: 'en-refund' })
    expect(getArticle).toHaveBeenCalledWith('en-refund', 'en')
    expect(events).toContainEqual({ type: 'article:open', id: 'en-refund', source: 'suggestion' })
    // The chunk is tried again: once it loads, the controller answers (its own transport call).
    vi.doUnmock('../../../src/help/help.js')
    getArticle.mockClear()
    expect(await client.help.getArticle('en-refund')).toMatchObject({ id: 'en-refund' })
    expect(getArticle).toHaveBeenCalledTimes(1)
  })

  it('searches with the transport when it can search', async () => {
    const searchArticles = vi.fn(async () => [
      { id: 'en-refund', title: article.title, snippet: '', highlights: [], score: 1 },
    ])
    const { client } = setup(articlesTransport({ searchArticles }))
    expect((await client.help.search('refund', { limit: 3 })).map((h) => h.id)).toEqual(['en-refund'])
    expect(searchArticles).toHaveBeenCalledWith('refund', { locale: 'en', limit: 3 })
  })

  it('says the backend error when the transport fails too, and the load failure when it has no getArticle', async () => {
    const { client } = setup(
      articlesTransport({
        getArticle: async () => {
          throw new OfflineError('down')
        },
      }),
    )
    client.store.setState((s) => ({ system: { ...s.system, online: false } }))
    const error = await failure(client.help.getArticle('en-refund'))
    expect(client.help.errorMessage(error)).toBe(client.t('help.error.offline'))

    const bare = setup(articlesTransport()).client
    const loadError = await failure(bare.help.getArticle('en-refund'))
    expect(bare.help.errorMessage(loadError)).toBe(bare.t('help.error.malformed'))
  })
})
