import type { SupportClient } from '../client.js'
import { NotFoundError } from '../errors/index.js'
import { isHelpFeedbackError } from '../errors/errorCode.js'
import type { OutboxJob } from '../outbox/index.js'
import type { Article, ArticleHit } from '../types.js'
import type { LoadedHelp } from './source.js'
import { helpErrorMessage, openSuggestion } from './common.js'

/** Where an article was opened from (the `article:open` event says it to the host). */
export type ArticleSource = 'search' | 'popular' | 'suggestion' | 'link'

/**
 * Help search and articles for one client, headless. Content loads on first use, once: the
 * prebuilt index at `articles.url` (cached for offline use, with `articles.json` beside it for
 * the Markdown bodies), else the inline `articles.index`, else `articles.articles` indexed on the
 * device, else the transport's `listArticles` (indexed on the device and cached per locale).
 * Searches run on the device in the current locale; nothing typed leaves it.
 * A failure rejects with a `HelpFeedbackError` (`offline`, `timeout`, `not_found`, …).
 */
export interface HelpController {
  /** Loads the content for the current locale; rejects with a typed error. */
  ready(): Promise<void>
  /**
   * Ranked hits for a search box query. Emits `search:query` (length and count only), unless a
   * newer search was asked for before this one was answered.
   */
  search(query: string, options?: { limit?: number }): Promise<ArticleHit[]>
  /** Up to `limit` (3) articles for a problem description, to answer it before a ticket. */
  suggest(text: string, options?: { limit?: number; exclude?: string[] }): Promise<ArticleHit[]>
  popular(options?: { limit?: number }): Promise<ArticleHit[]>
  /** The full article (Markdown body when available). Emits `article:open` with `source`. */
  getArticle(id: string, options?: { source?: ArticleSource }): Promise<Article>
  /** The id of the article a relative `./slug.md` link points to, in the current locale. */
  resolveLink(slug: string): Promise<string | undefined>
  /** Queues a vote in the outbox (it survives offline). False when this device already voted. */
  vote(id: string, helpful: boolean): Promise<boolean>
  /** This device's earlier vote on an article, if any. */
  votedOn(id: string): Promise<boolean | undefined>
  /** Opens an article picked from the suggestions under a report or chat draft. */
  openSuggestion(id: string, from: 'report' | 'chat'): void
  /** A short localized message for an error thrown by this flow (also reported as an event). */
  errorMessage(error: unknown): string
}

export interface HelpControllerDeps {
  /** Used for `articles.url`. Default: the global fetch. */
  fetch?: typeof fetch
  /** How long a download may go without a byte (the whole download: 20 times this). Default 15 s. */
  timeoutMs?: number
  /** How long to wait for `transport.getArticle` before showing the indexed text. Default 6 s. */
  articleTimeoutMs?: number
}

const VOTES_KEY = 'help:votes'

/**
 * Creates the help controller. A client has one: `client.help` (the index loads once per client).
 *
 * @example
 * const help = client.help
 * const hits = await help.search('钱扣了但是没到账')
 * const article = await help.getArticle(hits[0].id, { source: 'search' })
 */
