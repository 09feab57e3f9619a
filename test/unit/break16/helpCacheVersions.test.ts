import { describe, expect, it } from 'vitest'
import { loadHelp } from '../../../src/help/source.js'
import { createSearchIndex } from '../../../src/search/searchIndex.js'
import { serializeIndex } from '../../../src/search/serialize.js'
import { memoryStore } from '../../../src/storage/memory.js'
import type { Transport } from '../../../src/transports/types.js'
import type { Article } from '../../../src/types.js'

// A host bumps its index URL on every content release, the way the docs show it
// (`…/search-index.json?v=2`), so that users get the new articles at once. Each version is cached
// on the device for offline use. Before, every version ever downloaded stayed in IndexedDB for
// good: a few hundred KB per release for 60 articles, megabytes for a real help centre.
const articles: Article[] = [
  { id: 'refund', locale: 'en', title: 'When will I get my refund?', body: 'Refunds take 1-3 days.', tags: [] },
]
const index = serializeIndex(createSearchIndex(articles))

describe('the cached help index when its URL changes', () => {
  it('keeps only the copy of the URL in use', async () => {
    const store = memoryStore()
    const fetch = (async (url: string | URL | Request) =>
      String(url).includes('articles.json')
        ? new Response('missing', { status: 404 })
        : new Response(JSON.stringify(index), {
            headers: { 'content-type': 'application/json' },
          })) as typeof globalThis.fetch
    const deps = {
      fetch,
      store: async () => store,
      transport: async () => ({}) as Transport,
      online: () => true,
    }
    for (const v of [1, 2, 3]) await loadHelp({ url: `/help/search-index.json?v=${v}` }, 'en', deps, () => undefined)
    expect(await store.keys('help:index:')).toEqual(['help:index:/help/search-index.json?v=3'])
  })

  it('uses a cached index whose cached article list is damaged, without the damaged entries', async () => {
    // Storage damage or an older format left `null` among the cached article bodies: building the
    // cached copy threw, and the good index went with it (a download, and offline nothing).
    const store = memoryStore()
    const url = '/help/search-index.json'
    await store.set(`help:index:${url}`, { savedAt: Date.now(), index, articles: [null, articles[0], { id: 7 }] })
    let downloads = 0
    const deps = {
      fetch: (async () => (downloads++, new Response('offline', { status: 503 }))) as unknown as typeof fetch,
      store: async () => store,
      transport: async () => ({}) as Transport,
      online: () => false,
    }
    const loaded = await loadHelp({ url }, 'en', deps, () => undefined)
    expect(downloads).toBe(0)
    expect(loaded.index.search('refund', { locale: 'en' }).map((h) => h.id)).toEqual(['refund'])
    expect([...loaded.bodies.keys()]).toEqual(['refund'])
  })
})
