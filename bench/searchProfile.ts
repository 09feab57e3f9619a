/**
 * Where this engine's query time goes: the latency query mix of `bench:search` at 1k/10k/50k
 * articles, each query timed alone (best of several runs, so machine load matters less), the
 * slowest listed, and a fingerprint of every result list so that a change meant to keep
 * rankings can be checked to keep them exactly.
 *
 *   npx tsx bench/searchProfile.ts [--sizes=10000,50000] [--runs=5] [--slow=15] [--ab=path] [--questions]
 *
 * `--questions`: the real articles carry their similar questions (`examples/articles/questions.json`),
 * the synthetic ones questions of the same make (`withSyntheticQuestions`), as `bench:search --questions`.
 *
 * `--ab=path`: also builds the engine at `path` (a copy of `src/search/index.ts`, e.g. from `git
 * archive main src | tar -x -C /tmp/base`), times both per query in alternating order within each
 * pass (so machine load hits both alike) and prints both engines' percentiles and whether their
 * result lists are identical.
 *
 * Work counts (postings read, binary-search lookups, articles scored) print when the engine
 * publishes them on `globalThis.__searchWork` (a local measurement patch, never shipped).
 */
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import v8 from 'node:v8'
import vm from 'node:vm'
import { loadArticles, withQuestionsFile } from '../scripts/indexArticles.js'
import { createSearchIndex, walletSynonyms } from '../src/search/index.js'
import { queryMix, syntheticCorpus, withSyntheticQuestions } from './data/corpus.js'

const root = fileURLToPath(new URL('..', import.meta.url))
v8.setFlagsFromString('--expose-gc')
const gc = vm.runInNewContext('gc') as () => void
const arg = (name: string, dflt: string): string =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? dflt
const sizes = arg('sizes', '1000,10000,50000').split(',').map(Number)
const runs = Number(arg('runs', '5'))
const abPath = arg('ab', '')
const other = abPath
  ? ((await import(abPath)) as { createSearchIndex: typeof createSearchIndex; walletSynonyms: typeof walletSynonyms })
  : undefined
const slow = Number(arg('slow', '12'))
type W = Record<string, number>
const work = (): W | undefined => (globalThis as { __searchWork?: W }).__searchWork

const asked = process.argv.includes('--questions')
const plain = loadArticles(`${root}examples/articles`)
const real = asked ? withQuestionsFile(plain, `${root}examples/articles`) : plain
const read = (f: string): Array<{ q: string; locale: string; relevant: string[] }> =>
  JSON.parse(readFileSync(`${root}bench/data/${f}`, 'utf8'))
const labeled = read('queries.json')
const tuning = [
  'queries-dev.json',
  'queries-tune.json',
  'queries-tune2.json',
  'queries-tune4.json',
  'queries-tune5.json',
]
const mix = queryMix(real, labeled, 400)
const pct = (s: number[], p: number): number => s[Math.min(s.length - 1, Math.floor((s.length * p) / 100))]!

