/**
 * Help-search benchmark: this engine vs MiniSearch vs FlexSearch, each set up for Chinese.
 *
 *   npm run bench:search            (add `-- --quick` for 1k/10k only, `-- --no-latency` for the
 *                                    real articles only, `-- --legacy-corpus` for the first synthetic
 *                                    corpus, whose articles copied the real titles, `-- --no-timing`
 *                                    for quality at scale without latency passes, `-- --sizes=50000`,
 *                                    `-- --only=this engine,FlexSearch` to pick sizes and engines,
 *                                    `-- --no-heldout` for tuning runs, `-- --no-size`,
 *                                    `-- --questions` for articles with similar questions,
 *                                    `-- --passes=N` for the timed passes, `-- --blocks` to time
 *                                    each engine over the whole mix in turn, not per query,
 *                                    `-- --alone` to time each engine with no other in memory)
 *
 * Prints, side by side: build time, heap growth, p50/p95/p99 query latency on synthetic
 * corpora of 1k/10k/50k articles; MRR@10, recall@5 and zero-result rate
 * (by locale and query class) on the original, tuning and held-out query sets against the real
 * example articles; and the engine's size (esbuild minified, gzip, brotli). Figures only, no asserts.
 *
 * `--questions`: the real articles carry their similar questions (`examples/articles/questions.json`,
 * the tuning sets' labeled queries, as a search log gives them), the synthetic ones questions of
 * the same make (`withSyntheticQuestions`), and every engine indexes them with the body. Only the
 * held-out sets are scored then: the tuning sets' queries are in the index.
 */
import { existsSync, readFileSync } from 'node:fs'
import { availableParallelism, loadavg } from 'node:os'
import { fileURLToPath } from 'node:url'
import v8 from 'node:v8'
import vm from 'node:vm'
import { constants, brotliCompressSync, gzipSync } from 'node:zlib'
import { build, type Plugin } from 'esbuild'
import { Index } from 'flexsearch'
import MiniSearch from 'minisearch'
import { loadArticles, withQuestionsFile } from '../scripts/indexArticles.js'
import { createSearchIndex, walletSynonyms } from '../src/search/index.js'
import { localesFor, onePerArticle, translationKey } from '../src/search/locales.js'
import type { Article } from '../src/types.js'
import { queryMix, syntheticCorpus, withSyntheticQuestions } from './data/corpus.js'

const root = fileURLToPath(new URL('..', import.meta.url))
v8.setFlagsFromString('--expose-gc')
const gc = vm.runInNewContext('gc') as () => void

interface Engine {
  name: string
  build(docs: Article[]): (q: string, locale: string) => string[]
  /** Only on the real articles (a variant of another engine, not worth its time at scale). */
  realOnly?: boolean
}

/**
 * Scopes another engine's hits as the help UI scopes this one's (`localesFor`, `onePerArticle`,
 * the functions the index uses): the locales of the user's language first (a zh-TW user also
 * gets zh-CN articles), the other script's when those find nothing, one copy per translated
 * article in the preferred locale. `hits(q, allowed)` gives ids best first among `allowed`.
 */
function scoped(
  docs: Article[],
  hits: (q: string, allowed: Set<string>) => string[],
): (q: string, locale: string) => string[] {
  const known = [...new Set(docs.map((d) => d.locale))]
  const byId = new Map(docs.map((d) => [d.id, d]))
  const copies = new Map<string, string[]>()
  const key = (id: string): string => translationKey(id, byId.get(id)!.locale)
  for (const d of docs) copies.set(key(d.id), [...(copies.get(key(d.id)) ?? []), d.id])
  return (q, locale) => {
    for (const locales of localesFor(locale, q, known)) {
      const allowed = new Set(locales)
      const ids = onePerArticle(
        hits(q, allowed),
        locales,
        10,
        key,
        (k) => copies.get(k)!.filter((id) => allowed.has(byId.get(id)!.locale)),
        (id) => byId.get(id)!.locale,
      ).map(([show]) => show)
      if (ids.length) return ids
    }
    return []
  }
}

/** The tokenizer the reference study recommends for MiniSearch/FlexSearch: Han bigrams + words. */
function cjkTokens(text: string): string[] {
  const out: string[] = []
  for (const m of text
    .normalize('NFKC')
    .toLowerCase()
    .matchAll(/(\p{Script=Han}+)|(?:[^\P{L}\p{Script=Han}]|\p{N})+/gu)) {
    const run = m[0]
    if (!m[1]) out.push(run)
    else {
      const c = [...run]
      if (c.length == 1) out.push(run)
      for (let i = 1; i < c.length; i++) out.push(c[i - 1]! + c[i]!)
    }
  }
  return out
}

