/*
 * A minimal ActionCable client for Chatwoot's RoomChannel (Rails protocol `actioncable-v1-json`):
 * welcome → subscribe with the contact's pubsub_token → confirm; pings every 3 s keep it alive;
 * data frames are `{identifier, message: {event, data}}`. Reconnects with exponential backoff
 * and jitter, waits for `online` when offline, and treats a silent socket as dead.
 */
import { isBrowserOffline } from '../online.js'

/** The part of the WebSocket API the client uses, so tests and hosts can pass their own. */
export interface WebSocketLike {
  send(data: string): void
  close(code?: number, reason?: string): void
  onopen: ((ev: unknown) => void) | null
  onmessage: ((ev: { data: unknown }) => void) | null
  onclose: ((ev: unknown) => void) | null
  onerror: ((ev: unknown) => void) | null
}
/** A WebSocket constructor: `globalThis.WebSocket`, or a test double. */
export type WebSocketCtor = new (url: string, protocols?: string | string[]) => WebSocketLike

/** Options of {@link openCable}. */
export interface CableOptions {
  url: string
  WebSocket: WebSocketCtor
  /** Read on every subscribe: a re-identified contact brings a new token. */
  pubsubToken(): string | undefined
  onData(event: string, data: unknown): void
  /**
   * Every confirmed subscription, the first one too: ActionCable replays nothing, so consumers
   * refetch what committed before it was live (while the socket opened, or during a gap).
   */
  onResync(): void
  /** The server rejected the token: refresh the contact before the next attempt. */
  onRejected?(): Promise<void>
  onError?(error: unknown): void
  minDelayMs?: number
  maxDelayMs?: number
  /** No frame (pings come every 3 s) for this long means a dead socket. Default 12 000 (Rails: 2 × 6 s). */
  staleMs?: number
}

/** A running RoomChannel subscription. */
export interface Cable {
  /**
   * Resolves once the subscription is confirmed (at once when it is), or after `maxWaitMs`.
   * Chat writes wait for it: ActionCable replays nothing, so an echo sent before the
   * subscription is live would be lost.
   */
  live(maxWaitMs: number): Promise<void>
  close(): void
  /** Drops the socket and connects again now (e.g. after the contact changed). */
  restart(): void
}

/**
 * Connects and subscribes; keeps doing so until `close()`.
 *
 * @example
 * const cable = openCable({ url: 'wss://chat.example.com/cable', WebSocket, pubsubToken: () => token,
 *   onData: (event, data) => console.log(event, data), onResync: () => refetch() })
 */
export function openCable(o: CableOptions): Cable {
  const minDelay = o.minDelayMs ?? 1000
  const maxDelay = o.maxDelayMs ?? 30_000
  const staleMs = o.staleMs ?? 12_000
  let ws: WebSocketLike | undefined
  let closed = false
  let failures = 0
  let lastFrame = 0
  let identifier = ''
  let retryTimer: ReturnType<typeof setTimeout> | undefined
  let onOnline: (() => void) | undefined
  let confirmed = false
  const waiters = new Set<() => void>()
  let openedAt = 0
  // Pings prove the socket, not the subscription: an unconfirmed one is retried as well.
  const watchdog = setInterval(
    () => {
      if (ws && Date.now() - lastFrame > staleMs) drop(new Error('cable went silent'))
      else if (ws && !confirmed && Date.now() - openedAt > staleMs) drop(new Error('subscription not confirmed'))
    },
    Math.max(250, staleMs / 4),
  )

  function connect(): void {
    if (closed) return
    lastFrame = openedAt = Date.now()
    let socket: WebSocketLike
    try {
      socket = new o.WebSocket(o.url, ['actioncable-v1-json', 'actioncable-unsupported'])
    } catch (error) {
      o.onError?.(error)
      return schedule()
    }
    ws = socket
    socket.onmessage = (ev) => {
      if (ws !== socket) return
      lastFrame = Date.now()
      let frame: { type?: string; identifier?: string; message?: unknown; reconnect?: boolean }
      try {
        frame = JSON.parse(String(ev.data)) as typeof frame
      } catch {
        return
      }
      if (frame.type === 'welcome') return subscribe(socket)
      if (frame.type === 'ping') return
      if (frame.type === 'confirm_subscription') {
        failures = 0
        confirmed = true
        o.onResync()
        for (const wake of [...waiters]) wake()
        return
      }
      if (frame.type === 'reject_subscription') {
        void (o.onRejected?.() ?? Promise.resolve())
          .catch((e: unknown) => o.onError?.(e))
          .finally(() => ws === socket && drop(new Error('subscription rejected')))
        return
      }
      if (frame.type === 'disconnect') {
        if (frame.reconnect === false) {
          o.onError?.(new Error('cable closed by the server without reconnect'))
          return stop()
        }
        return drop(new Error('server asked to reconnect'))
      }
      const message = frame.message as { event?: unknown; data?: unknown } | undefined
      if (frame.identifier === identifier && typeof message?.event === 'string') o.onData(message.event, message.data)
    }
    socket.onclose = () => {
      if (ws === socket) drop(new Error('cable closed'))
    }
    socket.onerror = (ev) => o.onError?.(ev)
  }

  function subscribe(socket: WebSocketLike): void {
    const token = o.pubsubToken()
    if (!token) return drop(new Error('no pubsub token'))
    identifier = JSON.stringify({ channel: 'RoomChannel', pubsub_token: token })
    socket.send(JSON.stringify({ command: 'subscribe', identifier }))
  }

  /** Closes the current socket, if any, without hearing from it again. */
  function forgetSocket(): void {
    const socket = ws
    ws = undefined
    confirmed = false
    if (!socket) return
    socket.onmessage = socket.onclose = socket.onerror = null
    try {
      socket.close()
    } catch {
      /* already closed */
    }
  }

  /** Forgets the current socket and schedules the next one. */
  function drop(error: unknown): void {
    forgetSocket()
    if (closed) return
    failures++
    o.onError?.(error)
    schedule()
  }

  function schedule(): void {
    if (closed || retryTimer) return
    const delay = Math.min(maxDelay, minDelay * 2 ** Math.max(0, failures - 1))
    const offline = isBrowserOffline()
    const go = () => {
      clearTimeout(retryTimer)
      retryTimer = undefined
      if (onOnline) globalThis.removeEventListener?.('online', onOnline)
      onOnline = undefined
      connect()
    }
    retryTimer = setTimeout(go, offline ? maxDelay : delay / 2 + Math.random() * (delay / 2))
    onOnline = go
    globalThis.addEventListener?.('online', go)
  }

  function stop(): void {
    closed = true
    confirmed = false
    for (const wake of [...waiters]) wake()
    clearInterval(watchdog)
    clearTimeout(retryTimer)
    if (onOnline) globalThis.removeEventListener?.('online', onOnline)
    forgetSocket()
  }

  connect()
  return {
    live(maxWaitMs) {
      if (confirmed || closed) return Promise.resolve()
      return new Promise((resolve) => {
        const wake = () => {
          clearTimeout(timer)
          waiters.delete(wake)
          resolve()
        }
        const timer = setTimeout(wake, maxWaitMs)
        waiters.add(wake)
      })
    },
    close: stop,
    restart() {
      if (closed) return
      failures = 0
      drop(new Error('restart'))
    },
  }
}
