import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { packedDir } from './packed.js'

const root = fileURLToPath(new URL('../../', import.meta.url))
const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as {
  name: string
  main: string
  types: string
  exports: Record<string, string | Record<string, string>>
}

/** Every code specifier the exports map offers (not types-only ones), `transports/*` expanded from dist/. */
function specifiers(): string[] {
  const out: string[] = []
  for (const [key, target] of Object.entries(pkg.exports)) {
    if (key === './package.json' || (typeof target === 'object' && !target.import && !target.default)) continue
    if (key.includes('*')) {
      const dir = key.slice(2, key.indexOf('*'))
      for (const f of readdirSync(`${root}dist/${dir}`))
        if (f.endsWith('.js')) out.push(`${pkg.name}/${dir}${f.slice(0, -3)}`)
    } else out.push(key === '.' ? pkg.name : `${pkg.name}/${key.slice(2)}`)
  }
  return out
}

/**
 * Runs `code` in a plain Node process (no DOM, no test environment), importing the package by
 * name as a server-rendered app would (Node resolves the name through the exports map).
 */
function runNode(code: string): unknown {
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', code], { cwd: root, encoding: 'utf8' })
  return JSON.parse(out)
}

describe('the exports map', () => {
  it('names exactly the transports that are built, and every file it points at is in the packed package', () => {
    const exported = Object.keys(pkg.exports)
      .filter((k) => k.startsWith('./transports/'))
      .map((k) => k.slice('./transports/'.length))
      .sort()
    const built = readdirSync(`${root}dist/transports`)
      .filter((f) => f.endsWith('.js'))
      .map((f) => f.slice(0, -3))
      .sort()
    expect(exported).toEqual(built)
    const targets = Object.values(pkg.exports).flatMap((t) => (typeof t === 'string' ? [t] : Object.values(t)))
    expect(targets.filter((t) => !existsSync(join(packedDir, t)))).toEqual([])
    // main/types agree with each other and with the "." export.
    expect([pkg.main, pkg.types]).toEqual([
      (pkg.exports['.'] as Record<string, string>).import,
      (pkg.exports['.'] as Record<string, string>).types,
    ])
  })
})

describe('the package in Node without a DOM (server rendering)', () => {
  it('imports every entry of the exports map without touching window, document or HTMLElement', () => {
    const entries = specifiers()
    expect(entries).toEqual(
      expect.arrayContaining([
        'help-feedback',
        'help-feedback/core',
        'help-feedback/element',
        'help-feedback/bridge',
        'help-feedback/transports/rest',
        'help-feedback/loader',
      ]),
    )
    const result = runNode(`
      const out = {}
      for (const s of ${JSON.stringify(entries)}) {
        try { const m = await import(s); out[s] = Object.keys(m).length > 0 || s.endsWith('/global') || s.endsWith('/loader') ? 'ok' : 'empty' }
        catch (e) { out[s] = String(e && e.message) }
      }
      out.globals = [typeof window, typeof document, typeof HTMLElement, typeof customElements, typeof HelpFeedback]
      console.log(JSON.stringify(out))
    `) as Record<string, unknown>
    for (const s of entries) expect([s, result[s]]).toEqual([s, 'ok'])
    // Importing defined nothing global either (the script-tag build stays inert on a server).
    expect(result.globals).toEqual(['undefined', 'undefined', 'undefined', 'undefined', 'undefined'])
  })

  it('mount() throws and open() rejects with a BrowserRequiredError; the element class exists but is not registered', () => {
    const result = runNode(`
      const { createHelpFeedback, BrowserRequiredError } = await import('help-feedback')
      const { HelpFeedbackElement, defineHelpFeedbackElement } = await import('help-feedback/element')
      const help = createHelpFeedback({ locale: 'en' })
      const out = {}
      try { help.mount(); out.mount = 'no error' } catch (e) { out.mount = [e.name, e.code, e instanceof BrowserRequiredError, e.message] }
      try { await help.open('report'); out.open = 'no error' } catch (e) { out.open = [e.name, e.code, e.message] }
      defineHelpFeedbackElement()
      out.element = typeof HelpFeedbackElement
      help.destroy()
      console.log(JSON.stringify(out))
    `) as { mount: unknown[]; open: unknown[]; element: string }
    expect(result.mount).toEqual([
      'BrowserRequiredError',
      'unsupported',
      true,
      expect.stringContaining('need a browser'),
    ])
    expect(result.open).toEqual(['BrowserRequiredError', 'unsupported', expect.stringContaining('need a browser')])
    expect(result.element).toBe('function')
  })
})