const words = new Intl.Segmenter('zh', { granularity: 'word' })
/** Intl.Segmenter words (ICU dictionary for Han), the setup the issue compares against. */
function segmenterTokens(text: string): string[] {
  const out: string[] = []
  for (const s of words.segment(text.normalize('NFKC').toLowerCase())) if (s.isWordLike) out.push(s.segment)
  return out
}

/** The body and the similar questions, as this engine indexes them (`--questions`). */
const withAsked = (d: Article): string => (d.questions ? `${d.body}\n${d.questions.join('\n')}` : d.body)

function miniSearch(tokenize: (text: string) => string[]): Engine['build'] {
  return (docs) => {
    const ms = new MiniSearch<Article>({
      fields: ['title', 'tags', 'body'],
      storeFields: ['locale'],
      tokenize,
      extractField: (d, f) =>
        f == 'tags' ? d.tags.join(' ') : f == 'body' ? withAsked(d) : (d as unknown as Record<string, string>)[f]!,
      searchOptions: { boost: { title: 4, tags: 2.5 }, prefix: true, fuzzy: 0.2, combineWith: 'OR' },
    })
    ms.addAll(docs)
    return scoped(docs, (q, allowed) =>
      ms
        .search(q, { filter: (r) => allowed.has(r['locale'] as string) })
        .slice(0, 40)
        .map((r) => r.id as string),
    )
  }
}

const engines: Engine[] = [
  {
    name: 'this engine',
    build(docs) {
      const index = createSearchIndex(docs, { synonyms: walletSynonyms })
      return (q, locale) => index.search(q, { locale, limit: 10 }).map((h) => h.id)
    },
  },
  { name: 'MiniSearch + Segmenter', build: miniSearch(segmenterTokens) },
  { name: 'MiniSearch + bigrams', build: miniSearch(cjkTokens) },
  {
    name: 'FlexSearch',
    build(docs) {
      // One index per language (FlexSearch's Index has no filter); title first ranks title hits up.
      const byLanguage = new Map<string, Index>()
      const language = (locale: string): string => locale.split('-')[0]!
      docs.forEach((d, i) => {
        let index = byLanguage.get(language(d.locale))
        if (!index) byLanguage.set(language(d.locale), (index = new Index({ tokenize: 'forward', encode: cjkTokens })))
        index.add(i, `${d.title} ${d.tags.join(' ')} ${withAsked(d)}`)
      })
      return scoped(docs, (q, allowed) =>
        [...new Set([...allowed].map(language))]
          .flatMap((l) => byLanguage.get(l)?.search(q, { limit: 40, suggest: true }) ?? [])
          .map((i) => docs[i as number]!)
          .filter((d) => allowed.has(d.locale))
          .map((d) => d.id),
      )
    },
  },
]

const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]!
const ms = (n: number): string => (n < 1 ? n.toFixed(3) : n < 100 ? n.toFixed(2) : n.toFixed(0))
const memory = (): number => {
  gc()
  const m = process.memoryUsage()
  return m.heapUsed + m.arrayBuffers
}

/** Prints rows as they are measured (a 50k run takes minutes), padded to fixed widths. */
function printer(widths: number[]): (cells: string[]) => void {
  return (cells) => console.log(cells.map((c, i) => (i ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  '))
}

function table(rows: string[][]): void {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)))
  rows.forEach(printer(widths))
}

