import {
  MalformedResponseError,
  NotFoundError,
  OfflineError,
  ServerError,
  TimeoutError,
  UnsupportedError,
} from '../errors/index.js'
// Direct module imports (not search/index.js) keep the synonym table out of this chunk.
import {
  createSearchIndex,
  goodWeights,
  isCount,
  isSynonymTable,
  loadIndex,
  type SearchIndex,
  type SerializedIndex,
} from '../search/searchIndex.js'
import { plainText } from '../search/snippet.js'
import type { SynonymTable } from '../search/synonyms.js'
import type { KeyValueStore } from '../storage/types.js'
import type { Transport } from '../transports/types.js'
import type { Article } from '../types.js'

/** An article as the index knows it: plain text, no Markdown. */
export interface IndexedDoc {
  id: string
  locale: string
  title: string
  text: string
  tags: string[]
}

/**
 * A ready index with what it knows about each article. The lookups in the indexed articles are
 * here, in the help chunk that loads with the content, not in the client's controller.
 */
export interface LoadedHelp {
  index: SearchIndex
  /** Full articles with their Markdown body, when the source ships them. */
  bodies: Map<string, Article>
  /** An article as the index knows it, its plain text escaped as Markdown (for one without a body). */
  indexed(id: string): Article | undefined
  /**
   * The id of the article a relative `./slug.md` link points to: the article of that id, else one
   * whose id ends in `-slug`, in `locale` first.
   */
  resolve(slug: string, locale: string): string | undefined
}

/** What is written to the key-value store so help works offline next time. */
interface CachedHelp {
  savedAt: number
  index?: SerializedIndex
  articles?: Article[]
}

export interface SourceDeps {
  fetch?: typeof fetch
  /** Give up on a download when the server stays silent this long (the whole download: 20 times this). Default 15 s. */
  timeoutMs?: number
  store: () => Promise<KeyValueStore | undefined>
  transport: () => Promise<Transport>
  online: () => boolean
}

/** A cached copy younger than this is used without asking the network again. */
const REFRESH_AFTER_MS = 15 * 60_000

const isStr = (v: unknown): v is string => typeof v === 'string'
const isStrs = (v: unknown): v is string[] => Array.isArray(v) && v.every(isStr)

/**
 * Full shape check: a bad index must fail here with a typed error, not later inside a search
 * (a throw, NaN scores, or articles silently never found). Weights and per-article lengths come
 * one per field (version 1: title, tags, body; version 2: and similar questions); posting lists
 * are `[slot, packedTf, ...]` with slots ascending and in range, tfs whole numbers (version 2:
 * four four-bit fields). At 10k articles (2.7M postings) they take about 10 ms.
 */
export function checkIndex(json: unknown): SerializedIndex {
  const bad = (why: string): never => {
    throw new MalformedResponseError([`help index: ${why}`])
  }
  const data = json as Partial<SerializedIndex> | null
  if (typeof data !== 'object' || data === null || (data.version !== 1 && data.version !== 2))
    bad('expected serializeIndex() output with version 1 or 2')
  if (
    !Array.isArray(data!.docs) ||
    typeof data!.terms !== 'object' ||
    data!.terms === null ||
    Array.isArray(data!.terms) ||
    !Array.isArray(data!.weights)
  )
    bad('missing docs, terms or weights')
  const fields = data!.version === 1 ? 3 : 4
  if (!goodWeights(data!.weights!, fields)) bad('bad weights')
  // Missing is an empty table (loadIndex reads it so); any other shape threw inside search().
  if (!isSynonymTable(data!.synonyms ?? {})) bad('bad synonyms')
  data!.docs!.forEach((d, i) => {
    if (d === null) return
    if (
      !isStr(d?.id) ||
      !isStr(d.locale) ||
      !isStr(d.title) ||
      !isStr(d.text) ||
      !isStrs(d.tags) ||
      !Array.isArray(d.lengths) ||
      d.lengths.length !== fields ||
      !d.lengths.every(isCount) ||
      // Missing is 0 (the engine reads it so); a string or NaN is no popularity.
      (d.popularity !== undefined && !Number.isFinite(d.popularity))
    )
      bad(`docs[${i}] is not an article`)
  })
  const slots = data!.docs!.length
  // Version 1 packed the body tf from bit 12 up (no upper bound below 2^31), version 2 four bits a field.
  const tfs = data!.version === 1 ? 2 ** 31 : 65536
  for (const [term, p] of Object.entries(data!.terms!)) {
    if (!Array.isArray(p) || p.length % 2) bad(`bad postings of "${term}"`)
    // One loop, no closures: a 10k-article index holds millions of these numbers.
    for (let j = 0, last = -1; j < p.length; j += 2) {
      const s = p[j]!
      const f = p[j + 1]!
      if (!(Number.isInteger(s) && Number.isInteger(f) && s > last && s < slots && f >= 0 && f < tfs))
        bad(`bad postings of "${term}"`)
      last = s
    }
  }
  return data as SerializedIndex
}

