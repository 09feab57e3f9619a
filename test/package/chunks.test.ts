import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { duplicatedModules, libraries, loadBuild, measure } from '../../bench/budget.mjs'
import { root } from './packed.js'

const { chunks } = loadBuild(root)
// zod is not among them: the SDK checks wire shapes with its own src/transports/wire.ts.
const BUNDLED = ['preact', 'zustand', 'idb-keyval']

describe('the ESM build (build/graph.json, written by rollup -c)', () => {
  it('renders no module into two chunks and takes each library from one install', () => {
    expect(duplicatedModules(chunks)).toEqual([])
    const libs = libraries(chunks)
    expect(Object.keys(libs).sort()).toEqual([...BUNDLED].sort())
    for (const [name, lib] of Object.entries(libs))
      expect([name, [...lib.installs]]).toEqual([name, [`node_modules/${name}`]])
  })

  it('keeps each bundled library in a single chunk that every user shares', () => {
    for (const [name, lib] of Object.entries(libraries(chunks))) expect([name, lib.chunks.size]).toEqual([name, 1])
  })

  it('leaves no import of a bundled library in the output (nothing for a host to resolve twice)', () => {
    for (const file of Object.keys(chunks)) {
      const code = readFileSync(`${root}dist/${file}`, 'utf8')
      for (const lib of BUNDLED)
        expect([
          file,
          code.includes(`from"${lib}`) || code.includes(`from "${lib}`) || code.includes(`import("${lib}`),
        ]).toEqual([file, false])
    }
  })

  it('leaves the help controller out of the first open: client.help loads it with storage, where it keeps the help cache and votes', () => {
    const modules = (f: string) => Object.keys(chunks[f]?.modules ?? {})
    const firstOpen = measure(root).find((r) => r.name.startsWith('first open with REST'))!
    const holding = (mod: string) => firstOpen.files.filter((f) => modules(f).includes(mod))
    expect(holding('src/help/help.ts')).toEqual([])
    // What it answers at once (an error's message, a suggestion opened) stays with the client.
    expect(holding('src/help/common.ts')).toHaveLength(1)
    const help = Object.keys(chunks).filter((f) => modules(f).includes('src/help/help.ts'))
    expect(help.map((f) => modules(f).includes('src/services.ts'))).toEqual([true])
  })

  it('stays within every budget of .size-budget.json (brotli)', () => {
    const results = measure(root)
    expect(results.length).toBeGreaterThanOrEqual(5)
    const over = results
      .filter((r) => r.brotli > r.limit)
      .map((r) => `${r.name}: ${(r.brotli / 1024).toFixed(2)} KB > ${r.limit / 1024} KB (${r.files.join(', ')})`)
    expect(over).toEqual([])
  })
})