async function sizes(): Promise<void> {
  const entries: Array<[string, string, boolean?]> = [
    [
      'engine code (t2s and lexicon data stubbed out)',
      "export { createSearchIndex, loadIndex } from './src/search/index.ts'",
      true,
    ],
    ['Traditional→Simplified table (t2s.ts)', "export * from './src/search/t2s.ts'"],
    ['word lists (lexicon.ts)', "export * from './src/search/lexicon.ts'"],
    ['engine (createSearchIndex, loadIndex)', "export { createSearchIndex, loadIndex } from './src/search/index.ts'"],
    ['walletSynonyms table', "export { walletSynonyms } from './src/search/synonyms.ts'"],
    ['engine + walletSynonyms', "export { createSearchIndex, loadIndex, walletSynonyms } from './src/search/index.ts'"],
    ['MiniSearch 7 (for scale)', "export { default } from 'minisearch'"],
    ['FlexSearch 0.8 Index (for scale)', "export { Index } from 'flexsearch'"],
  ]
  const rows = [['bundle (esbuild minify, es2020, utf8)', 'min B', 'gzip B', 'brotli B']]
  // The tables are data: stubbing them shows what the engine's own code weighs.
  const stub: Plugin = {
    name: 'stub-data',
    setup: (b) => {
      b.onLoad({ filter: /t2s\.ts$/ }, () => ({
        contents: "export const TRADITIONAL_FROM = 0, TRADITIONAL_GAPS = '', SIMPLIFIED = ''",
        loader: 'ts',
      }))
      b.onLoad({ filter: /lexicon\.ts$/ }, () => ({
        contents:
          "export const IRREGULAR = {}, STOP_WORDS = '', FILLER_WORDS = '', PARTICLES = '', COMPLEMENTS = '', VERB_WORDS = '', FAILURE = '', INTENTS = []",
        loader: 'ts',
      }))
    },
  }
  for (const [name, contents, stubbed] of entries) {
    const out = await build({
      plugins: stubbed ? [stub] : [],
      stdin: { contents, resolveDir: root, loader: 'ts' },
      bundle: true,
      minify: true,
      format: 'esm',
      target: 'es2020',
      charset: 'utf8',
      write: false,
      logLevel: 'silent',
    })
    const code = out.outputFiles[0]!.contents
    const brotli = brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length
    rows.push([name, String(code.length), String(gzipSync(code, { level: 9 }).length), String(brotli)])
  }
  table(rows)
}

