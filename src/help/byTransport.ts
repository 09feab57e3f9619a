import type { SupportClient } from '../client.js'
import type { ArticleSource, HelpController } from './help.js'

/**
 * `client.help` while its controller's code (help.ts) does not load (lazy.ts): a search by the
 * transport's `searchArticles`, an article from its `getArticle` (with `article:open`), else
 * `error`, the load failure (the transport's own error if it failed too). Its own small chunk,
 * fetched only then.
 */
export const byTransport = (client: SupportClient, error: unknown) =>
  new Proxy({} as HelpController, {
    // Not `then`: it is the value a promise resolves with (lazy.ts), not a promise.
    get: (_, key) =>
      key !== 'then' &&
      (async (q: string, { limit = 10, source = 'link' }: { limit?: number; source?: ArticleSource } = {}) => {
        const t = await client.transport().catch(() => undefined)
        const locale = client.store.getState().system.locale
        if (key === 'search' && t?.searchArticles) return t.searchArticles(q, { locale, limit })
        if (key !== 'getArticle' || !t?.getArticle) throw error
        const article = await t.getArticle(q, locale)
        client.events.emit({ type: 'article:open', id: q, source })
        return article
      }),
  })
