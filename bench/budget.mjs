// Measures the sets named in .size-budget.json over Rollup's output (dist/ and build/graph.json,
// written by rollup.config.mjs). Used by test/package/chunks.test.ts and bench/size.mjs.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { brotliCompressSync, constants } from 'node:zlib'

const LOCALES = ['en', 'zh-CN', 'zh-TW']

export function loadBuild(root) {
  const file = join(root, 'build/graph.json')
  if (!existsSync(file)) throw new Error('build/graph.json is missing: run `npm run build` (rollup -c writes it)')
  const { chunks } = JSON.parse(readFileSync(file, 'utf8'))
  const budget = JSON.parse(readFileSync(join(root, '.size-budget.json'), 'utf8'))
  return { chunks, budget }
}

/** Each library bundled into the ESM build: the chunks and the install folders its modules come from. */
export function libraries(chunks) {
  const out = {}
  for (const [chunk, c] of Object.entries(chunks)) {
    for (const id of Object.keys(c.modules)) {
      const m = /^(.*node_modules\/((?:@[^/]+\/)?[^/]+))\//.exec(id)
      if (!m) continue
      const lib = (out[m[2]] ??= { chunks: new Set(), installs: new Set() })
      lib.chunks.add(chunk)
      lib.installs.add(m[1])
    }
  }
  return out
}

/** Module ids rendered into more than one chunk (a second copy). */
export function duplicatedModules(chunks) {
  const seen = new Map()
  for (const [chunk, c] of Object.entries(chunks))
    for (const id of Object.keys(c.modules)) seen.set(id, [...(seen.get(id) ?? []), chunk])
  return [...seen].filter(([, where]) => where.length > 1)
}

export function measure(root) {
  const { chunks, budget } = loadBuild(root)
  const cache = new Map()
  // Each chunk's name carries six hash characters, and every import repeats them. They do not
  // compress, and they change with any edit anywhere in the chunk they name: about 0.1 KB of
  // noise over everything the UI loads, as much as a budget's margin. Budgets measure the code,
  // so each hash is read as the same six characters (same length, so nothing shrinks).
  const hashes = new RegExp(
    Object.keys(chunks)
      .map((f) => /-([A-Za-z0-9_-]{6})\.js$/.exec(f)?.[1])
      .filter(Boolean)
      .map((h) => `-${h.replace(/-/g, '\\-')}\\.js`)
      .join('|') || '(?!)',
    'g',
  )
  const br = (f) => {
    if (!cache.has(f)) {
      const code = readFileSync(join(root, 'dist', f), 'utf8').replace(hashes, '-HHHHHH.js')
      cache.set(f, brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length)
    }
    return cache.get(f)
  }
  const holding = (mod) => {
    const c = Object.keys(chunks).find((f) => Object.keys(chunks[f].modules).some((m) => m === mod))
    if (!c) throw new Error(`.size-budget.json: no chunk holds ${mod}`)
    return c
  }
  const closure = (start, dynamic, skip) => {
    const set = new Set()
    const walk = (f) => {
      if (set.has(f) || skip.has(f)) return
      set.add(f)
      for (const i of chunks[f].imports) walk(i)
      if (dynamic) for (const i of chunks[f].dynamicImports) walk(i)
    }
    start.forEach(walk)
    return set
  }
  const stringsOf = (domains) =>
    Object.keys(chunks).filter((f) => domains.some((d) => new RegExp(`^chunks/i18n-${budget.locale}-${d}-`).test(f)))
  const otherLocales = (f) => LOCALES.some((l) => l !== budget.locale && f.startsWith(`chunks/i18n-${l}-`))
  const setOf = (from, b) => {
    const skip = new Set((b.exclude ?? []).map(holding))
    const set = closure(from.map(holding), !!b.dynamic, skip)
    for (const f of stringsOf(b.domains ?? [])) set.add(f)
    if (b.dynamic) for (const f of [...set]) if (otherLocales(f)) set.delete(f)
    return set
  }
  return budget.budgets.map((b) => {
    let files
    if (b.files) files = new Set(b.files)
    else {
      files = setOf(b.from, b)
      if (b.minusFrom) for (const f of setOf(b.minusFrom, {})) files.delete(f)
    }
    const brotli = [...files].reduce((n, f) => n + br(f), 0)
    return {
      name: b.name,
      files: [...files].sort(),
      brotli,
      limit: b.limitKB * 1024,
      target: b.targetKB === undefined ? undefined : b.targetKB * 1024,
    }
  })
}
