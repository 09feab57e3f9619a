import 'fake-indexeddb/auto'
import { IDBFactory } from 'fake-indexeddb'
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { createSupportClient, type SupportClient } from '../../../src/client.js'
import { MalformedResponseError, NotFoundError, OfflineError } from '../../../src/errors/index.js'
import type { HelpFeedbackEvent } from '../../../src/events.js'
import { createHelpController } from '../../../src/help/help.js'
import { patch } from '../../../src/store/index.js'
import { createSearchIndex, serializeIndex, walletSynonyms, type SerializedIndex } from '../../../src/search/index.js'
import type { Article } from '../../../src/types.js'
import { loadArticles } from '../../../scripts/indexArticles.js'
import { articlesTransport } from '../../support/transport.js'

let articles: Article[]
let index: SerializedIndex
beforeAll(() => {
  articles = loadArticles('examples/articles')
  index = serializeIndex(createSearchIndex(articles, { synonyms: walletSynonyms }))
})

const fakeTransport = articlesTransport

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })

/** A fetch serving the prebuilt index and (optionally) articles.json under /help/. */
function helpServer(files: Record<string, () => Response | Promise<Response>>) {
  return vi.fn(async (url: string | URL | Request) => {
    const file = files[String(url)]
    return file ? file() : new Response('missing', { status: 404 })
  })
}

const clients: SupportClient[] = []
afterEach(() => clients.splice(0).forEach((c) => c.destroy()))

function setup(options: Parameters<typeof createSupportClient>[0] = {}) {
  const events: HelpFeedbackEvent[] = []
  const client = createSupportClient({
    transport: fakeTransport(),
    locale: 'zh-CN',
    onEvent: (e) => events.push(e),
    ...options,
  })
  clients.push(client)
  return { client, events }
}