function latency(
  real: Article[],
  labeled: Array<{ q: string; locale: string }>,
  counts: number[],
  sets: Array<[string, Labeled[]]>,
  legacy: boolean,
  timing: boolean,
): void {
  const mix = queryMix(real, labeled, 400)
  // Interleaved per query, machine load hits every engine alike, but each query runs with the
  // other engines' data in the CPU caches. In blocks, each engine answers the whole mix in turn,
  // as an app (one engine) runs it; the order of the engines turns with every pass.
  const blocks = process.argv.includes('--blocks')
  // Alone, each engine is built, timed and scored with no other engine's index in the heap, as an
  // app holds one: the collector's pauses while it answers are its own, not those the others' heaps
  // (and their garbage) put on it. The engines no longer take turns within a pass, so a change in
  // machine load between them counts.
  const alone = process.argv.includes('--alone')
  console.log(
    `\nLatency: ${mix.length} queries (${labeled.length} labeled + corpus phrases, tags, typos), warm-up passes, then timed passes` +
      (alone
        ? ` with each engine alone in memory, built, timed and scored before the next is built (as an app holds one engine)`
        : blocks
          ? ` with each engine over the whole mix in turn, the order turning every pass (as an app runs one engine)`
          : ` with the engines interleaved per query (so machine load hits all alike)`) +
      `; corpus 60% zh-CN / 40% en, ${legacy ? 'LEGACY corpus (real titles copied into synthetic articles)' : 'synthetic distractors (bench/data/corpus.ts)'}`,
  )
  const only = process.argv
    .find((a) => a.startsWith('--only='))
    ?.slice(7)
    .split(',')
  const passesArg = Number(process.argv.find((a) => a.startsWith('--passes='))?.slice(9)) || undefined
  const scaled = engines.filter((e) => !e.realOnly && (!only || only.includes(e.name)))
  for (const n of counts) {
    // Fewer passes as the corpus grows: MiniSearch takes tens of ms a query at 50k.
    const [warm, passes] = timing ? (n > 20000 ? [1, passesArg ?? 3] : [n > 2000 ? 1 : 2, passesArg ?? 5]) : [0, 0]
    const row = printer([6, 22, 9, 11, 8, 8, 8, 8, 9, 9])
    console.log(`\n${n / 1000}k articles, ${warm} warm-up + ${passes} timed passes`)
    row(['corpus', 'engine', 'build ms', 'heap Δ MB*', 'p50 ms', 'p95 ms', 'p99 ms', 'mean ms', 'p50 ms†', 'p99 ms†'])
    // The real articles among synthetic ones, so that the labeled sets can be scored at scale too.
    const synthetic = syntheticCorpus(real, n - real.length, 42, 0.6, legacy)
    const docs = real.concat(asked ? withSyntheticQuestions(real, synthetic) : synthetic)
    let built: Array<{
      name: string
      search: (q: string, locale: string) => string[]
      buildMs: number
      heap: number
      samples: number[]
      /** Per query of the mix, its fastest timed pass. */
      best: number[]
    }> = []
    const time = (e: (typeof built)[number], i: number) => {
      const { q, locale } = mix[i]!
      const s = performance.now()
      e.search(q, locale)
      const t = performance.now() - s
      e.samples.push(t)
      e.best[i] = Math.min(e.best[i]!, t)
    }
    const timePasses = (list: typeof built): void => {
      for (let pass = 0; pass < passes; pass++) {
        if (blocks || list.length == 1)
          for (let k = 0; k < list.length; k++) {
            const e = list[(pass + k) % list.length]!
            for (let i = 0; i < mix.length; i++) time(e, i)
          }
        else
          for (let i = 0; i < mix.length; i++)
            for (let k = 0; k < list.length; k++) time(list[(i + k) % list.length]!, i)
      }
    }
    for (const engine of scaled) {
      const before = memory()
      const t0 = performance.now()
      const search = engine.build(docs)
      const buildMs = performance.now() - t0
      // Warm-up: JIT and lazily built caches (this engine computes BM25F weights on first use).
      for (let pass = 0; pass < warm; pass++) for (const { q, locale } of mix) search(q, locale)
      // The heap is read as an app holds it once it has searched, with `--no-timing` too: this
      // engine finishes its index on the first search and drops the maps it was built with (at
      // 10k articles with questions, 196 MB right after the build, 90 MB after one search).
      if (!warm) search(mix[0]!.q, mix[0]!.locale)
      built.push({
        name: engine.name,
        search,
        buildMs,
        heap: (memory() - before) / 1048576,
        samples: [],
        best: mix.map(() => Infinity),
      })
      if (alone) {
        const e = built.at(-1)!
        timePasses([e])
        // Its answers to the labeled sets are kept, the engine dropped, before the next is built.
        const answers = new Map<string, string[]>()
        for (const [, qs] of sets) for (const { q, locale } of qs) answers.set(`${locale}\0${q}`, e.search(q, locale))
        e.search = (q, locale) => answers.get(`${locale}\0${q}`) ?? []
      }
    }
    if (!alone) timePasses(built)
    const p95: Record<string, number> = {}
    for (const e of built) {
      if (!timing) {
        row([`${n / 1000}k`, e.name, ms(e.buildMs), e.heap.toFixed(1), '-', '-', '-', '-'])
        continue
      }
      const sorted = e.samples.sort((a, b) => a - b)
      const best = e.best.sort((a, b) => a - b)
      p95[e.name] = percentile(sorted, 95)
      const mean = sorted.reduce((a, b) => a + b, 0) / sorted.length
      row([
        `${n / 1000}k`,
        e.name,
        ms(e.buildMs),
        e.heap.toFixed(1),
        ms(percentile(sorted, 50)),
        ms(p95[e.name]!),
        ms(percentile(sorted, 99)),
        ms(mean),
        ms(percentile(best, 50)),
        ms(percentile(best, 99)),
      ])
    }
    const ours = p95['this engine']!
    if (timing && built.length == 4)
      console.log(
        `${n / 1000}k p95: this engine is ${(p95['MiniSearch + Segmenter']! / ours).toFixed(1)}x faster than MiniSearch + Segmenter, ${(p95['FlexSearch']! / ours).toFixed(1)}x vs FlexSearch (<1 = slower)`,
      )
    for (const [name, qs] of sets) qualityTable(`${n / 1000}k articles, ${name}`, qs, built)
    built = []
    gc()
  }
  console.log(
    '\n* heapUsed + arrayBuffers growth over build and warm-up, after forced GCs. This engine keeps article text for snippets; the others keep ids only.',
  )
  // 2026-12-06, 10k with questions: MiniSearch + Segmenter 79.4 MB after this engine was dropped,
  // 247.1 MB in its own process; FlexSearch 19.6 or 184.7 MB against 266.8 MB in its own process.
  if (alone)
    console.log(
      "  With --alone, an engine built after another was dropped shows too little: only the first engine's heap Δ is its own. For the others, run each alone in its own process (--alone --only=NAME).",
    )
  console.log(
    '† over the queries of the mix, each at its fastest timed pass: what the query costs, with the pauses that other processes and' +
      ' garbage collection put on single samples left out (the columns before count every sample). `--passes=N` sets the timed passes.',
  )
  console.log(
    `  machine load average at the end: ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')} on ${availableParallelism()} CPUs`,
  )
}

