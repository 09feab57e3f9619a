// Prints the size of what the SDK makes a page download: the initial entry (before the user
// opens the panel) with its static imports, every lazy chunk, the script-tag builds, and the
// budgets of .size-budget.json (which npm test checks). Figures are min (as built), gzip -9 and
// brotli q11. Run `npm run bench:size` (it builds first, then runs bench/hosts.ts: Vite + Chromium).
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'
import { measure } from './budget.mjs'

const dist = resolve('dist')
const kb = (n) => (n / 1024).toFixed(2).padStart(7)
const sizes = (file) => {
  const buf = readFileSync(file)
  return {
    min: buf.length,
    gzip: gzipSync(buf, { level: 9 }).length,
    brotli: brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  }
}
const STATIC = /(?:^|[;}\s])(?:import|export)\s*(?:[\w$*{}\s,]+from\s*)?["']([^"']+)["']/g
const DYNAMIC = /import\(\s*["']([^"']+)["']\s*\)/g
const deps = (file, re) =>
  [...readFileSync(file, 'utf8').matchAll(re)]
    .map((m) => m[1])
    .filter((s) => s.startsWith('.'))
    .map((s) => join(dirname(file), s))

/** The entry plus everything it imports statically: what loads before any user action. */
function staticGraph(entry) {
  const seen = new Set()
  const walk = (f) => {
    if (seen.has(f) || !existsSync(f)) return
    seen.add(f)
    for (const d of deps(f, STATIC)) walk(d)
  }
  walk(entry)
  return seen
}

function allGraph(entry, skip = new Set()) {
  const seen = new Set()
  const walk = (f) => {
    if (seen.has(f) || skip.has(f) || !existsSync(f)) return
    seen.add(f)
    for (const d of [...deps(f, STATIC), ...deps(f, DYNAMIC)]) walk(d)
  }
  walk(entry)
  return seen
}

const sum = (files) =>
  [...files].map(sizes).reduce((a, b) => ({ min: a.min + b.min, gzip: a.gzip + b.gzip, brotli: a.brotli + b.brotli }), {
    min: 0,
    gzip: 0,
    brotli: 0,
  })
const row = (name, s, target) =>
  console.log(
    `${name.padEnd(44)} ${kb(s.min)} ${kb(s.gzip)} ${kb(s.brotli)}${target ? `   target ≤ ${target} KB ${s.brotli <= target * 1024 ? 'OK' : 'OVER'}` : ''}`,
  )

const entry = join(dist, 'help-feedback.js')
if (!existsSync(entry)) {
  console.error('dist/help-feedback.js is missing: run `npm run build` first')
  process.exit(1)
}
console.log(`${'file (KB)'.padEnd(44)} ${'min'.padStart(7)} ${'gzip'.padStart(7)} ${'brotli'.padStart(7)}`)
const initial = staticGraph(entry)
row('initial entry help-feedback.js + static deps', sum(initial), 6)
for (const f of initial) row(`  ${relative(dist, f)}`, sizes(f))

const everything = allGraph(entry)
const lazy = [...everything].filter((f) => !initial.has(f))
console.log('lazy chunks (loaded on intent/open or on first visit of a view):')
for (const f of lazy.sort()) row(`  ${relative(dist, f)}`, sizes(f))
row('everything the UI entry can load (all panels, both transports)', sum(everything))
// The UI resolves a declarative transport spec lazily, so a page loads only the transport it uses.
const rest = join(dist, 'transports/rest.js')
const memory = join(dist, 'transports/memory.js')
row('UI + core + memory transport (no REST code)', sum(allGraph(entry, new Set([rest]))))
row('UI + core + REST transport (no memory code)', sum(allGraph(entry, new Set([memory]))))

for (const other of ['core.js', 'element.js', 'transports/rest.js', 'transports/memory.js']) {
  const f = join(dist, other)
  if (existsSync(f)) row(`${other} (+ its static deps)`, sum(staticGraph(f)))
}
const global = join(dist, 'help-feedback.global.js')
if (existsSync(global)) row('help-feedback.global.js (script tag, single file)', sizes(global))
const loader = join(dist, 'loader.js')
if (existsSync(loader)) row('loader.js (script tag, first request)', sizes(loader), 3)

console.log('\nbudgets (.size-budget.json, checked by test/package/chunks.test.ts), brotli KB:')
for (const r of measure(process.cwd())) {
  const k = (n) => (n / 1024).toFixed(2)
  console.log(
    `  ${r.name.padEnd(70)} ${k(r.brotli).padStart(7)}  limit ${k(r.limit)}${r.target === undefined ? '' : `  target ${k(r.target)} ${r.brotli <= r.target ? 'OK' : 'OVER TARGET'}`}`,
  )
}
console.log('')
