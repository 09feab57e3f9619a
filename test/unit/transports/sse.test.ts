import { describe, expect, it, vi } from 'vitest'
import { createSseParser, openSse, type SseEvent } from '../../../src/transports/sse.js'

function collect() {
  const events: SseEvent[] = []
  const retries: number[] = []
  const parser = createSseParser(
    (e) => events.push(e),
    (ms) => retries.push(ms),
  )
  return { events, retries, parser }
}

describe('createSseParser', () => {
  it('dispatches on a blank line, joins multi-line data, keeps the last id', () => {
    const { events, parser } = collect()
    parser.push('id: 7\ndata: {"a":\ndata: 1}\n\n: ping\n\ndata: next\n\n')
    expect(events).toEqual([
      { data: '{"a":\n1}', id: '7', event: 'message' },
      { data: 'next', id: '7', event: 'message' },
    ])
  })

  it('is indifferent to chunk boundaries, including a CRLF split in two', () => {
    const { events, parser } = collect()
    for (const chunk of ['da', 'ta: he', 'llo\r', '\n\r', '\nevent: x\r\ndata:y\r\n', '\r\n']) parser.push(chunk)
    expect(events).toEqual([
      { data: 'hello', id: undefined, event: 'message' },
      { data: 'y', id: undefined, event: 'x' },
    ])
  })

  it('reports retry and ignores comments, empty data and an incomplete tail', () => {
    const { events, retries, parser } = collect()
    parser.push('retry: 3000\n: connected\n\nid: 4\n\ndata: partial')
    expect(retries).toEqual([3000])
    expect(events).toEqual([])
    expect(parser.lastEventId).toBe('4')
  })
})

/** A fetch whose answers are event-stream bodies the test closes when it wants. */
function streamingFetch(bodies: string[]) {
  const requests: Request[] = []
  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    requests.push(new Request(input, init))
    const text = bodies.shift()
    if (text === undefined) return new Promise<Response>(() => undefined) // hang: keeps the loop parked
    return new Response(new Blob([text]).stream(), { headers: { 'Content-Type': 'text/event-stream' } })
  })
  return { fetch: fetch as unknown as typeof globalThis.fetch, requests }
}

describe('openSse', () => {
  it('reconnects after the stream ends, resuming from the last id and flagging the reconnect', async () => {
    const f = streamingFetch(['retry: 5\nid: 1\ndata: a\n\n', 'id: 2\ndata: b\n\n'])
    const seen: string[] = []
    const opens: boolean[] = []
    const conn = openSse({
      url: () => 'https://api.test/v1/events',
      headers: () => ({ Authorization: 'Bearer t' }),
      fetch: f.fetch,
      onEvent: (e) => seen.push(e.data),
      onOpen: ({ reconnected }) => opens.push(reconnected),
    })
    await vi.waitFor(() => expect(seen).toEqual(['a', 'b']))
    conn.close()
    expect(opens).toEqual([false, true])
    expect(f.requests[0]?.headers.get('Last-Event-ID')).toBeNull()
    expect(f.requests[1]?.headers.get('Last-Event-ID')).toBe('1')
    expect(f.requests[1]?.headers.get('Authorization')).toBe('Bearer t')
    expect(conn.lastEventId).toBe('2')
  })

  it('on 401 refreshes credentials and reconnects; after close it stays closed', async () => {
    let calls = 0
    const fetch = vi.fn(async () => {
      calls++
      return calls === 1 ? new Response('{}', { status: 401 }) : new Response(new Blob(['data: ok\n\n']).stream())
    }) as unknown as typeof globalThis.fetch
    const onUnauthorized = vi.fn(async () => undefined)
    const seen: string[] = []
    const conn = openSse({
      url: () => 'https://api.test/e',
      fetch,
      onUnauthorized,
      onEvent: (e) => seen.push(e.data),
      minDelayMs: 10_000,
    })
    await vi.waitFor(() => expect(seen).toEqual(['ok']))
    expect(onUnauthorized).toHaveBeenCalledTimes(1)
    conn.close()
    const after = calls
    await new Promise((r) => setTimeout(r, 30))
    expect(calls).toBe(after)
  })

  it('backs off after errors and reports them', async () => {
    let calls = 0
    const fetch = vi.fn(async () => {
      calls++
      if (calls < 3) throw new TypeError('fetch failed')
      if (calls > 3) return new Promise<Response>(() => undefined)
      return new Response(new Blob(['data: up\n\n']).stream())
    }) as unknown as typeof globalThis.fetch
    const errors: unknown[] = []
    const opens: boolean[] = []
    const conn = openSse({
      url: () => 'https://api.test/e',
      fetch,
      minDelayMs: 5,
      onError: (e) => errors.push(e),
      onEvent: () => undefined,
      onOpen: ({ reconnected }) => opens.push(reconnected),
    })
    await vi.waitFor(() => expect(opens).toHaveLength(1))
    conn.close()
    expect(errors).toHaveLength(2)
    // Events may have been missed before the first successful open: consumers must resync.
    expect(opens).toEqual([true])
  })
})
