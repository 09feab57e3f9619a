/**
 * A call queued with the script-tag snippet (`HelpFeedback('open', 'nope')` before the SDK has
 * loaded) has no promise a host could catch: when its work fails later (an unknown view, an
 * identify the transport refuses) the failure goes to the console, as a queued call that throws
 * at once does, and never becomes an unhandled rejection in the page. A call the page makes on the
 * loader before the SDK is there gets a promise, which rejects, and nothing goes to the console.
 */
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { stubTransport } from '../../support/transport.js'

type Queued = ((...args: unknown[]) => unknown) & { q?: unknown[][]; instance?: { destroy(): void } }
const w = window as unknown as { HelpFeedback?: Queued }
const refused = new Error('identify refused')
/** The SDK's ConfigError for the view (modules are fresh in each test, so its class is too). */
const badView = (e: unknown) =>
  (e as { code?: unknown; path?: unknown } | null)?.code === 'config' && (e as { path?: unknown }).path === 'view'

let unhandled: unknown[] = []
const onUnhandled = (reason: unknown) => void unhandled.push(reason)
let errors: unknown[] = []

beforeEach(() => {
  vi.resetModules()
  unhandled = []
  errors = []
  process.on('unhandledRejection', onUnhandled)
  vi.spyOn(console, 'error').mockImplementation((e: unknown) => void errors.push(e))
  // The page's snippet, then its calls, before the SDK's script has loaded.
  const stub: Queued = function (...args: unknown[]) {
    ;(stub.q ??= []).push(args)
  }
  w.HelpFeedback = stub
  const transport = stubTransport({
    identify: async () => {
      throw refused
    },
  })
  stub('init', { locale: 'en', transport, launcher: false })
  stub('open', 'nope')
  stub('identify', { id: 'u1' })
})
afterEach(() => {
  w.HelpFeedback?.instance?.destroy()
  delete w.HelpFeedback
  process.off('unhandledRejection', onUnhandled)
  vi.restoreAllMocks()
})

/** Lets Node report what rejections are still unhandled. */
const settle = () => new Promise((r) => setTimeout(r, 50))

describe('a queued call whose work fails', () => {
  it('single-file build (global.js): goes to console.error, no unhandled rejection', async () => {
    await import('../../../widgets/global.js')
    await vi.waitFor(() => expect(errors.length + unhandled.length).toBeGreaterThanOrEqual(2))
    await settle()
    expect(unhandled).toEqual([])
    expect(errors.some(badView)).toBe(true)
    expect(errors).toContain(refused)
  })

  it('a direct call after the SDK loaded still rejects', async () => {
    await import('../../../widgets/global.js')
    await settle()
    const error = await (w.HelpFeedback!('open', 'nope') as Promise<unknown>).catch((e: unknown) => e)
    expect(badView(error)).toBe(true)
  })

  /** Imports the loader as a page's `<script src=".../loader.js">` would, from a folder holding the entry. */
  async function withLoader(run: () => Promise<void>): Promise<void> {
    Object.defineProperty(document, 'currentScript', {
      configurable: true,
      value: { src: pathToFileURL(join(dirname(fileURLToPath(import.meta.url)), 'entry/loader.js')).href, nonce: '' },
    })
    try {
      await import('../../../widgets/loader.js')
      await run()
    } finally {
      delete (document as { currentScript?: unknown }).currentScript
    }
  }

  it('loader.js: goes to console.error, no unhandled rejection', () =>
    withLoader(async () => {
      await vi.waitFor(() => expect(errors.length + unhandled.length).toBeGreaterThanOrEqual(2))
      await settle()
      expect(unhandled).toEqual([])
      expect(errors.some(badView)).toBe(true)
      expect(errors).toContain(refused)
      // Called once the SDK is there, it returns the promise, which rejects.
      const error = await (w.HelpFeedback!('open', 'nope') as Promise<unknown>).catch((e: unknown) => e)
      expect(badView(error)).toBe(true)
    }))

  it('loader.js: a call the page made before loading rejects its promise, and only there', () =>
    withLoader(async () => {
      // The loader has taken the snippet's place; the SDK is still loading.
      const failure = (w.HelpFeedback!('open', 'elsewhere') as Promise<unknown>).catch((e: unknown) => e)
      const thrown = (w.HelpFeedback!('nope') as Promise<unknown>).catch((e: unknown) => e)
      const error = await failure
      expect(badView(error)).toBe(true)
      expect((await thrown) instanceof Error).toBe(true)
      await settle()
      expect(unhandled).toEqual([])
      // The snippet's own `open('nope')` and refused identify are in the console; the page's caught calls are not.
      expect(errors.filter(badView)).toHaveLength(1)
      expect(errors).toContain(refused)
      expect(errors).not.toContain(error)
      expect(errors).not.toContain(await thrown)
    }))
})
