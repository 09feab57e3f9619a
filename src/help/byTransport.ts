import type { SupportClient } from '../client.js'
import type { ArticleSource, HelpController } from './help.js'

/**
 * `client.help` while its controller's code (help.ts) does not load (lazy.ts): a search by the
 * transport's `searchArticles` (with `search:query`), an article from its `getArticle` (with
 * `article:open`, given up after 6 s as the controller does), else `error`, the load failure (the
 * transport's own error if it failed too). Its own small chunk, fetched only then.
 */
export const byTransport = (client: SupportClient, error: unknown) =>
  new Proxy({} as HelpController, {
    // Not `then`: it is the value a promise resolves with (lazy.ts), not a promise.
    get: (_, key) =>
      key !== 'then' &&
      (async (q: string, { limit = 10, source = 'link' }: { limit?: number; source?: ArticleSource } = {}) => {
        const t = await client.transport().catch(() => undefined)
        const locale = client.store.getState().system.locale
        if (key === 'search' && t?.searchArticles) {
          const hits = await t.searchArticles(q, { locale, limit })
          if (q.trim()) client.events.emit({ type: 'search:query', length: q.trim().length, results: hits.length })
          return hits
        }
        if (key !== 'getArticle' || !t?.getArticle) throw error
        // As the controller: a backend that never answers is a failure after 6 s, not "Loading…" for ever.
        const asked = t.getArticle(q, locale)
        const article = await new Promise<Awaited<typeof asked>>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error('timeout')), 6000)
          asked.then(resolve, reject).finally(() => clearTimeout(timer))
        })
        client.events.emit({ type: 'article:open', id: q, source })
        return article
      }),
  })
