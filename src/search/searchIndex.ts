import type { Article, ArticleHit } from '../types.js'
import { buildQuery, compileSynonyms, rarest, type CompiledVariant } from './query.js'
import { language, localesFor, onePerArticle, translationKey } from './locales.js'
import { createPostingStore, fromVersion1, pack, type PostingStore } from './postings.js'
import { K1, rank, scratch as buffers, type Term } from './rank.js'
import { foldInPlace, makeSnippet, plainText } from './snippet.js'
import type { SynonymTable } from './synonyms.js'
import { fold, HAN, tokenize, WORD_CHAR } from './tokenize.js'
import { FIRST_QUESTION, IDF_POWER, K1B, K1Q, QUESTIONS_WEIGHT, TAG_BONUS } from './tuning.js'

/** Options of `createSearchIndex` and `loadIndex`. */
export interface SearchIndexOptions {
  /**
   * Field weights (BM25F), finite and ≥ 0, not all zero (else a TypeError). Default title 2.5,
   * tags 3, body 1, similar questions 2. Ignored by `loadIndex`.
   */
  weights?: { title?: number; tags?: number; body?: number; questions?: number }
  /**
   * @deprecated No effect: the index no longer adds ICU dictionary words (they changed no ranking
   * in bench:search). Accepted so that existing calls compile.
   */
  words?: boolean
  /**
   * Synonym groups per locale, e.g. `walletSynonyms`. Kept in `serializeIndex` output, so a loaded
   * index needs none; passing a table to `loadIndex` replaces the stored one. Default: none.
   */
  synonyms?: SynonymTable
  /** Snippet length in characters. Default 120. */
  snippetLength?: number
}

/** Tests only: score synonym clauses variant by variant, the reference merged lists must equal. */
export const reference = { variants: false }

/** Options of `search`, `suggest` and `popular`. */
export interface SearchOptions {
  /** Most hits to return, rounded down (below 1 or NaN: none). Default 10 (`suggest`: 3, `popular`: 5). */
  limit?: number
  /**
   * The user's locale. Search looks at the articles of its language (Traditional copies first for
   * zh-TW/zh-HK), at the Chinese articles for a query in Chinese characters whatever the locale,
   * and, for a Chinese UI, at the other languages when the Chinese articles give nothing; a
   * translated article shows once, in the most preferred locale that has it (`popular` too,
   * within the locale's language). Default: all articles.
   */
  locale?: string
}

/** An article as the index stores it: Markdown already reduced to plain text. */
export interface StoredArticle {
  id: string
  locale: string
  title: string
  tags: string[]
  text: string
  popularity: number
  /** Term count per field: title, tags, body, similar questions. */
  lengths: number[]
}

/**
 * What `serializeIndex` returns and `loadIndex` takes. Postings are `[slot, packedTf, ...]`. Version 1
 * (three fields, no similar questions) still loads.
 */
export interface SerializedIndex {
  version: 1 | 2
  weights: number[]
  synonyms: SynonymTable
  docs: Array<StoredArticle | null>
  terms: Record<string, number[]>
}

/** A client-side help search index (BM25F, OR semantics, CJK bigrams, wallet synonyms). */
export interface SearchIndex {
  /** Live article count. */
  readonly size: number
  /** Adds or replaces articles (same id replaces). */
  add(articles: Article | Article[]): void
  /** Removes an article; false when the id is unknown. */
  remove(id: string): boolean
  /** Ranked hits for a query typed in a search box. Blank queries give []. */
  search(query: string, options?: SearchOptions): ArticleHit[]
  /** Top articles for long free text (a problem description) to deflect a ticket. */
  suggest(text: string, options?: SearchOptions): ArticleHit[]
  /** Most popular articles, for the empty search state. */
  popular(options?: SearchOptions): ArticleHit[]
}

/**
 * Each index's data (its postings apart) and posting store, for `serializeIndex`: kept off the
 * index object, so that a bundle that never saves an index leaves the saving code out.
 */
export const internals = new WeakMap<SearchIndex, [SerializedIndex, PostingStore]>()

/**
 * BM25 length normalisation per field (title, tags, body): a short title is no better answer,
 * and tags none at all: each tag is a keyword, and an article tagged more thoroughly than others
 * must not weigh each of its tags less (bench:search tuning sets at 10k: MRR@10 +0.01 to +0.03).
 */
