import { afterEach, describe, expect, it, vi } from 'vitest'
import { TimeoutError } from '../../../src/errors/index.js'
import { loadHelp } from '../../../src/help/source.js'
import { createSearchIndex } from '../../../src/search/searchIndex.js'
import { memoryStore } from '../../../src/storage/memory.js'
import type { Transport } from '../../../src/transports/types.js'
import type { Article } from '../../../src/types.js'

// The prebuilt index of a real help centre is a few hundred KB: at 4 KB/s (a weak phone signal)
// it takes longer than the 15 s download limit in all, while bytes keep arriving. A total limit
// aborted it every time and help never loaded; the limit is how long the server may stay silent.
const articles: Article[] = [
  { id: 'refund', locale: 'en', title: 'When will I get my refund?', body: 'Refunds take 1-3 days.', tags: ['refund'] },
]
const json = JSON.stringify(createSearchIndex(articles).toJSON())

/** A body that sends `json` in `parts` pieces, one each time the test calls `next()`, then stops when told. */
function trickle(parts: number) {
  const bytes = new TextEncoder().encode(json)
  const size = Math.ceil(bytes.length / parts)
  let controller!: ReadableStreamDefaultController<Uint8Array>
  const body = new ReadableStream<Uint8Array>({ start: (c) => void (controller = c) })
  let sent = 0
  return {
    body,
    /** As a real fetch does on abort: the body's reader fails. */
    abort: (reason: unknown) => controller.error(reason),
    next() {
      controller.enqueue(bytes.slice(sent * size, (sent + 1) * size))
      if (++sent === parts) controller.close()
    },
  }
}

const depsFor = ({ body, abort }: ReturnType<typeof trickle>) => ({
  fetch: (async (url: string | URL | Request, init?: RequestInit) => {
    if (String(url).includes('articles.json')) return new Response('missing', { status: 404 })
    init?.signal?.addEventListener('abort', () => abort(init.signal!.reason))
    return new Response(body, { headers: { 'content-type': 'application/json' } })
  }) as typeof globalThis.fetch,
  timeoutMs: 1000,
  store: async () => memoryStore(),
  transport: async () => ({}) as Transport,
  online: () => true,
})

/** Lets the fetch, the reader and the timers' callbacks run. */
const settle = async () => {
  for (let i = 0; i < 20; i++) await Promise.resolve()
}

afterEach(() => vi.useRealTimers())

describe('downloading the help index over a slow network', () => {
  it('arrives when it takes longer than the time limit in all but keeps coming', async () => {
    vi.useFakeTimers()
    const body = trickle(8)
    const loading = loadHelp({ url: '/help/search-index.json' }, 'en', depsFor(body), () => undefined)
    // 8 parts 800 ms apart: 5.6 s in all against a 1 s limit, never 1 s without a byte.
    for (let i = 0; i < 8; i++) {
      await settle()
      await vi.advanceTimersByTimeAsync(800)
      body.next()
    }
    const loaded = await loading
    expect(loaded.index.search('refund', { locale: 'en' }).map((h) => h.id)).toEqual(['refund'])
  })

  it('gives up with a TimeoutError when the server stops sending halfway', async () => {
    vi.useFakeTimers()
    const body = trickle(8)
    const loading = loadHelp({ url: '/help/search-index.json' }, 'en', depsFor(body), () => undefined)
    const failed = expect(loading).rejects.toBeInstanceOf(TimeoutError)
    await settle()
    body.next()
    body.next()
    await settle()
    await vi.advanceTimersByTimeAsync(1001)
    await failed
  })
})