export function createHelpController(
  client: SupportClient,
  deps: HelpControllerDeps = {},
  /** Errors of loading the content as a whole, told apart from one article's (a 404 there means that article). */
  loadFailures = new WeakSet<object>(),
): HelpController {
  const loads = new Map<string, Promise<LoadedHelp>>()
  const fetched = new Map<string, Article>()
  let votes: Promise<Map<string, boolean>> | undefined
  let watching = false
  const locale = () => client.store.getState().system.locale
  const emit = client.events.emit
  const source = client.options.articles
  const perLocale = !source?.url && source?.index === undefined && !source?.articles
  const kv = () => client.services().then((s) => s.store)

  const load = (loc = locale()): Promise<LoadedHelp> => {
    const key = perLocale ? loc : '*'
    let p = loads.get(key)
    if (!p) {
      // The search code loads with the content, not with the client.
      p = import('./source.js').then(({ loadHelp }) =>
        loadHelp(
          source,
          loc,
          {
            ...(deps.fetch ? { fetch: deps.fetch } : {}),
            ...(deps.timeoutMs ? { timeoutMs: deps.timeoutMs } : {}),
            store: kv,
            transport: () => client.transport(),
            online: () => client.store.getState().system.online,
          },
          (fresh) => loads.set(key, Promise.resolve(fresh)),
        ),
      )
      loads.set(key, p)
      // A failed load is forgotten so the next search tries again (back online, fixed file).
      p.catch((error: unknown) => {
        if (typeof error === 'object' && error !== null) loadFailures.add(error)
        if (loads.get(key) === p) loads.delete(key)
      })
    }
    return p
  }

  /**
   * The user's locale: the index searches its language (a zh-TW user also gets Simplified
   * articles that have no Traditional copy), falls back to the other script's articles for a
   * query typed in it, and searches everything when no article is in that language.
   */
  const scope = () => ({ locale: locale() })

  const loadVotes = () =>
    (votes ??= kv()
      .then((s) => s.get<Record<string, boolean>>(VOTES_KEY))
      .then(
        (v) => new Map(Object.entries(v ?? {})),
        () => new Map<string, boolean>(),
      ))

  /** A vote the backend refused (e.g. an article it does not know) needs no user action: drop it. */
  const watchOutbox = async () => {
    if (watching) return
    watching = true
    const { outbox } = await client.services()
    const drop = (job: OutboxJob) => job.kind === 'vote' && job.state === 'rejected' && void outbox.remove(job.id)
    outbox.snapshot().forEach(drop)
    outbox.subscribe((event) => event.type === 'rejected' && drop(event.job))
  }

  const withTimeout = <T>(work: Promise<T>, ms: number): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('timeout')), ms)
      work.then(resolve, reject).finally(() => clearTimeout(timer))
    })

  /** Searches asked for so far: one answered after a newer one was asked is not counted. */
  let asked = 0
  const flow: HelpController = {
    async ready() {
      await load()
    },
    async search(query, options = {}) {
      const mine = ++asked
      const h = await load()
      const hits = h.index.search(query, { ...scope(), limit: options.limit ?? 10 })
      // While the index loads, each keystroke's search waits; they all answer at once when it
      // arrives, and counting them sent one event per keystroke ("r", "re", "ref"…), not the query.
      if (query.trim() && mine === asked)
        emit({ type: 'search:query', length: query.trim().length, results: hits.length })
      return hits
    },
    async suggest(text, options = {}) {
      const h = await load()
      const exclude = new Set(options.exclude ?? [])
      const limit = options.limit ?? 3
      return h.index
        .suggest(text, { ...scope(), limit: limit + exclude.size })
        .filter((x) => !exclude.has(x.id))
        .slice(0, limit)
    },
    async popular(options = {}) {
      const h = await load()
      return h.index.popular({ ...scope(), limit: options.limit ?? 5 })
    },
    async getArticle(id, options = {}) {
      const loc = locale()
      const h = await load(loc).catch(() => undefined)
      let article = h?.bodies.get(id) ?? fetched.get(`${loc}:${id}`)
      let failure: unknown
      if (!article && client.store.getState().system.online) {
        try {
          const transport = await client.transport()
          if (transport.getArticle) {
            article = await withTimeout(transport.getArticle(id, loc), deps.articleTimeoutMs ?? 6000)
            fetched.set(`${loc}:${id}`, article)
          }
        } catch (error) {
          failure = error
        }
      }
      // Else the index's own text of it.
      if (!article) article = h?.indexed(id)
      if (!article) throw isHelpFeedbackError(failure) ? failure : new NotFoundError(`article ${id} not found`)
      emit({ type: 'article:open', id, source: options.source ?? 'link' })
      return article
    },
    async resolveLink(slug) {
      return (await load()).resolve(slug, locale())
    },
    async vote(id, helpful) {
      const known = await loadVotes()
      if (known.has(id)) return false
      known.set(id, helpful)
      try {
        const services = await client.services()
        const transport = await client.transport().catch(() => undefined)
        // Without voteArticle there is nowhere to send it; the event still tells the host.
        if (transport?.voteArticle) {
          void watchOutbox().catch(() => undefined)
          await services.outbox.enqueue('vote', { articleId: id, helpful })
        }
        await services.store.set(VOTES_KEY, Object.fromEntries(known)).catch(() => undefined)
      } catch (error) {
        known.delete(id)
        throw error
      }
      emit({ type: 'article:vote', id, helpful })
      return true
    },
    async votedOn(id) {
      return (await loadVotes()).get(id)
    },
    openSuggestion: (id, from) => openSuggestion(client, id, from),
    errorMessage: (error) => helpErrorMessage(client, error, loadFailures),
  }
  return flow
}
