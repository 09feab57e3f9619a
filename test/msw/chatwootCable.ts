import type { WebSocketCtor, WebSocketLike } from '../../src/transports/chatwootCable.js'

/*
 * An in-process stand-in for Chatwoot's ActionCable endpoint (Node 20 has no WebSocket client).
 * It speaks the Rails frames verbatim as JSON strings: welcome, ping, confirm/reject_subscription,
 * disconnect, and `{identifier, message: {event, data}}` broadcasts scoped to a pubsub token.
 */

export class FakeCableServer {
  readonly sockets = new Set<FakeSocket>()
  /** pubsub_token → accepted? Set by the fake Chatwoot when contacts are created. */
  readonly tokens = new Set<string>()
  connects = 0
  pingMs = 1000
  /** Drop frames instead of sending them (a half-open connection). */
  silent = false

  /** The constructor handed to `chatwootTransport({ WebSocket })`. */
  get WebSocket(): WebSocketCtor {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const server = this
    return class extends FakeSocket {
      constructor(url: string, protocols?: string | string[]) {
        super(server, url, protocols)
      }
    }
  }

  broadcast(pubsubToken: string, event: string, data: unknown): void {
    for (const s of this.sockets) s.deliver(pubsubToken, event, data)
  }
  /** Every socket loses its connection, as on a network change. */
  dropAll(): void {
    for (const s of [...this.sockets]) s.serverClose()
  }
  get subscribed(): number {
    return [...this.sockets].filter((s) => s.token !== undefined).length
  }
}

export class FakeSocket implements WebSocketLike {
  onopen: ((ev: unknown) => void) | null = null
  onmessage: ((ev: { data: unknown }) => void) | null = null
  onclose: ((ev: unknown) => void) | null = null
  onerror: ((ev: unknown) => void) | null = null
  token: string | undefined
  private identifier = ''
  private ping: ReturnType<typeof setInterval> | undefined
  private open = true

  constructor(
    private readonly server: FakeCableServer,
    readonly url: string,
    readonly protocols?: string | string[],
  ) {
    server.sockets.add(this)
    server.connects++
    setTimeout(() => {
      if (!this.open) return
      this.onopen?.({})
      this.frame({ type: 'welcome' })
      this.ping = setInterval(() => this.frame({ type: 'ping', message: Math.floor(Date.now() / 1000) }), server.pingMs)
    }, 0)
  }

  send(data: string): void {
    const cmd = JSON.parse(data) as { command: string; identifier: string }
    if (cmd.command !== 'subscribe') return
    const id = JSON.parse(cmd.identifier) as { channel?: string; pubsub_token?: string }
    if (id.channel !== 'RoomChannel' || !id.pubsub_token || !this.server.tokens.has(id.pubsub_token)) {
      this.frame({ type: 'reject_subscription', identifier: cmd.identifier })
      return
    }
    this.token = id.pubsub_token
    this.identifier = cmd.identifier
    this.frame({ type: 'confirm_subscription', identifier: cmd.identifier })
  }

  close(): void {
    this.shutdown()
  }

  deliver(token: string, event: string, data: unknown): void {
    if (this.token === token) this.frame({ identifier: this.identifier, message: { event, data } })
  }

  /** Sends any raw frame, e.g. `{type: 'disconnect', reconnect: false}`. */
  serverFrame(body: unknown): void {
    this.frame(body)
  }

  serverClose(): void {
    this.shutdown()
    this.onclose?.({ code: 1006 })
  }

  private frame(body: unknown): void {
    if (!this.open || this.server.silent) return
    const data = JSON.stringify(body)
    // Frames arrive asynchronously, like on a real socket.
    setTimeout(() => this.open && this.onmessage?.({ data }), 0)
  }

  private shutdown(): void {
    this.open = false
    clearInterval(this.ping)
    this.server.sockets.delete(this)
  }
}