function checkArticles(json: unknown): Article[] {
  if (!Array.isArray(json)) throw new MalformedResponseError(['articles: expected a list'])
  return json
    .filter((a): a is Article => isStr(a?.id) && isStr(a.locale) && isStr(a.title) && isStr(a.body))
    .map(({ questions, ...a }) => ({
      ...a,
      tags: isStrs(a.tags) ? a.tags : [],
      // Similar questions only when they are a list of strings: anything else is dropped, not indexed.
      ...(isStrs(questions) && { questions }),
    }))
}

/** Markdown-escape indexed plain text so it renders as the text it is. */
const asMarkdown = (text: string): string =>
  text.replace(/[\\`*_[\]<>#&|~!]/g, '\\$&').replace(/^(\d+)([.)])/, '$1\\$2')

function ready(index: SearchIndex, docs: Map<string, IndexedDoc>, articles: Article[]): LoadedHelp {
  return {
    index,
    bodies: new Map(articles.map((a) => [a.id, a])),
    indexed(id) {
      const doc = docs.get(id)
      return doc && { id: doc.id, locale: doc.locale, title: doc.title, body: asMarkdown(doc.text), tags: doc.tags }
    },
    resolve(slug, locale) {
      const all = [...docs.values()]
      const tail = (d: IndexedDoc) => d.id === slug || d.id.endsWith(`-${slug}`)
      return (all.find((d) => d.id === slug) ?? all.find((d) => tail(d) && d.locale === locale) ?? all.find(tail))?.id
    },
  }
}

function fromIndex(data: SerializedIndex, articles: Article[] | undefined): LoadedHelp {
  let index: SearchIndex
  try {
    index = loadIndex(data)
  } catch (error) {
    throw new MalformedResponseError([`help index: ${String((error as Error)?.message ?? error)}`], { cause: error })
  }
  const docs = new Map<string, IndexedDoc>()
  for (const d of data.docs)
    if (d) docs.set(d.id, { id: d.id, locale: d.locale, title: d.title, text: d.text, tags: d.tags })
  return ready(index, docs, articles ?? [])
}

function fromArticles(list: Article[], synonyms: SynonymTable): LoadedHelp {
  const articles = checkArticles(list)
  const index = createSearchIndex(articles, { synonyms })
  const docs = new Map(
    articles.map((a) => [a.id, { id: a.id, locale: a.locale, title: a.title, text: plainText(a.body), tags: a.tags }]),
  )
  return ready(index, docs, articles)
}

/** `…/search-index.json?v=2` → `…/articles.json`: the file `npm run index:articles` writes beside it. */
export function siblingUrl(url: string, name: string): string {
  const path = url.split(/[?#]/, 1)[0]!
  return path.slice(0, path.lastIndexOf('/') + 1) + name
}

/**
 * GETs JSON. `timeoutMs` (default 15 s) is how long the server may stay silent, not how long the
 * whole download may take: each part of the body that arrives starts it again. A prebuilt index
 * of a few hundred KB on a slow phone network (4 KB/s) took longer than 15 s in all, so a total
 * limit aborted it every time and it never arrived. The whole download still has a bound, twenty
 * times that (5 min): a server dripping a byte just inside the limit kept help loading for ever.
 */
async function getJson(deps: SourceDeps, url: string): Promise<unknown> {
  const f = deps.fetch ?? (typeof fetch === 'function' ? fetch : undefined)
  if (!f) throw new UnsupportedError('fetch')
  const controller = new AbortController()
  let timedOut = false
  let timer: ReturnType<typeof setTimeout> | undefined
  const limit = deps.timeoutMs ?? 15_000
  const giveUp = () => ((timedOut = true), controller.abort())
  const wait = () => {
    clearTimeout(timer)
    timer = setTimeout(giveUp, limit)
  }
  const whole = setTimeout(giveUp, limit * 20)
  wait()
  try {
    let res: Response
    try {
      res = await f(url, { signal: controller.signal, credentials: 'same-origin' })
    } catch (error) {
      throw timedOut
        ? new TimeoutError(`GET ${url} timed out`, { cause: error })
        : new OfflineError(`GET ${url} failed`, { cause: error })
    }
    // The headers are the server speaking too: the body has its own limit from here.
    wait()
    if (res.status === 404) throw new NotFoundError(`GET ${url}: 404`)
    if (!res.ok) throw new ServerError(res.status, `GET ${url}: ${res.status}`)
    let text: string
    try {
      text = await bodyText(res, wait)
    } catch (error) {
      throw timedOut
        ? new TimeoutError(`GET ${url} timed out`, { cause: error })
        : new OfflineError(`GET ${url} failed`, { cause: error })
    }
    try {
      return JSON.parse(text)
    } catch (error) {
      throw new MalformedResponseError([`${url}: not JSON`], { cause: error })
    }
  } finally {
    clearTimeout(timer)
    clearTimeout(whole)
  }
}

/** The body as text, calling `progress` on each part that arrives (a body without a stream: at once). */
async function bodyText(res: Response, progress: () => void): Promise<string> {
  const reader = res.body?.getReader()
  if (!reader) return res.text()
  const decoder = new TextDecoder()
  const parts: string[] = []
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    progress()
    parts.push(decoder.decode(value, { stream: true }))
  }
  parts.push(decoder.decode())
  return parts.join('')
}

/**
 * Loads help content once and keeps a copy in the key-value store. A cached copy is used at once
 * (offline too) and refreshed in the background; `onRefresh` receives the newer content.
 */
export async function loadHelp(
  source: { url?: string; index?: unknown; articles?: Article[] } | undefined,
  locale: string,
  deps: SourceDeps,
  onRefresh: (loaded: LoadedHelp) => void,
): Promise<LoadedHelp> {
  if (source?.url) {
    const url = source.url
    return cached(
      deps,
      `help:index:${url}`,
      async () => {
        const index = checkIndex(await getJson(deps, url))
        // The Markdown bodies are optional: without them articles show the index's plain text.
        const articles = await getJson(deps, siblingUrl(url, 'articles.json')).then(checkArticles, () => undefined)
        return { savedAt: Date.now(), index, ...(articles ? { articles } : {}) }
      },
      // The cached articles are read as downloaded ones are: a damaged entry ([null]) threw here and
      // discarded a good cached index; now it is dropped.
      (c) => fromIndex(checkIndex(c.index), Array.isArray(c.articles) ? checkArticles(c.articles) : undefined),
      onRefresh,
      // The same file under another query (`?v=2` bumped on each release) is an older copy.
      `help:index:${url.split(/[?#]/, 1)[0]!}`,
    )
  }
  if (source?.index !== undefined) return fromIndex(checkIndex(source.index), source.articles)
  // A prebuilt index carries its synonyms; only indexing on the device needs the table (~1.2 KB).
  const { walletSynonyms } = await import('../search/synonyms.js')
  if (source?.articles) return fromArticles(source.articles, walletSynonyms)
  return cached(
    deps,
    `help:articles:${locale}`,
    async () => {
      const transport = await deps.transport()
      if (!transport.listArticles) throw new UnsupportedError('articles')
      return { savedAt: Date.now(), articles: await transport.listArticles({ locale }) }
    },
    (c) => fromArticles(c.articles ?? [], walletSynonyms),
    onRefresh,
  )
}

async function cached(
  deps: SourceDeps,
  key: string,
  download: () => Promise<CachedHelp>,
  build: (c: CachedHelp) => LoadedHelp,
  onRefresh: (loaded: LoadedHelp) => void,
  supersedes?: string,
): Promise<LoadedHelp> {
  const store = await deps.store().catch(() => undefined)
  const save = (c: CachedHelp) => store?.set(key, c).catch(() => undefined)
  const copy = await store?.get<CachedHelp>(key).catch(() => undefined)
  if (copy) {
    try {
      const loaded = build(copy)
      if (deps.online() && !(Date.now() - copy.savedAt < REFRESH_AFTER_MS)) {
        download().then(
          (fresh) => {
            const next = build(fresh)
            void save(fresh)
            onRefresh(next)
          },
          () => undefined,
        )
      }
      return loaded
    } catch {
      // A corrupt copy (older format, storage damage) is replaced by a fresh download below.
    }
  }
  const fresh = await download()
  const loaded = build(fresh)
  await save(fresh)
  // Copies under keys starting with `supersedes` are older versions: deleted, not kept for ever.
  if (store && supersedes)
    await store
      .keys(supersedes)
      .then((keys) => Promise.all(keys.filter((k) => k !== key).map((k) => store.del(k))))
      .catch(() => undefined)
  return loaded
}
