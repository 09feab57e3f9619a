/**
 * Server-sent events over fetch + ReadableStream instead of EventSource, so that headers
 * (Authorization, Last-Event-ID) can be sent and the same code runs in browsers and Node.
 */
import { isBrowserOffline } from '../online.js'

type Awaitable<T> = T | Promise<T>

/** One dispatched event, as the SSE spec defines it. */
export interface SseEvent {
  data: string
  /** The last event id seen so far (ids persist across events until changed). */
  id: string | undefined
  event: string
}

/**
 * Incremental `text/event-stream` parser (WHATWG HTML §9.2.6). Feed it decoded text in any
 * chunking; it calls `onEvent` per complete event and `onRetry` when the server sets `retry:`.
 */
export function createSseParser(onEvent: (e: SseEvent) => void, onRetry?: (ms: number) => void) {
  let buffer = ''
  let data: string[] = []
  let event = ''
  let lastId: string | undefined
  let sawCr = false

  function line(text: string): void {
    if (text === '') {
      if (data.length) onEvent({ data: data.join('\n'), id: lastId, event: event || 'message' })
      data = []
      event = ''
      return
    }
    if (text.startsWith(':')) return
    const colon = text.indexOf(':')
    const field = colon < 0 ? text : text.slice(0, colon)
    let value = colon < 0 ? '' : text.slice(colon + 1)
    if (value.startsWith(' ')) value = value.slice(1)
    if (field === 'data') data.push(value)
    else if (field === 'event') event = value
    else if (field === 'id' && !value.includes('\0')) lastId = value
    else if (field === 'retry' && /^\d+$/.test(value)) onRetry?.(Number(value))
  }

  return {
    push(chunk: string): void {
      // A CRLF split across chunks must not count as two line ends.
      if (sawCr && chunk.startsWith('\n')) chunk = chunk.slice(1)
      sawCr = chunk.endsWith('\r')
      buffer += chunk
      const parts = buffer.split(/\r\n|\r|\n/)
      buffer = parts.pop() ?? ''
      for (const part of parts) line(part)
    },
    get lastEventId(): string | undefined {
      return lastId
    },
    set lastEventId(id: string | undefined) {
      lastId = id
    },
  }
}

export interface SseOptions {
  /** Resolved on every (re)connect, so a refreshed token can go in the query string. */
  url: () => Awaitable<string>
  /** Resolved on every (re)connect; typically Authorization. */
  headers?: () => Awaitable<Record<string, string>>
  fetch?: typeof fetch
  onEvent(e: SseEvent): void
  /** Each successful connect; `reconnected` is true after the first. */
  onOpen?(info: { reconnected: boolean }): void
  onError?(error: unknown): void
  /** The stream answered 401: refresh credentials; the next connect follows at once. */
  onUnauthorized?(): Promise<void>
  /** Resume point for the first connect. */
  lastEventId?: string
  /** First reconnect delay when the server sent no `retry:`. Default 1000. */
  minDelayMs?: number
  /** Cap of the exponential backoff. Default 30 000. */
  maxDelayMs?: number
  /** No bytes (not even a ping comment) for this long means a dead connection. Default 45 000. */
  idleTimeoutMs?: number
}

export interface SseConnection {
  close(): void
  readonly lastEventId: string | undefined
}

/**
 * Opens a self-healing event stream: reconnects with exponential backoff and jitter, resumes
 * with Last-Event-ID, waits for `online` when the device is offline, and detects silent drops.
 *
 * @example
 * const conn = openSse({ url: () => base + '/v1/events', headers: async () => ({ Authorization: 'Bearer ' + t }),
 *   onEvent: (e) => console.log(JSON.parse(e.data)) })
 * conn.close()
 */
export function openSse(options: SseOptions): SseConnection {
  const fetchFn = options.fetch ?? ((input, init) => globalThis.fetch(input, init))
  const minDelay = options.minDelayMs ?? 1000
  const maxDelay = options.maxDelayMs ?? 30_000
  const idleTimeout = options.idleTimeoutMs ?? 45_000
  let serverRetry: number | undefined
  let closed = false
  let current: AbortController | undefined
  let wake: (() => void) | undefined
  const parser = createSseParser(
    (e) => closed || options.onEvent(e),
    (ms) => (serverRetry = ms),
  )
  parser.lastEventId = options.lastEventId

  async function connectOnce(reconnected: boolean): Promise<'unauthorized' | 'ended'> {
    const controller = (current = new AbortController())
    const headers: Record<string, string> = { Accept: 'text/event-stream', ...(await options.headers?.()) }
    if (parser.lastEventId) headers['Last-Event-ID'] = parser.lastEventId
    const response = await fetchFn(await options.url(), { headers, signal: controller.signal, cache: 'no-store' })
    if (response.status === 401) {
      void response.body?.cancel()
      return 'unauthorized'
    }
    if (!response.ok || !response.body) {
      void response.body?.cancel()
      throw new Error(`event stream answered HTTP ${response.status}`)
    }
    if (closed) {
      void response.body.cancel().catch(() => undefined)
      return 'ended'
    }
    options.onOpen?.({ reconnected })
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader()
    // Some fetch implementations (and mocks) do not error the body on abort: cancel it ourselves.
    controller.signal.addEventListener('abort', () => void reader.cancel().catch(() => undefined), { once: true })
    let idle: ReturnType<typeof setTimeout> | undefined
    const arm = () => {
      clearTimeout(idle)
      idle = setTimeout(() => controller.abort(new Error('event stream idle')), idleTimeout)
    }
    try {
      arm()
      for (;;) {
        const { done, value } = await reader.read()
        if (done) return 'ended'
        arm()
        parser.push(value)
      }
    } finally {
      clearTimeout(idle)
    }
  }

  async function run(): Promise<void> {
    let failures = 0
    let opened = false
    let unauthorizedInARow = 0
    while (!closed) {
      try {
        const outcome = await connectOnce(opened)
        if (outcome === 'unauthorized' && options.onUnauthorized && unauthorizedInARow++ < 1) {
          await options.onUnauthorized()
          continue
        }
        if (outcome === 'unauthorized') throw new Error('event stream unauthorized')
        opened = true
        unauthorizedInARow = 0
        failures = 0
      } catch (error) {
        if (closed) return
        failures++
        options.onError?.(error)
      }
      if (closed) return
      await pause(backoff(failures))
      // After an error, the next successful open is a reconnect too.
      opened ||= failures > 0
    }
  }

  function backoff(failures: number): number {
    const base = serverRetry ?? minDelay
    const delay = Math.min(maxDelay, base * 2 ** Math.max(0, failures - 1))
    return delay / 2 + Math.random() * (delay / 2)
  }

  function pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer)
        globalThis.removeEventListener?.('online', done)
        wake = undefined
        resolve()
      }
      const offline = isBrowserOffline()
      // Offline: waiting out the backoff is pointless; the `online` event (or a long cap) wakes us.
      const timer = setTimeout(done, offline ? maxDelay : ms)
      globalThis.addEventListener?.('online', done)
      wake = done
    })
  }

  void run()
  return {
    close() {
      closed = true
      current?.abort()
      wake?.()
    },
    get lastEventId() {
      return parser.lastEventId
    },
  }
}