describe('help flow: where articles come from', () => {
  it('fetches the prebuilt index once, with articles.json beside it for the Markdown bodies', async () => {
    const fetch = helpServer({
      '/help/search-index.json': () => json(index),
      '/help/articles.json': () => json(articles),
    })
    const { client, events } = setup({ articles: { url: '/help/search-index.json' } })
    const help = createHelpController(client, { fetch })
    const [hits] = await Promise.all([help.search('钱扣了但是没到账'), help.popular()])
    expect(hits[0]?.id).toBe('zh-charged-not-received')
    expect(hits[0]?.highlights.length).toBeGreaterThan(0)
    expect(hits.every((h) => h.id.startsWith('zh-'))).toBe(true)
    expect(fetch.mock.calls.map((c) => String(c[0]))).toEqual(['/help/search-index.json', '/help/articles.json'])
    const article = await help.getArticle('zh-charged-not-received', { source: 'search' })
    expect(article.body).toMatch(/^## 为什么会这样$/m)
    expect(events).toContainEqual({ type: 'search:query', length: 8, results: hits.length })
    expect(events).toContainEqual({ type: 'article:open', id: 'zh-charged-not-received', source: 'search' })
  })

  it('counts one search:query for the query typed while the index loaded, not one per keystroke', async () => {
    let arrive!: () => void
    const held = new Promise<void>((resolve) => (arrive = resolve))
    const fetch = helpServer({
      '/help/search-index.json': () => held.then(() => json(index)),
      '/help/articles.json': () => json(articles),
    })
    const { client, events } = setup({ articles: { url: '/help/search-index.json' }, locale: 'en' })
    const help = createHelpController(client, { fetch })
    // Each keystroke's search waits for the index; they all answer when it arrives.
    const typed = ['r', 're', 'ref', 'refu', 'refund'].map((q) => help.search(q))
    arrive()
    const answers = await Promise.all(typed)
    expect(answers.at(-1)![0]?.id).toBe('en-refund')
    expect(events.filter((e) => e.type === 'search:query')).toEqual([
      { type: 'search:query', length: 6, results: answers.at(-1)!.length },
    ])
    // Searches asked one after another each count.
    await help.search('pin')
    await help.search('refund')
    expect(events.filter((e) => e.type === 'search:query')).toHaveLength(3)
  })

  it('searches in the current locale and follows a locale switch', async () => {
    const { client } = setup({ articles: { articles } })
    const help = createHelpController(client)
    expect((await help.popular({ limit: 3 })).every((h) => h.id.startsWith('zh-'))).toBe(true)
    client.setLocale('en')
    const hits = await help.search('refund')
    expect(hits[0]?.id).toBe('en-refund')
    expect(await help.resolveLink('reset-pin')).toBe('en-reset-pin')
  })

  it('falls back to transport.listArticles, indexes on the device and caches per locale', async () => {
    const listArticles = vi.fn(async ({ locale }: { locale: string }) => articles.filter((a) => a.locale === locale))
    const { client } = setup({ transport: fakeTransport({ listArticles }), locale: 'en' })
    const help = createHelpController(client)
    expect((await help.search('wrong person'))[0]?.id).toBe('en-wrong-recipient')
    await help.search('pin')
    expect(listArticles).toHaveBeenCalledTimes(1)
    client.setLocale('zh-CN')
    expect((await help.search('转错账'))[0]?.id).toBe('zh-wrong-recipient')
    expect(listArticles.mock.calls.map((c) => c[0])).toEqual([{ locale: 'en' }, { locale: 'zh-CN' }])
    const stored = await (await client.services()).store.get<{ articles: Article[] }>('help:articles:zh-CN')
    expect(stored?.articles.length).toBe(articles.filter((a) => a.locale === 'zh-CN').length)
  })

  it('reuses the cached index when the network is gone, and says so when there is no copy', async () => {
    const url = '/cache-test/search-index.json'
    const online = setup({ articles: { url } })
    await createHelpController(online.client, { fetch: helpServer({ [url]: () => json(index) }) }).ready()

    const down = vi.fn(async () => {
      throw new TypeError('Failed to fetch')
    })
    const offline = setup({ articles: { url } })
    const help = createHelpController(offline.client, { fetch: down })
    expect((await help.search('退款没到账'))[0]?.id).toBe('zh-refund-not-received')
    // Without articles.json the body is the index's plain text, escaped so it renders as text.
    expect((await help.getArticle('zh-refund-not-received')).body).not.toMatch(/^#/m)

    const fresh = setup({ articles: { url: '/never-downloaded/index.json' }, locale: 'en' })
    const none = createHelpController(fresh.client, { fetch: down })
    const error = await none.search('refund').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(OfflineError)
    // The same failed fetch reads differently with and without a network.
    expect(none.errorMessage(error)).toBe(
      'Help articles could not be loaded: our service is not answering. Please try again later.',
    )
    patch(fresh.client.store, 'system', { online: false })
    expect(none.errorMessage(error)).toBe('You are offline and help articles have not been downloaded yet.')
    expect(fresh.events).toContainEqual(expect.objectContaining({ type: 'error', code: 'offline' }))
  })

  it.each([
    ['not an index', () => json({ hello: 'world' })],
    ['not JSON', () => new Response('<html>oops</html>', { status: 200 })],
    ['a broken article', () => json({ ...index, docs: [{ id: 1 }] })],
  ])('turns a malformed index (%s) into a typed error with a localized message', async (_, body) => {
    const { client } = setup({ articles: { url: `/bad-${Math.random()}/index.json` } })
    const help = createHelpController(client, { fetch: vi.fn(async () => body()) })
    const error = await help.search('退款').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(MalformedResponseError)
    expect(help.errorMessage(error)).toBe('帮助文章加载失败，请稍后再试。')
    // The failure is not remembered: a later attempt downloads again.
    await help.search('退款').catch(() => undefined)
  })

  it.each([
    ['three weights in a version 2 index', () => ({ ...index, weights: index.weights.slice(0, 3) })],
    ['a posting list of odd length', () => ({ ...index, terms: { ...index.terms, 退款: [0, 256, 1] } })],
    ['a synonym group that is not a list', () => ({ ...index, synonyms: { 'zh-CN': '退款,退钱' } })],
  ])('rejects an index with %s up front (articles.json missing), not inside a search', async (_, body) => {
    const { client } = setup({ articles: { url: `/bad-${Math.random()}/index.json` } })
    const fetch = vi.fn(async (url: string | URL | Request) =>
      String(url).endsWith('/index.json') ? json(body()) : new Response('missing', { status: 404 }),
    )
    const help = createHelpController(client, { fetch })
    await expect(help.search('退款')).rejects.toBeInstanceOf(MalformedResponseError)
  })

  it('rejects an inline index that is not one', async () => {
    const { client } = setup({ articles: { index: { version: 2 } } })
    await expect(createHelpController(client).ready()).rejects.toBeInstanceOf(MalformedResponseError)
  })

  it('reads the body from transport.getArticle when the index has none, else the indexed text', async () => {
    const getArticle = vi.fn(async (id: string) => {
      const a = articles.find((x) => x.id === id)
      if (!a) throw new NotFoundError()
      return a
    })
    const { client } = setup({ transport: fakeTransport({ getArticle }), articles: { index }, locale: 'en' })
    const help = createHelpController(client)
    expect((await help.getArticle('en-refund')).body).toMatch(/^\| Original payment method/m)
    await expect(help.getArticle('nope')).rejects.toBeInstanceOf(NotFoundError)
  })
})

describe('help flow: votes', () => {
  // Each case gets an empty database, so no other client's outbox picks up its jobs.
  beforeEach(() => {
    globalThis.indexedDB = new IDBFactory()
  })

  async function deliveredVotes(client: SupportClient) {
    const { outbox } = await client.services()
    await outbox.flush()
    return outbox.list()
  }

  it('queues one vote per article through the outbox and emits article:vote', async () => {
    const voteArticle = vi.fn(async () => undefined)
    const { client, events } = setup({
      transport: fakeTransport({ voteArticle }),
      articles: { articles },
      locale: 'en',
    })
    const help = createHelpController(client)
    expect(await help.vote('en-refund', true)).toBe(true)
    expect(await help.vote('en-refund', false)).toBe(false)
    await vi.waitFor(() => expect(voteArticle).toHaveBeenCalledTimes(1))
    expect(voteArticle).toHaveBeenCalledWith(
      'en-refund',
      true,
      expect.objectContaining({ idempotencyKey: expect.any(String) }),
    )
    expect(events.filter((e) => e.type === 'article:vote')).toEqual([
      { type: 'article:vote', id: 'en-refund', helpful: true },
    ])
    expect(await help.votedOn('en-refund')).toBe(true)
    expect(await deliveredVotes(client)).toEqual([])
  })

  it('keeps the vote in the outbox while offline', async () => {
    const voteArticle = vi.fn(async () => {
      throw new OfflineError()
    })
    const { client } = setup({ transport: fakeTransport({ voteArticle }), articles: { articles }, locale: 'en' })
    await createHelpController(client).vote('en-fees', false)
    await vi.waitFor(() => expect(voteArticle).toHaveBeenCalled())
    const jobs = await (await client.services()).outbox.list()
    expect(jobs).toEqual([
      expect.objectContaining({
        kind: 'vote',
        payload: { articleId: 'en-fees', helpful: false },
        state: 'failed_retryable',
      }),
    ])
  })

  it('drops a vote the backend refuses instead of leaving it for the user', async () => {
    const voteArticle = vi.fn(async () => {
      throw new NotFoundError('unknown article')
    })
    const { client } = setup({ transport: fakeTransport({ voteArticle }), articles: { articles }, locale: 'en' })
    await createHelpController(client).vote('en-limits', true)
    await vi.waitFor(async () => {
      expect(voteArticle).toHaveBeenCalled()
      expect(await (await client.services()).outbox.list()).toEqual([])
    })
  })

  it('opens a suggestion: event plus navigation to the article', () => {
    const { client, events } = setup()
    client.open('report')
    createHelpController(client).openSuggestion('zh-refund-not-received', 'report')
    expect(events).toContainEqual({ type: 'suggestion:open', id: 'zh-refund-not-received', from: 'report' })
    expect(client.store.getState().ui).toMatchObject({
      view: 'article',
      params: { id: 'zh-refund-not-received', from: 'report', source: 'suggestion' },
    })
  })
})
