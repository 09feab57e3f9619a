/**
 * Loaded into a server instance by `bench/serverCount.ts --tool alloc` (`node --import` this file):
 * SIGUSR2 starts V8's sampling heap profiler with the objects young and full collections freed
 * kept in the samples (so the profile counts every allocation, garbage included; with
 * BENCH_ALLOC_OLD=1 only what outlived the young collections) and counts the collections; the
 * next SIGUSR2 stops both and writes `{ profile, gc }` to BENCH_ALLOC_OUT. The profiler keeps a
 * handle on each sampled object, which makes full collections more frequent than without it.
 */
import { writeFileSync } from 'node:fs'
import { Session } from 'node:inspector'
import { PerformanceObserver, constants } from 'node:perf_hooks'

const out = process.env.BENCH_ALLOC_OUT
const KINDS = {
  [constants.NODE_PERFORMANCE_GC_MINOR]: 'minor',
  [constants.NODE_PERFORMANCE_GC_MAJOR]: 'major',
  [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental',
  [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weak',
}
const session = new Session()
session.connect()
let gc = undefined
const observer = new PerformanceObserver((list) => {
  if (!gc) return
  for (const e of list.getEntries()) {
    const kind = KINDS[e.detail?.kind] ?? 'other'
    gc[kind].count++
    gc[kind].ms += e.duration
  }
})
observer.observe({ entryTypes: ['gc'] })
process.on('SIGUSR2', () => {
  if (!gc) {
    gc = {}
    for (const k of ['minor', 'major', 'incremental', 'weak', 'other']) gc[k] = { count: 0, ms: 0 }
    session.post('HeapProfiler.startSampling', {
      samplingInterval: 256,
      includeObjectsCollectedByMajorGC: true,
      // BENCH_ALLOC_OLD=1: what young collections freed is left out, so the profile shows what
      // survived them (promoted to the old generation, where only full collections free it).
      includeObjectsCollectedByMinorGC: process.env.BENCH_ALLOC_OLD !== '1',
    })
    return
  }
  // What is still in the young generation would count as surviving: a young collection first
  // (needs `--expose-gc`).
  if (process.env.BENCH_ALLOC_OLD === '1') globalThis.gc?.({ type: 'minor' })
  session.post('HeapProfiler.stopSampling', (err, r) => {
    // Entries of the last collections arrive on a later turn.
    setTimeout(() => {
      writeFileSync(out, JSON.stringify(err ? { error: String(err) } : { profile: r.profile, gc }))
      gc = undefined
    }, 200)
  })
})