for (const n of sizes) {
  const synthetic = syntheticCorpus(real, n - real.length, 42, 0.6)
  const docs = real.concat(asked ? withSyntheticQuestions(real, synthetic) : synthetic)
  gc()
  const index = createSearchIndex(docs, { synonyms: walletSynonyms })
  const search = (q: string, locale: string): string[] => index.search(q, { locale, limit: 10 }).map((h) => h.id)
  for (const { q, locale } of mix) search(q, locale)
  for (const { q, locale } of mix) search(q, locale)
  const base = other?.createSearchIndex(docs, { synonyms: other.walletSynonyms })
  const searchB = (q: string, locale: string): string[] => base!.search(q, { locale, limit: 10 }).map((h) => h.id)
  if (base) for (let r = 0; r < 2; r++) for (const { q, locale } of mix) searchB(q, locale)
  // Fingerprint of all result lists (ids and snippets), mix and tuning sets.
  const hash = createHash('sha1')
  const mrr: string[] = []
  for (const { q, locale } of mix) hash.update(JSON.stringify(index.search(q, { locale, limit: 10 })))
  for (const f of tuning) {
    let sum = 0
    const qs = read(f)
    for (const x of qs) {
      const hits = index.search(x.q, { locale: x.locale, limit: 10 })
      hash.update(JSON.stringify(hits))
      const r = hits.findIndex((h) => x.relevant.includes(h.id))
      sum += r < 0 ? 0 : 1 / (r + 1)
    }
    mrr.push(`${f.replace(/queries-|\.json/g, '')} ${(sum / qs.length).toFixed(3)}`)
  }
  // Work per query (deterministic).
  const per: Array<{ q: string; best: number; w: W }> = []
  const totals: W = {}
  for (const { q, locale } of mix) {
    const w0 = { ...(work() ?? {}) }
    search(q, locale)
    const w: W = {}
    for (const [k, v] of Object.entries(work() ?? {})) {
      w[k] = v - (w0[k] ?? 0)
      totals[k] = (totals[k] ?? 0) + w[k]!
    }
    per.push({ q, best: Infinity, w })
  }
  // Timing: `runs` passes, each query's best and all samples.
  const all: number[] = []
  const allB: number[] = []
  const bestB = mix.map(() => Infinity)
  const time = (f: (q: string, l: string) => string[], q: string, l: string): number => {
    const t = performance.now()
    f(q, l)
    return performance.now() - t
  }
  for (let r = 0; r < runs; r++)
    mix.forEach(({ q, locale }, i) => {
      const b = base && i % 2 ? time(searchB, q, locale) : 0
      const dt = time(search, q, locale)
      const b2 = base && !(i % 2) ? time(searchB, q, locale) : b
      all.push(dt)
      per[i]!.best = Math.min(per[i]!.best, dt)
      if (base) {
        allB.push(b2)
        bestB[i] = Math.min(bestB[i]!, b2)
      }
    })
  if (base) {
    const same = mix.every(
      ({ q, locale }) =>
        JSON.stringify(base.search(q, { locale, limit: 10 })) == JSON.stringify(index.search(q, { locale, limit: 10 })),
    )
    const s = allB.sort((a, b) => a - b)
    const b = bestB.slice().sort((a, b) => a - b)
    console.log(
      `\n${n / 1000}k --ab engine: all samples p50 ${pct(s, 50).toFixed(3)} p95 ${pct(s, 95).toFixed(3)} p99 ${pct(s, 99).toFixed(3)} max ${s[s.length - 1]!.toFixed(2)} ms;` +
        ` best-of-${runs} per query p50 ${pct(b, 50).toFixed(3)} p95 ${pct(b, 95).toFixed(3)} p99 ${pct(b, 99).toFixed(3)} max ${b[b.length - 1]!.toFixed(2)}; mix results ${same ? 'identical' : 'DIFFER'}`,
    )
  }
  const s = all.sort((a, b) => a - b)
  const b = per.map((p) => p.best).sort((a, b) => a - b)
  console.log(
    `\n${n / 1000}k: all samples p50 ${pct(s, 50).toFixed(3)} p95 ${pct(s, 95).toFixed(3)} p99 ${pct(s, 99).toFixed(3)} max ${s[s.length - 1]!.toFixed(2)} ms;` +
      ` best-of-${runs} per query p50 ${pct(b, 50).toFixed(3)} p95 ${pct(b, 95).toFixed(3)} p99 ${pct(b, 99).toFixed(3)} max ${b[b.length - 1]!.toFixed(2)}`,
  )
  console.log(`  results sha1 ${hash.digest('hex').slice(0, 12)}; MRR@10 ${mrr.join(', ')}`)
  if (Object.keys(totals).length)
    console.log(
      `  work per query (mean): ${Object.entries(totals)
        .map(([k, v]) => `${k} ${(v / mix.length).toFixed(0)}`)
        .join(', ')}`,
    )
  for (const p of per.sort((a, b) => b.best - a.best).slice(0, slow))
    console.log(
      `  ${p.best.toFixed(3)} ms  ${JSON.stringify(p.q).slice(0, 50).padEnd(50)} ${Object.entries(p.w)
        .map(([k, v]) => `${k} ${v}`)
        .join(' ')}`,
    )
}
