/**
 * Counts for this engine's query time that a busy machine does not blur: bytes allocated and
 * collections per query over the latency mix of `bench:search`, and (under callgrind) the
 * instructions of the mix alone, index build and warm-up excluded.
 *
 *   npx tsx bench/searchCount.ts [--size=10000] [--warm=3] [--passes=5] [--q=商家说退了钱我没收到]
 *     [--heap-profile | --cpu-profile [--lines=rank] | --callgrind]
 *
 * Allocation: run with a new space large enough that no scavenge falls in a pass
 * (`NODE_OPTIONS=--max-semi-space-size=256`); heap growth over a pass is then what it allocated.
 * Collections: run with default settings; counted by a `gc` PerformanceObserver.
 *
 * Instructions: bundle it, then run it under callgrind with instrumentation off at the start; it
 * switches it on (`callgrind_control -i on`) for the measured passes only:
 *
 *   npx esbuild bench/searchCount.ts --bundle --platform=node --format=esm --outfile=/tmp/count.mjs \
 *     '--define:import.meta.url="file:///bundle"'   # (else indexArticles.ts runs as a script)
 *   valgrind --tool=callgrind --instr-atstart=no --callgrind-out-file=/tmp/cg.%p node /tmp/count.mjs --callgrind
 *   grep totals /tmp/cg.*   # instructions of the measured passes; divide by passes × queries
 */
import { spawn } from 'node:child_process'
import { PerformanceObserver } from 'node:perf_hooks'
import v8 from 'node:v8'
import vm from 'node:vm'
import { loadArticles } from '../scripts/indexArticles.js'
import { createSearchIndex, walletSynonyms } from '../src/search/index.js'
import { queryMix, syntheticCorpus } from './data/corpus.js'
import labeledQueries from './data/queries.json' with { type: 'json' }

// Run from the repository root (bundled, import.meta.url is the bundle's).
const root = `${process.cwd()}/`
v8.setFlagsFromString('--expose-gc')
const gc = vm.runInNewContext('gc') as () => void
const arg = (name: string, dflt: string): string =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? dflt
const n = Number(arg('size', '10000'))
const warm = Number(arg('warm', '3'))
const passes = Number(arg('passes', '5'))
const only = arg('q', '')
const callgrind = process.argv.includes('--callgrind')
const heapProfile = process.argv.includes('--heap-profile')

const real = loadArticles(`${root}examples/articles`)
const full = queryMix(real, labeledQueries as Array<{ q: string; locale: string }>, 400)
const mix = only
  ? Array.from({ length: 50 }, () => full.find((x) => x.q == only) ?? { q: only, locale: 'zh-CN' })
  : full
const docs = real.concat(syntheticCorpus(real, n - real.length, 42, 0.6))
const index = createSearchIndex(docs, { synonyms: walletSynonyms })
const pass = (): void => {
  for (const { q, locale } of mix) index.search(q, { locale, limit: 10 })
}
for (let i = 0; i < warm; i++) pass()

/** Runs `callgrind_control`; polls with timers so that the process keeps running while it waits. */
const control = (...args: string[]): Promise<void> =>
  new Promise((done) => {
    const child = spawn('callgrind_control', [...args, String(process.pid)], { stdio: 'ignore' })
    const tick = setInterval(() => undefined, 1)
    child.on('exit', () => {
      clearInterval(tick)
      done()
    })
  })

if (heapProfile) {
  // Sampled allocation by function, self bytes a query (the mix's passes only).
  const { Session } = await import('node:inspector/promises')
  const session = new Session()
  session.connect()
  await session.post('HeapProfiler.startSampling', {
    samplingInterval: 256,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  })
  for (let i = 0; i < passes; i++) pass()
  const { profile } = await session.post('HeapProfiler.stopSampling')
  type Node = {
    callFrame: { functionName: string; url: string; lineNumber: number }
    selfSize: number
    children: Node[]
  }
  const by = new Map<string, number>()
  const walk = (x: Node): void => {
    const f = x.callFrame
    const k = `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}`
    by.set(k, (by.get(k) ?? 0) + x.selfSize)
    x.children.forEach(walk)
  }
  walk(profile.head as Node)
  for (const [k, v] of [...by].sort((a, b) => b[1] - a[1]).slice(0, 30))
    console.log(`${(v / passes / mix.length).toFixed(0).padStart(7)} B  ${k}`)
} else if (process.argv.includes('--cpu-profile')) {
  // Sampled time by function (self), the mix's passes only.
  const { Session } = await import('node:inspector/promises')
  const session = new Session()
  session.connect()
  await session.post('Profiler.enable')
  await session.post('Profiler.setSamplingInterval', { interval: 50 })
  await session.post('Profiler.start')
  for (let i = 0; i < passes; i++) pass()
  const { profile } = await session.post('Profiler.stop')
  const by = new Map<string, number>()
  const ids = new Map(profile.nodes.map((x) => [x.id, x]))
  for (const id of profile.samples ?? []) {
    const f = ids.get(id)!.callFrame
    const k = `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}`
    by.set(k, (by.get(k) ?? 0) + 1)
  }
  const total = profile.samples?.length ?? 1
  // Lines of the hottest functions (`--lines=rank`).
  const lines = new Map<number, number>()
  for (const x of profile.nodes)
    if (x.callFrame.functionName == arg('lines', 'rank'))
      for (const t of x.positionTicks ?? []) lines.set(t.line, (lines.get(t.line) ?? 0) + t.ticks)
  for (const [l, t] of [...lines].sort((a, b) => a[0] - b[0]))
    console.log(`  line ${l}: ${((100 * t) / total).toFixed(1)} %`)
  for (const [k, v] of [...by].sort((a, b) => b[1] - a[1]).slice(0, 25))
    console.log(`${((100 * v) / total).toFixed(1).padStart(5)} %  ${k}`)
} else if (callgrind) {
  await control('-i', 'on')
  for (let i = 0; i < passes; i++) pass()
  await control('-i', 'off')
  console.log(`measured ${passes} passes × ${mix.length} queries (${only || 'mix'})`)
} else {
  let collections = 0
  const obs = new PerformanceObserver((l) => void (collections += l.getEntries().length))
  obs.observe({ entryTypes: ['gc'] })
  const per: number[] = []
  for (let i = 0; i < passes; i++) {
    gc()
    await new Promise((r) => setTimeout(r, 0))
    collections = 0
    const h = process.memoryUsage().heapUsed
    pass()
    per.push((process.memoryUsage().heapUsed - h) / mix.length)
    await new Promise((r) => setTimeout(r, 0))
    per[i] = Math.round(per[i]!)
    console.log(`pass ${i}: ${(per[i]! / 1024).toFixed(1)} KB a query, ${collections} collections`)
  }
  obs.disconnect()
}
