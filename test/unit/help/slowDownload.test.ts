import { afterEach, describe, expect, it, vi } from 'vitest'
import { TimeoutError } from '../../../src/errors/index.js'
import { loadHelp } from '../../../src/help/source.js'
import { createSearchIndex } from '../../../src/search/searchIndex.js'
import { serializeIndex } from '../../../src/search/serialize.js'
import { memoryStore } from '../../../src/storage/memory.js'
import type { Transport } from '../../../src/transports/types.js'

// The prebuilt index of a real help centre is a few hundred KB: at 4 KB/s (a weak phone signal)
// it takes longer than the 15 s download limit in all, while bytes keep arriving. A total limit
// aborted it every time and help never loaded; the limit is how long the server may stay silent,
// with a bound on the whole download (20 times that) for a server that never finishes.
const json = JSON.stringify(
  serializeIndex(
    createSearchIndex([
      {
        id: 'refund',
        locale: 'en',
        title: 'When will I get my refund?',
        body: 'Refunds take 1-3 days.',
        tags: ['refund'],
      },
    ]),
  ),
)

/** A response body the test feeds by hand; it fails as a real fetch's does when the request is aborted. */
function feed() {
  let controller!: ReadableStreamDefaultController<Uint8Array>
  const body = new ReadableStream<Uint8Array>({ start: (c) => void (controller = c) })
  return {
    body,
    abort: (reason: unknown) => controller.error(reason),
    send: (bytes: Uint8Array) => controller.enqueue(bytes),
    close: () => controller.close(),
  }
}

const deps = (f: ReturnType<typeof feed>, timeoutMs: number | undefined, headersAfterMs = 0) => ({
  fetch: (async (url: string | URL | Request, init?: RequestInit) => {
    if (String(url).includes('articles.json')) return new Response('missing', { status: 404 })
    init?.signal?.addEventListener('abort', () => f.abort(init.signal!.reason))
    if (headersAfterMs) await new Promise((r) => setTimeout(r, headersAfterMs))
    if (init?.signal?.aborted) throw init.signal.reason
    return new Response(f.body, { headers: { 'content-type': 'application/json' } })
  }) as typeof globalThis.fetch,
  ...(timeoutMs === undefined ? {} : { timeoutMs }),
  store: async () => memoryStore(),
  transport: async () => ({}) as Transport,
  online: () => true,
})

const settle = async () => {
  for (let i = 0; i < 20; i++) await Promise.resolve()
}

afterEach(() => vi.useRealTimers())

describe('downloading the help index over a slow network', () => {
  it('does not wait for ever on a server that sends a byte just inside the silence limit, for ever', async () => {
    vi.useFakeTimers()
    const f = feed()
    let outcome: unknown
    loadHelp({ url: '/help/search-index.json' }, 'en', deps(f, undefined), () => undefined).then(
      () => (outcome = 'loaded'),
      (e: unknown) => (outcome = e),
    )
    // One byte every 14 s (the default limit is 15 s of silence): two hours of it.
    for (let i = 0; i < 500 && outcome === undefined; i++) {
      await settle()
      await vi.advanceTimersByTimeAsync(14_000)
      try {
        f.send(new Uint8Array([0x20]))
      } catch {
        // the body was aborted
      }
    }
    await settle()
    expect(outcome).toBeInstanceOf(TimeoutError)
  })

  it('counts the headers arriving as the server speaking: a body that follows is not cut off', async () => {
    vi.useFakeTimers()
    const f = feed()
    const bytes = new TextEncoder().encode(json)
    const loading = loadHelp({ url: '/help/search-index.json' }, 'en', deps(f, 1000, 900), () => undefined)
    // Headers after 0.9 s, then a part every 0.8 s: never a second of silence.
    await settle()
    await vi.advanceTimersByTimeAsync(900)
    const half = Math.ceil(bytes.length / 2)
    await settle()
    await vi.advanceTimersByTimeAsync(800)
    f.send(bytes.slice(0, half))
    await settle()
    await vi.advanceTimersByTimeAsync(800)
    f.send(bytes.slice(half))
    f.close()
    const loaded = await loading
    expect(loaded.index.search('refund', { locale: 'en' }).map((h) => h.id)).toEqual(['refund'])
  })

  it('arrives when it takes longer than the time limit in all but keeps coming', async () => {
    vi.useFakeTimers()
    const f = feed()
    const bytes = new TextEncoder().encode(json)
    const size = Math.ceil(bytes.length / 8)
    const loading = loadHelp({ url: '/help/search-index.json' }, 'en', deps(f, 1000), () => undefined)
    // 8 parts 800 ms apart: 6.4 s in all against a 1 s limit, never 1 s without a byte.
    for (let i = 0; i < 8; i++) {
      await settle()
      await vi.advanceTimersByTimeAsync(800)
      f.send(bytes.slice(i * size, (i + 1) * size))
    }
    f.close()
    const loaded = await loading
    expect(loaded.index.search('refund', { locale: 'en' }).map((h) => h.id)).toEqual(['refund'])
  })

  it('gives up with a TimeoutError when the server stops sending halfway', async () => {
    vi.useFakeTimers()
    const f = feed()
    const bytes = new TextEncoder().encode(json)
    const loading = loadHelp({ url: '/help/search-index.json' }, 'en', deps(f, 1000), () => undefined)
    const failed = expect(loading).rejects.toBeInstanceOf(TimeoutError)
    await settle()
    f.send(bytes.slice(0, bytes.length / 4))
    await settle()
    await vi.advanceTimersByTimeAsync(1001)
    await failed
  })
})