interface Labeled {
  q: string
  locale: string
  relevant: string[]
  class?: string
}

/** MRR@10, recall@5 and zero-result rate of one engine over `qs`. */
function score(
  search: (q: string, locale: string) => string[],
  qs: Labeled[],
): { mrr: number; r5: number; zero: number; hit1: number } {
  let mrr = 0
  let r5 = 0
  let zero = 0
  let hit1 = 0
  for (const q of qs) {
    const ids = search(q.q, q.locale)
    const rank = ids.findIndex((id) => q.relevant.includes(id))
    mrr += rank < 0 ? 0 : 1 / (rank + 1)
    r5 += ids.slice(0, 5).filter((id) => q.relevant.includes(id)).length / q.relevant.length
    if (!ids.length) zero++
    if (rank == 0) hit1++
  }
  const n = qs.length || 1
  return { mrr: mrr / n, r5: r5 / n, zero: zero / n, hit1 }
}

/**
 * Quality on one labeled set: overall, then by locale and by query class (when labeled), one
 * column per engine, so the engines read side by side.
 */
function qualityTable(
  title: string,
  labeled: Labeled[],
  built: Array<{ name: string; search: (q: string, locale: string) => string[] }>,
): void {
  const groups = new Map<string, Labeled[]>([['all', labeled]])
  const put = (k: string, q: Labeled): void => void (groups.get(k) ?? groups.set(k, []).get(k)!).push(q)
  for (const q of labeled) put(q.locale, q)
  for (const q of labeled) if (q.class) put(`class ${q.class}`, q)
  console.log(`\n${title}: ${labeled.length} queries. Cells: MRR@10 / recall@5 / zero-result rate`)
  const rows = [['set', 'n', ...built.map((e) => e.name)]]
  for (const [k, qs] of groups) {
    rows.push([
      k,
      String(qs.length),
      ...built.map((e) => {
        const r = score(e.search, qs)
        return `${r.mrr.toFixed(3)} / ${r.r5.toFixed(2)} / ${r.zero.toFixed(2)}`
      }),
    ])
  }
  table(rows)
}

function quality(title: string, real: Article[], labeled: Labeled[]): void {
  qualityTable(
    `${title}, over the ${real.length} real articles`,
    labeled,
    engines.map((e) => ({ name: e.name, search: e.build(real) })),
  )
}

const asked = process.argv.includes('--questions')
const real = asked
  ? withQuestionsFile(loadArticles(`${root}examples/articles`), `${root}examples/articles`)
  : loadArticles(`${root}examples/articles`)
const read = (file: string): Labeled[] => JSON.parse(readFileSync(`${root}${file}`, 'utf8')) as Labeled[]
const labeled = read('bench/data/queries.json')
/**
 * Written apart from the engine and never tuned on, when present (sets #11, #12, #14, #18, #19, #22, #24, #25 and #26 go here; sets #1
 * to #10 are tuning data now, `queries-tune4.json` to `queries-tune13.json`, #13 `queries-tune14.json`, #16
 * `queries-tune15.json`, #15, #17 and #23 `queries-tune20.json` to `queries-tune22.json`).
 * `--heldout=22,14` scores only those (by the number in the file name; #11's has none: `11`):
 * the evaluation that README figures quote.
 * zh-TW queries search zh-TW and zh-CN articles, as the UI does (`scoped`): a topic without a
 * zh-TW article is labelled with the zh-CN one's id.
 */
const picked = process.argv
  .find((a) => a.startsWith('--heldout='))
  ?.slice(10)
  .split(',')
  .map((k) => `bench/heldout/search-queries${k == '11' ? '' : k}.json`)
