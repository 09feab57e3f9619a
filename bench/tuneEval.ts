/**
 * Quick ranking check for tuning: this engine only, MRR@10 of every TUNING query set (never the
 * held-out set) over the real articles and at 1k/10k synthetic-corpus sizes, the same corpora
 * `bench:search` scores. ~15 s, so one ranking change can be tried on all sets at once.
 *
 *   npx tsx bench/tuneEval.ts [--sizes=60,1000,10000] [--groups] [--fails=out.tsv] [--questions] [--sets=tune12,tune13]
 *
 * `--groups` adds MRR@10 by locale/class at the largest size; `--fails` writes its misses.
 * `--questions`: the real articles carry similar questions, those of every OTHER tuning set
 * (leave one set out: a set's own queries would find themselves), and the synthetic ones
 * questions of the same make (`withSyntheticQuestions`); one index per set and size.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { loadArticles } from '../scripts/indexArticles.js'
import { createSearchIndex, walletSynonyms } from '../src/search/index.js'
import { syntheticCorpus, withSyntheticQuestions } from './data/corpus.js'
import { similarQuestions, TUNING_SETS } from './data/questions.js'
const root = new URL('..', import.meta.url).pathname
const real = loadArticles(`${root}examples/articles`)
/** `--sets=tune12,tune13`: only these tuning sets (their names as printed); all by default. */
const only = process.argv
  .find((a) => a.startsWith('--sets='))
  ?.slice(7)
  .split(',')
const sets = TUNING_SETS.filter((f) => !only || only.includes(f.replace(/queries-?|\.json/g, '') || 'orig'))
const withQuestions = process.argv.includes('--questions')
type L = { q: string; locale: string; relevant: string[]; class?: string }
const data = sets.map(
  (f) =>
    [
      f.replace(/queries-?|\.json/g, '') || 'orig',
      JSON.parse(readFileSync(`${root}bench/data/${f}`, 'utf8')) as L[],
    ] as const,
)
const sizes = (process.argv.find((a) => a.startsWith('--sizes='))?.slice(8) ?? '60,1000,10000').split(',').map(Number)
const out: Record<string, Record<string, number>> = {}
const groups: Record<string, [number, number]> = {}
const fails: string[] = []
for (const n of sizes) {
  const synthetic = n <= 60 ? [] : syntheticCorpus(real, n - real.length, 42, 0.6, false)
  let index = createSearchIndex(real.concat(synthetic), { synonyms: walletSynonyms })
  for (const [s, [name, qs]] of data.entries()) {
    if (withQuestions) {
      const questions = similarQuestions(sets[s])
      const articles = real.map((a) => {
        const qs = questions[a.id]
        return qs ? { ...a, questions: qs } : a
      })
      index = createSearchIndex(articles.concat(withSyntheticQuestions(articles, synthetic)), {
        synonyms: walletSynonyms,
      })
    }
    let mrr = 0
    for (const q of qs) {
      const ids = index.search(q.q, { locale: q.locale, limit: 10 }).map((h) => h.id)
      const r = ids.findIndex((id) => q.relevant.includes(id))
      const rr = r < 0 ? 0 : 1 / (r + 1)
      mrr += rr
      if (n == sizes[sizes.length - 1]) {
        const g = `${q.locale}/${q.class ?? '-'}`
        const e = (groups[g] ??= [0, 0])
        e[0] += rr
        e[1]++
        if (rr < 1)
          fails.push(
            `${name}\t${rr.toFixed(2)}\t${q.locale}\t${q.class ?? ''}\t${q.q}\t${q.relevant.join(',')}\t${ids.slice(0, 3).join(',')}`,
          )
      }
    }
    ;(out[name] ??= {})[n] = mrr / qs.length
  }
}
const cols = sizes
console.log('set      ' + cols.map((c) => String(c).padStart(7)).join(''))
const avg = cols.map(() => 0)
for (const [name] of data) {
  console.log(
    name.padEnd(9) +
      cols.map((c, i) => ((avg[i] = avg[i]! + out[name]![c]!), out[name]![c]!.toFixed(3).padStart(7))).join(''),
  )
}
console.log('mean     ' + avg.map((a) => (a / data.length).toFixed(3).padStart(7)).join(''))
if (process.argv.includes('--groups'))
  for (const [g, [s, k]] of Object.entries(groups).sort()) console.log(g.padEnd(24), k, (s / k).toFixed(3))
const f = process.argv.find((a) => a.startsWith('--fails='))?.slice(8)
if (f) writeFileSync(f, fails.join('\n') + '\n')