const B = [0.3, 0, 0.75, 0.5]

/** Whether `t` is a `SynonymTable` (locale → groups → variants): any other shape threw inside a search. */
export const isSynonymTable = (t: unknown): t is SynonymTable =>
  !!t &&
  typeof t == 'object' &&
  !Array.isArray(t) &&
  Object.values(t).every(
    (g) => Array.isArray(g) && g.every((v) => Array.isArray(v) && v.every((x) => typeof x == 'string')),
  )

/** A popularity as a number: anything else (a string, NaN, none) is 0, not NaN in `popular()` and tie order. */
const popularityOf = (p: unknown): number => (Number.isFinite(p) ? (p as number) : 0)

/** A finite number ≥ 0 (a weight, a field length). */
export const isCount = (x: unknown): x is number => typeof x == 'number' && x >= 0 && x < Infinity

/**
 * Field weights, one per field (3 in a version 1 index): negative or NaN ones gave negative or NaN
 * scores, all zero found nothing.
 */
export const goodWeights = (w: unknown[], fields: number): boolean =>
  w.length == fields && w.every(isCount) && w.some(Boolean)

/**
 * Throws the TypeError of a bad argument, `what` naming it: short, as the engine's own code is
 * kept small (the option docs above say what each must be).
 */
const bad: (what: string) => never = (what) => {
  throw new TypeError(`help-feedback: bad search ${what}`)
}

const checkWeights = (w: unknown[], fields: number): unknown => goodWeights(w, fields) || bad('weights')

/** A limit as a whole number of hits: at most `floor(limit)`, none for NaN or below 1. */
const cap = (limit: number | undefined, dflt: number): number => Math.max(0, Math.floor(limit ?? dflt)) || 0

/**
 * Builds an index of help articles.
 *
 * @example
 * const index = createSearchIndex(articles, { synonyms: walletSynonyms })
 * index.search('钱扣了但是没到账', { locale: 'zh-CN', limit: 5 })
 */
export function createSearchIndex(articles: Article[] = [], options: SearchIndexOptions = {}): SearchIndex {
  const w = options.weights ?? {}
  const weights = [w.title ?? 2.5, w.tags ?? 3, w.body ?? 1, w.questions ?? QUESTIONS_WEIGHT]
  checkWeights(weights, 4)
  const index = open(
    {
      version: 2,
      weights,
      synonyms: options.synonyms ?? {},
      docs: [],
      terms: {},
    },
    options,
  )
  index.add(articles)
  return index
}

/**
 * Restores an index from `serializeIndex` output (object or JSON string). Results are identical to the
 * original index on the same JavaScript engine.
 */
export function loadIndex(json: SerializedIndex | string, options: SearchIndexOptions = {}): SearchIndex {
  // A private copy: the index mutates its data, and the caller may keep or reuse theirs.
  const data = JSON.parse(typeof json == 'string' ? json : JSON.stringify(json)) as SerializedIndex | null
  if (
    (data?.version !== 1 && data?.version !== 2) ||
    !Array.isArray(data.docs) ||
    typeof data.terms != 'object' ||
    !Array.isArray(data.weights)
  ) {
    bad('index (version 1 or 2)')
  }
  checkWeights(data.weights, data.version == 1 ? 3 : 4)
  if (data.version == 1) {
    for (const t in data.terms) data.terms[t] = data.terms[t]!.map((x, j) => (j % 2 ? fromVersion1(x) : x))
    for (const d of data.docs) d?.lengths.push(0)
    data.weights.push(QUESTIONS_WEIGHT)
    data.version = 2
  }
  return open(data, options)
}