const HELD_OUT = [
  'bench/heldout/search-queries.json',
  'bench/heldout/search-queries12.json',
  'bench/heldout/search-queries14.json',
  'bench/heldout/search-queries18.json',
  'bench/heldout/search-queries19.json',
  'bench/heldout/search-queries22.json',
  'bench/heldout/search-queries24.json',
  'bench/heldout/search-queries25.json',
  'bench/heldout/search-queries26.json',
].filter((file) => !picked || picked.includes(file))
// A retired or mistyped number would otherwise print no held-out section at all, silently.
const unknown = picked?.filter((file) => !HELD_OUT.includes(file))
if (unknown?.length) {
  console.error(`--heldout: not a held-out set: ${unknown.join(', ')} (retired sets are tuning data in bench/data/)`)
  process.exit(2)
}
console.log(`node ${process.version}, Intl.Segmenter ${typeof Intl.Segmenter == 'function' ? 'yes' : 'no'}`)
if (!process.argv.includes('--no-size')) await sizes()
/** Tuning sets: [name at scale, file, what it is] (see their READMEs). */
const TUNING: Array<[string, string, string]> = [
  ['', 'queries.json', 'Original set (bench/data/queries.json, written with the engine)'],
  ['dev', 'queries-dev.json', 'Dev set (bench/data/queries-dev.json, tuning queries)'],
  ['tune', 'queries-tune.json', 'Tuning set 2 (bench/data/queries-tune.json, tuning queries)'],
  ['tune2', 'queries-tune2.json', 'Tuning set 3 (bench/data/queries-tune2.json, independent tuning queries)'],
  // Held-out sets retired after their figures were reported: #1 as tune4, #2 … #10 as tune5 … tune13, #13 as tune14, #16 as tune15
  // (#15, #17 and #23 as tune20, tune21 and tune22, below).
  ...[4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15].map((k): [string, string, string] => [
    `tune${k}`,
    `queries-tune${k}.json`,
    `Tuning set ${k} (bench/data/queries-tune${k}.json, the former held-out set${k == 4 ? '' : ` #${k == 14 ? 13 : k == 15 ? 16 : k - 3}`})`,
  ]),
  // Written as tuning sets by independent writers, scored once untouched (their READMEs).
  ...[16, 17, 18, 19].map((k): [string, string, string] => [
    `tune${k}`,
    `queries-tune${k}.json`,
    `Tuning set ${k} (bench/data/queries-tune${k}.json, independent tuning queries)`,
  ]),
  ...[20, 21, 22].map((k): [string, string, string] => [
    `tune${k}`,
    `queries-tune${k}.json`,
    `Tuning set ${k} (bench/data/queries-tune${k}.json, the former held-out set #${k == 20 ? 15 : k == 21 ? 17 : 23})`,
  ]),
]
const sets: Array<[string, Labeled[]]> = []
if (asked) console.log(`\ntuning sets: not scored with --questions (their queries are the articles' similar questions)`)
else
  for (const [name, file, title] of TUNING) {
    quality(title, real, read(`bench/data/${file}`))
    if (name) sets.push([name, read(`bench/data/${file}`)])
  }
const what = asked ? 'articles with similar questions' : 'not used for tuning'
const normal = (q: string): string =>
  q
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}]/gu, '')
const verbatim = new Set(real.flatMap((a) => a.questions ?? []).map(normal))
// `--no-heldout`: tuning runs must not see the held-out figures.
if (process.argv.includes('--no-heldout')) console.log(`\nheld-out: skipped (--no-heldout)`)
else
  for (const file of HELD_OUT)
    if (existsSync(`${root}${file}`)) {
      quality(`HELD-OUT set (${file}, ${what})`, real, read(file))
      sets.push([`HELD-OUT ${file.slice(14)}`, read(file)])
      // A search log repeats its common queries; the held-out queries that repeat a question
      // word for word are left out here, for the figure on new wordings only.
      const fresh = read(file).filter((q) => !verbatim.has(normal(q.q)))
      if (asked) {
        quality(
          `HELD-OUT set (${file}, ${what}), without its ${read(file).length - fresh.length} verbatim repeats of a question`,
          real,
          fresh,
        )
        sets.push([`HELD-OUT ${file.slice(14)} w/o repeats`, fresh])
      }
    } else console.log(`\nheld-out: ${file} not present, skipped`)
const legacy = process.argv.includes('--legacy-corpus')
const counts =
  process.argv
    .find((a) => a.startsWith('--sizes='))
    ?.slice(8)
    .split(',')
    .map(Number) ?? (process.argv.includes('--quick') ? [1000, 10000] : [1000, 10000, 50000])
if (!process.argv.includes('--no-latency'))
  latency(real, labeled, counts, sets, legacy, !process.argv.includes('--no-timing'))
