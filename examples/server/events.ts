import type { ServerResponse } from 'node:http'
import type { Store, StoredEvent } from './store/types.js'

export type { Audience } from './store/types.js'

interface Client {
  kind: 'user' | 'agent'
  userId: string | undefined
  res: ServerResponse
  /** Highest event id written to this stream; live events at or below it are not sent again. */
  last: number
  /** Live events that arrived while the replay was being read; sent after it. */
  held: StoredEvent[] | undefined
}

/** Slow consumers past this much unsent output are dropped; they resume with Last-Event-ID. */
const MAX_BUFFERED = 1 << 20
/** Delivered events between two prunes of the `events` table. */
const PRUNE_EVERY = 500
/** An instance that stops refreshing its agent count drops out of "agents online" after this. */
const PRESENCE_TTL_MS = 30_000

/**
 * Fans committed events out to open streams. Every event is a row in the `events` table (global
 * monotonic id = SSE `id:`), written in the transaction of the change it announces; the store
 * hands them here only after commit — on Postgres from every instance, through LISTEN/NOTIFY —
 * so a rolled-back write never reaches a client and a stream may resume on any instance. The
 * store hands them in id order up to a watermark (`deliveredUpTo`) below which no id can still
 * commit; a resuming stream replays up to that watermark and goes live above it.
 *
 * Agent presence: the number of open agent streams of this instance is written to the store on
 * every change and refreshed before it expires, so every instance reports the same agents online.
 */
export class EventHub {
  private readonly clients = new Set<Client>()
  private readonly byUser = new Map<string, Set<Client>>()
  private sincePrune = 0
  private agents = 0
  private presenceWrite: Promise<void> = Promise.resolve()
  private readonly timer: NodeJS.Timeout
  private readonly presenceTimer: NodeJS.Timeout
  private readonly presenceTtlMs: number

  constructor(
    private readonly store: Store,
    private readonly opts: { keep: number; heartbeatMs: number; streamsPerUser?: number; presenceTtlMs?: number },
  ) {
    this.timer = setInterval(() => this.broadcastComment('ping'), opts.heartbeatMs)
    this.timer.unref()
    this.presenceTtlMs = opts.presenceTtlMs ?? PRESENCE_TTL_MS
    this.presenceTimer = setInterval(() => void this.publishPresence(), this.presenceTtlMs / 3)
    this.presenceTimer.unref()
    store.onEvents((events) => this.deliver(events))
  }

  /** Open agent streams on this instance. */
  agentCount(): number {
    return this.agents
  }

  /** Open agent streams on every live instance: what availability reports as agents online. */
  agentsOnline(): Promise<number> {
    return this.store.agentsOnline()
  }

  /** Opens a stream, replays what the client missed after `lastEventId`, then goes live. */
  async open(
    res: ServerResponse,
    kind: 'user' | 'agent',
    userId: string | undefined,
    lastEventId: number | undefined,
  ): Promise<void> {
    // Registered (holding live events) before the replay is read, so nothing committed in
    // between is lost: the store hands listeners only ids above `upTo`, read in the same tick.
    const upTo = this.store.deliveredUpTo()
    const client: Client = { kind, userId, res, last: 0, held: [] }
    this.add(client)
    res.on('close', () => this.remove(client))
    let out = 'retry: 3000\n: connected\n\n'
    try {
      if (lastEventId !== undefined) {
        const { latest, prunedUpTo } = await this.store.eventWindow()
        // `upTo` can pass the newest stored id when the last ids taken were rolled back: an id up
        // to it (the one a resync frame carries) is current, not "from another database".
        if (lastEventId < prunedUpTo || lastEventId > Math.max(latest, upTo)) {
          // Either the window no longer holds what they missed, or the id comes from another
          // database (server reset): tell the client to refetch instead of pretending all is well.
          out += `id: ${upTo}\ndata: ${JSON.stringify({ type: 'resync' })}\n\n`
          client.last = upTo
        } else {
          // The id may come from an instance whose watermark is ahead of ours: then there is
          // nothing to replay, and live events up to it are not sent twice.
          for (const r of await this.store.eventsAfter(lastEventId, upTo, userId, kind)) {
            out += `id: ${r.id}\ndata: ${r.data}\n\n`
          }
          client.last = Math.max(lastEventId, upTo)
        }
      }
      // An agent counts as online everywhere before their stream answers.
      if (kind === 'agent') await this.presenceWrite
    } catch (err) {
      this.remove(client)
      throw err
    }
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    })
    res.socket?.setNoDelay(true)
    res.socket?.setTimeout(0)
    const held = client.held ?? []
    client.held = undefined
    for (const e of held) if (e.id > client.last) out += frame(e)
    if (held.length > 0) client.last = Math.max(client.last, held[held.length - 1]!.id)
    res.write(out)
  }

  /** Ends every stream (server shutdown). */
  close(): void {
    clearInterval(this.timer)
    clearInterval(this.presenceTimer)
    for (const c of [...this.clients]) {
      c.res.end()
      this.remove(c)
    }
  }

  private deliver(batch: StoredEvent[]): void {
    for (const e of batch) {
      if (e.audience !== 'agent') for (const c of this.byUser.get(e.userId) ?? []) this.send(c, e)
      if (e.audience !== 'user') for (const c of this.clients) if (c.kind === 'agent') this.send(c, e)
    }
    this.sincePrune += batch.length
    if (this.sincePrune >= PRUNE_EVERY) {
      this.sincePrune = 0
      this.store.pruneEvents(this.opts.keep).catch((err: unknown) => console.error('[events] prune failed', err))
    }
  }

  private send(c: Client, e: StoredEvent): void {
    if (c.held) {
      c.held.push(e)
      return
    }
    if (e.id <= c.last) return
    c.last = e.id
    this.write(c, frame(e))
  }

  private add(client: Client): void {
    this.clients.add(client)
    if (client.kind === 'agent') {
      this.agents++
      this.presenceWrite = this.publishPresence()
    }
    if (client.userId === undefined || client.kind !== 'user') return
    let set = this.byUser.get(client.userId)
    if (!set) this.byUser.set(client.userId, (set = new Set()))
    // One user holding hundreds of sockets starves everyone else: the oldest (a tab long gone,
    // usually) makes room. Sets keep insertion order, so the first one is the oldest.
    const max = this.opts.streamsPerUser ?? Infinity
    for (const old of set) {
      if (set.size < max) break
      old.res.end()
      this.remove(old)
    }
    set.add(client)
  }

  private write(c: Client, text: string): void {
    if (c.res.writableLength > MAX_BUFFERED) {
      c.res.destroy()
      this.remove(c)
      return
    }
    c.res.write(text)
  }

  private publishPresence(): Promise<void> {
    return this.store
      .setAgentStreams(this.agents, this.presenceTtlMs)
      .catch((err: unknown) => console.error('[presence] update failed', err))
  }

  private broadcastComment(text: string): void {
    for (const c of this.clients) if (!c.held) this.write(c, `: ${text}\n\n`)
  }

  private remove(c: Client): void {
    if (!this.clients.delete(c)) return
    if (c.kind === 'agent') {
      this.agents--
      void this.publishPresence()
    }
    if (c.userId === undefined) return
    const set = this.byUser.get(c.userId)
    set?.delete(c)
    if (set && set.size === 0) this.byUser.delete(c.userId)
  }
}

const frame = (e: StoredEvent): string => `id: ${e.id}\ndata: ${e.data}\n\n`