function open(data: SerializedIndex, options: SearchIndexOptions): SearchIndex {
  const { weights, docs } = data
  const table = (data.synonyms = options.synonyms ?? data.synonyms ?? {})
  if (!isSynonymTable(table)) bad('synonyms')
  // Own entries only: a locale tag comes from the articles, and `constructor` is on every object.
  const groupsOf = new Map(Object.entries(table))
  const terms = createPostingStore(data.terms)
  // The store holds its own copy; `serializeIndex` rebuilds this from it.
  data.terms = {}
  /** Articles were removed since postings were last compacted. */
  let removed = false
  const ids = new Map<string, number>()
  const sums = [0, 0, 0, 0]
  const compiled = new Map<string, CompiledVariant[][]>()
  let live = 0
  // Starts at 1: the posting store's stamps start at 0 (= never saturated).
  let version = 1
  let vocab: string[] | null = null
  /** Han bigrams by their first character (the characters that follow it) and by their second. */
  let pairs: Array<Map<string, string>> | null = null
  /** Mean field lengths, and the index version they were computed for (last). */
  let avg: number[] = []
  let scratch = buffers(0)

  /** Counts an article in or out (`sign` 1 or -1) of the statistics. */
  const track = (d: StoredArticle, slot: number, sign: number): void => {
    count(same, texts[slot]!, sign)
    count(perLocale, d.locale, sign)
    live += sign
    d.lengths.forEach((l, f) => (sums[f]! += sign * l))
    version++
    vocab = pairs = null
  }
  // Locale per slot, as a small integer: ranking reads a compact array, not articles.
  const codes = new Map<string, number>()
  const localeOf: number[] = []
  /**
   * Live articles per locale. The locales searched follow from the articles present, sorted, not
   * from the order they came in: a saved or rebuilt index answers as the live one.
   */
  const perLocale = new Map<string, number>()
  const known = (): string[] => [...perLocale.keys()].sort()
  /** Adds `sign` to a count, forgetting it at 0. */
  const count = (m: Map<string, number>, k: string, sign: number): void => {
    const n = (m.get(k) ?? 0) + sign
    n ? m.set(k, n) : m.delete(k)
  }
  /** Slots of each article's translations (see `translationKey`), each slot's key and its number. */
  const groups = new Map<string, number[]>()
  const keys: string[] = []
  const gids = new Map<string, number>()
  const group: number[] = []

  /**
   * Per slot, its language and translation key: copies of one article in one language (zh-CN
   * and zh-TW) are one text for term statistics. `same` counts live slots per such text.
   */
  const texts: string[] = []
  const same = new Map<string, number>()
  /** Per slot, its snippet text folded once (folding each hit's text again was most of what a search allocated). */
  const folds: string[] = []
  /**
   * Per slot, its tags folded without spaces, each between newlines (a tag whose fold changes
   * its length as none): the tag bonus tests one string, not a fold and two regexps per tag.
   */
  const tagLines: string[] = []
  /** A key's small integer in `m`, the next one for a new key. */
  const code = (m: Map<string, number>, k: string): number => m.get(k) ?? (m.set(k, m.size), m.size - 1)
  const place = (d: StoredArticle, slot: number): void => {
    ids.set(d.id, slot)
    const k = (keys[slot] = translationKey(d.id, d.locale))
    const g = groups.get(k)
    g ? g.push(slot) : groups.set(k, [slot])
    group[slot] = code(gids, k)
    texts[slot] = language(d.locale) + ' ' + k
    d.popularity = popularityOf(d.popularity)
    folds[slot] = foldInPlace(d.text || d.title)
    tagLines[slot] = d.tags
      .map((t) => {
        const k = fold(t).replace(/\s+/g, '')
        return `\n${k.length == t.replace(/\s+/g, '').length ? k : ' '}\n`
      })
      .join('')
    localeOf[slot] = code(codes, d.locale)
    track(d, slot, 1)
  }
  docs.forEach((d, i) => d && place(d, i))

  const remove = (id: string): boolean => {
    const slot = ids.get(id)
    // An unknown id reads docs[undefined]: none.
    const d = docs[slot!]
    if (!d) return false
    docs[slot!] = null
    folds[slot!] = tagLines[slot!] = ''
    ids.delete(id)
    const k = keys[slot!]!
    const g = groups.get(k)!.filter((x) => x != slot)
    g.length ? groups.set(k, g) : groups.delete(k)
    track(d, slot!, -1)
    // Its postings go at the next compaction; until then they point at a null slot: skipped.
    removed = true
    return true
  }

  const add = (a: Article): void => {
    const d: StoredArticle = {
      id: a.id,
      locale: a.locale,
      title: a.title,
      tags: a.tags,
      text: plainText(a.body),
      // Made a number by `place`.
      popularity: a.popularity!,
      lengths: [],
    }
    // Before any change: an article of the wrong shape (tags or questions not a list) throws here
    // and leaves the index as it was, not without its old copy and with a half-added one.
    const fields = [d.title, d.tags.join(' '), d.text, (a.questions ?? []).join('\n')]
    remove(a.id)
    const slot = docs.push(d) - 1
    const tf = new Map<string, number[]>()
    fields.forEach((field, f) => {
      const ts = tokenize(field)
      d.lengths[f] = ts.length
      for (const t of ts) (tf.get(t) ?? tf.set(t, [0, 0, 0, 0]).get(t)!)[f]!++
    })
    for (const [t, [a, b, c, q]] of tf) terms.push(t, slot, pack(a!, b!, c!, q!))
    place(d, slot)
  }

  let cache = new Map<string, unknown>()
  let cached = 0
  /** A value computed once per index version (document frequencies, merged synonym lists). */
  const once = <T>(key: string, make: () => T): T => {
    if (cached != version) cache = new Map()
    cached = version
    let v = cache.get(key) as T | undefined
    if (v === undefined) cache.set(key, (v = make()))
    return v
  }
  /**
   * Document frequency counting the copies of one article in one language once (after
   * `compact`): a zh-TW copy folds to the same terms as its zh-CN original and must not make them
   * look common. Without such copies it is the plain posting count.
   */
  const df = (t: string): number => {
    const p = terms.get(t)
    const n = p ? p[0].length : 0
    return n < 2 || same.size == live
      ? n
      : once(t, () => {
          const seen = new Set<string>()
          for (const slot of p![0]) seen.add(texts[slot]!)
          return seen.size
        })
  }

  /**
   * Scale of the saturation cache: title, tags and body together saturate below 255 steps (the
   * scale of the one-byte cache of the three-field index, kept so that indexes without similar
   * questions rank to the bit as before). The cache holds two bytes: a term strong in the
   * questions too (with their default weight up to about 380 steps, with a higher one more)
   * once capped at 255 and tied with weaker matches. All four fields stay below 65535 steps
   * whatever the weights (the scale grows when the questions' weight would pass them).
   */
  const STEP =
    Math.max(
      (K1B + 1) * (weights[0]! + weights[1]! + weights[2]!),
      ((K1Q + 1) * weights.reduce((a, b) => a + b)) / 257,
    ) / 255

  /** Postings of a term with their BM25F saturation, computed once per term and index version (`w` for the caller). */
  const resolve = (t: string): Term | null => {
    const p = terms.get(t)
    if (!p) return null
    const [s, f, c] = p
    if (p[3] != version) {
      p[3] = version
      if (avg[4] !== version) avg = [...sums.map((x) => x / (live || 1) || 1), version]
      for (let j = 0; j < s.length; j++) {
        const d = docs[s[j]!]
        c[j] = 0
        if (!d) continue
        // Field-weighted, length-normalised tf (BM25F), saturated once.
        let tf = 0
        for (let k = 0; k < 4; k++) {
          const n = (f[j]! >> (4 * k)) & 15
          if (n) {
            const b = B[k]!
            const x = (k == 3 ? n - FIRST_QUESTION : n) / (1 - b + (b * d.lengths[k]!) / avg[k]!)
            const k1 = k < 2 ? K1 : k == 3 ? K1Q : K1B
            tf += (weights[k]! * x * (k1 + 1)) / (x + k1)
          }
        }
        c[j] = Math.min(65535, Math.max(1, Math.round(tf / STEP)))
      }
    }
    return { s, c, w: 0 }
  }

  /**
   * Per synonym group (of the locales searched) and index version, the articles its variants
   * hold and, per article, its three best variants and their saturations, best first:
   * made on the group's first search. A synonym clause's variants weigh the same (the idf of the
   * words typed), so an article scores its best variant's saturation; with at most two variants
   * left out, one of the three is the best of those kept. One list walked, not one per variant:
   * the variants of common words (银行, 手机) held most of the index twice over
   * (bench/searchProfile.ts at 10k: 42k postings a slow query, 18k articles).
   */
  const union = (group: CompiledVariant[], key: string): [Uint32Array, Uint16Array, Uint16Array] =>
    once(key, () => {
      // Per slot, three variants as saturation × 65536 + variant, best first.
      const top = new Uint32Array(3 * docs.length)
      group.forEach(([, , ts], v) => {
        const e = resolve(rarest(ts, df))
        for (let j = 0; e && j < e.s.length; j++)
          for (let k = 3 * e.s[j]!, x = e.c[j]! * 65536 + v, end = k + 3; k < end; k++) {
            const y = top[k]!
            if (x > y) {
              top[k] = x
              x = y
            }
          }
      })
      const s: number[] = []
      const cs: number[] = []
      const vs: number[] = []
      // Saturations and variants apart: loads of small integers, not of doubles above 2^31.
      top.forEach((x, k) => {
        if (top[k - (k % 3)]) {
          if (!(k % 3)) s.push(k / 3)
          cs.push(x / 65536)
          vs.push(x)
        }
      })
      return [Uint32Array.from(s), Uint16Array.from(cs), Uint16Array.from(vs)]
    })

  /** The locales to search for `query` in `o.locale` first, and those to fall back on (see `localesFor`). */
  const scope = (o: SearchOptions, query: string): [string[], string[]] =>
    o.locale ? localesFor(o.locale, query, known()) : [known(), []]

  const run = (query: string, o: SearchOptions, limit: number, maxTerms: number): ArticleHit[] => {
    if (typeof query != 'string' || !query.trim() || !limit) return []
    const [first, fallback] = scope(o, query)
    const hits = search(query, first, limit, maxTerms)
    return hits.length || !fallback.length ? hits : search(query, fallback, limit, maxTerms)
  }

  /** Hits among articles of `locales` (best first), one per translated article. */
  const search = (query: string, locales: string[], limit: number, maxTerms: number): ArticleHit[] => {
    const key = locales.join()
    let synonyms = compiled.get(key)
    if (!synonyms) {
      const groups = locales.flatMap((l) => groupsOf.get(l) ?? [])
      compiled.set(key, (synonyms = compileSynonyms([...new Set(groups)])))
    }
    terms.compact((slot) => !docs[slot], removed)
    removed = false
    const idfOf = (n: number): number => Math.log(1 + (same.size - n + 0.5) / (n + 0.5)) ** IDF_POWER
    const q = buildQuery(
      query,
      df,
      idfOf,
      (t) => {
        const p = terms.get(t)
        if (!p) return false
        const [slots, f] = p
        for (let j = 0; j < f.length; j++) if (f[j]! & 4095 && docs[slots[j]!]) return true
        return false
      },
      () =>
        (vocab ??= terms
          .terms()
          .filter((t) => !HAN.test(t))
          .sort()),
      (a, back) => {
        if (!pairs) {
          pairs = [new Map(), new Map()]
          for (const t of terms.terms())
            if (t.length == 2 && HAN.test(t)) pairs.forEach((m, k) => m.set(t[k]!, (m.get(t[k]!) ?? '') + t[1 - k]!))
        }
        return pairs[+!!back]!.get(a) ?? ''
      },
      synonyms,
      maxTerms > 99,
    )
    const idf = (t: string): number => idfOf(df(t))
    const extra: string[] = []
    // Built by push, in loops: no closure, wrapper array or flatMap result per variant (synonym
    // groups bring dozens), and arrays of one element kind whether or not this code is optimized
    // (a mapped array's kind depended on it, and reading the other kind deoptimized search).
    const found: Array<{ v: Term[][]; w: number; m: string[]; b: boolean | undefined }> = []
    for (const { v: variants, syn, b: boost, u } of q) {
      // A synonym never weighs more than the words it stands for, however rare it is.
      const cap = syn?.length ? Math.max(...syn.map(idf)) : Infinity
      const m: string[] = []
      const v: Term[][] = []
      let w = 0
      for (const variant of variants) {
        const ts: Term[] = []
        let sum = 0
        for (const [t, qw] of variant) {
          const e = qw ? resolve(t) : df(t)
          if (!e) continue
          // Single characters of a longer query (one code point: 𠮷 is two UTF-16 units), filler
          // and words of Latin phrase variants are too weak to mark.
          const mark =
            qw > 0.2 && (qw == 1 || t.length > (t.charCodeAt(0) >> 10 == 0x36 ? 2 : 1))
              ? !(variant.size > 1 && WORD_CHAR.test(t))
              : !qw && !WORD_CHAR.test(t)
          if (!qw) {
            if (mark) extra.push(t)
            continue
          }
          sum += (e as Term).w = qw * (cap < Infinity ? cap : idf(t)) * STEP
          ts.push(e as Term)
          if (mark) m.push(t)
        }
        w = Math.max(w, sum)
        if (ts.length) v.push(ts)
      }
      // A synonym clause of variants that weigh the same: one merged list (see `union`).
      const group = u && synonyms[u[0]]!
      // (A merged list numbers its variants in two bytes. A weight of 0, a field weight near the
      // smallest double, adds 0: the variant walk finds no article by it, the merged list would.)
      if (
        group &&
        !reference.variants &&
        v.length > 1 &&
        cap < Infinity &&
        u[1].length < 3 &&
        group.length < 65536 &&
        v[0]![0]!.w > 0
      ) {
        const [s, cs, vs] = union(group, key + '\0' + u[0])
        v.splice(0, v.length, [{ s, c: cs, w: v[0]![0]!.w, v: vs, x: u[1] }])
      }
      if (v.length) found.push({ v, w, m, b: boost })
    }
    // Clauses that only add to articles found by others come last. (The count of clauses that
    // find articles is summed below, not filtered into an array: empty, yet another kind.)
    const list = found.sort((a, b) => +!!a.b - +!!b.b || b.w - a.w).slice(0, maxTerms)
    // Nothing to rank: no empty arrays reach the ranking code (their other element kind made it deoptimize).
    if (!list.length) return []
    if (scratch[0].length < docs.length) scratch = buffers(docs.length * 2)
    const allowed = new Set(locales.map((l) => codes.get(l)))
    // More than `limit` articles: the tag bonus reorders the strongest candidates.
    // flatMap, not map: its array has the same element kind whether or not this code is optimized
    // (V8's optimized map makes holey arrays, its builtin packed ones), so rank is not deoptimized.
    const top = rank(
      list.flatMap((c) => [c.v]),
      list.reduce((n, c) => n + +!c.b, 0),
      scratch,
      limit + 10,
      (d) => allowed.has(localeOf[d]),
      (a, b) => before(a, b) < 0,
      group,
    )
    // A query that is exactly one of an article's tags names its topic: that article first.
    const typed = `\n${fold(query).replace(/\s+/g, '')}\n`
    // In place: rank's pairs are this search's own.
    for (const h of top) if (tagLines[h[0]]!.includes(typed)) h[1] *= TAG_BONUS
    top.sort((a, b) => b[1] - a[1])
    const slots: number[] = []
    for (const h of top) slots.push(h[0])
    // Most important terms first: the snippet window opens at the first one found.
    const marks = list.flatMap((c) => c.m).concat(extra)
    return pick(slots, (d) => top[slots.indexOf(d)]![1], locales, limit, marks)
  }

  /** Order of equal scores: more popular first, then by id (not by when articles came in). */
  const before = (a: number, b: number): number =>
    docs[b]!.popularity - docs[a]!.popularity || (docs[a]!.id < docs[b]!.id ? -1 : 1)

  /** The first `limit` hits (slots, best first), one per translated article, each in the most preferred locale. */
  const pick = (
    slots: number[],
    score: (slot: number) => number,
    locales: string[],
    limit: number,
    marks: string[],
  ): ArticleHit[] =>
    onePerArticle(
      slots,
      locales,
      limit,
      (slot) => keys[slot]!,
      (k) => groups.get(k) ?? [],
      (slot) => docs[slot]!.locale,
    ).map(([slot, matched]) => {
      const d = docs[slot]!
      return {
        id: d.id,
        title: d.title,
        ...makeSnippet(d.text || d.title, marks, options.snippetLength, folds[slot]),
        score: score(matched),
      }
    })

  const index: SearchIndex = {
    get size() {
      return live
    },
    add: (a) => (Array.isArray(a) ? a : [a]).forEach(add),
    remove,
    search: (query, o = {}) => run(query, o, cap(o.limit, 10), 1e9),
    // Long text has many terms; the rarest few carry the meaning and keep it fast.
    suggest: (text, o = {}) => run(text, o, cap(o.limit, 3), 24),
    popular: (o = {}) => {
      const [locales] = scope(o, '')
      const slots = docs.flatMap((d, i) => (d && locales.includes(d.locale) ? [i] : [])).sort(before)
      return pick(slots, (d) => docs[d]!.popularity, locales, cap(o.limit, 5), [])
    },
  }
  internals.set(index, [data, terms])
  return index
}
