import type { ServerResponse } from 'node:http'
import type { ChatEvent } from '../../src/types.js'
import { getMeta, setMeta, type Db } from './db.js'

/** Who sees an event: the owning user's streams, agent streams, or both. */
export type Audience = 'user' | 'agent' | 'both'

interface Client { kind: 'user' | 'agent'; userId: string | undefined; res: ServerResponse }

interface EventRow { id: number; data: string }

/** Slow consumers past this much unsent output are dropped; they resume with Last-Event-ID. */
const MAX_BUFFERED = 1 << 20

/**
 * Stores every ChatEvent in the `events` table (global monotonic id = SSE `id:`) and fans it out
 * to open streams. Emits made inside a request are held until `flush()` runs after the database
 * transaction committed, so a rolled-back write never reaches a client.
 */
export class EventHub {
  private readonly clients = new Set<Client>()
  private readonly byUser = new Map<string, Set<Client>>()
  private pending: Array<{ id: number; userId: string; audience: Audience; data: string }> = []
  private sinceprune = 0
  private readonly timer: NodeJS.Timeout
  private readonly insert
  private readonly replayUser
  private readonly replayAll
  private readonly maxId

  constructor(private readonly db: Db, private readonly opts: { keep: number; heartbeatMs: number; streamsPerUser?: number }) {
    this.insert = db.prepare('INSERT INTO events (user_id, audience, data, created_at) VALUES (?, ?, ?, ?)')
    this.replayUser = db.prepare<EventRow>(
      "SELECT id, data FROM events WHERE user_id = ? AND id > ? AND audience != 'agent' ORDER BY id")
    this.replayAll = db.prepare<EventRow>("SELECT id, data FROM events WHERE id > ? AND audience != 'user' ORDER BY id")
    this.maxId = db.prepare<{ id: number | null }>('SELECT MAX(id) AS id FROM events')
    this.timer = setInterval(() => this.broadcastComment('ping'), opts.heartbeatMs)
    this.timer.unref()
  }

  /** Records an event for `userId` (the owner of the conversation or ticket it is about). */
  emit(userId: string, audience: Audience, event: ChatEvent): void {
    const data = JSON.stringify(event)
    const id = Number(this.insert.run(userId, audience, data, Date.now()).lastInsertRowid)
    this.pending.push({ id, userId, audience, data })
  }

  /** Sends the events emitted since the last flush. Call after the transaction committed. */
  flush(): void {
    const batch = this.pending
    this.pending = []
    for (const e of batch) {
      const frame = `id: ${e.id}\ndata: ${e.data}\n\n`
      if (e.audience !== 'agent') for (const c of this.byUser.get(e.userId) ?? []) this.write(c, frame)
      if (e.audience !== 'user') for (const c of this.clients) if (c.kind === 'agent') this.write(c, frame)
    }
    this.sinceprune += batch.length
    if (this.sinceprune >= 500) this.prune()
  }

  /** Drops emits of a failed request (its transaction rolled back). */
  discard(): void {
    this.pending = []
  }

  /** Number of open agent streams: what availability reports as agents online. */
  agentCount(): number {
    let n = 0
    for (const c of this.clients) if (c.kind === 'agent') n++
    return n
  }

  /** Opens a stream, replays what the client missed after `lastEventId`, then goes live. */
  open(res: ServerResponse, kind: 'user' | 'agent', userId: string | undefined, lastEventId: number | undefined): void {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    })
    res.socket?.setNoDelay(true)
    res.socket?.setTimeout(0)
    let out = 'retry: 3000\n: connected\n\n'
    if (lastEventId !== undefined) {
      const prunedUpTo = Number(getMeta(this.db, 'events_pruned_upto') ?? 0)
      const latest = this.maxId.get()?.id ?? 0
      if (lastEventId < prunedUpTo || lastEventId > latest) {
        // Either the window no longer holds what they missed, or the id comes from another
        // database (server reset): tell the client to refetch instead of pretending all is well.
        out += `id: ${latest}\ndata: ${JSON.stringify({ type: 'resync' })}\n\n`
      } else {
        const rows = kind === 'agent' ? this.replayAll.all(lastEventId) : this.replayUser.all(userId, lastEventId)
        for (const r of rows) out += `id: ${r.id}\ndata: ${r.data}\n\n`
      }
    }
    res.write(out)
    const client: Client = { kind, userId, res }
    this.clients.add(client)
    if (userId !== undefined && kind === 'user') {
      let set = this.byUser.get(userId)
      if (!set) this.byUser.set(userId, (set = new Set()))
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
    res.on('close', () => this.remove(client))
  }

  /** Ends every stream (server shutdown). */
  close(): void {
    clearInterval(this.timer)
    for (const c of [...this.clients]) {
      c.res.end()
      this.remove(c)
    }
  }

  private write(c: Client, frame: string): void {
    if (c.res.writableLength > MAX_BUFFERED) {
      c.res.destroy()
      this.remove(c)
      return
    }
    c.res.write(frame)
  }

  private broadcastComment(text: string): void {
    for (const c of this.clients) this.write(c, `: ${text}\n\n`)
  }

  private remove(c: Client): void {
    this.clients.delete(c)
    if (c.userId === undefined) return
    const set = this.byUser.get(c.userId)
    set?.delete(c)
    if (set && set.size === 0) this.byUser.delete(c.userId)
  }

  private prune(): void {
    this.sinceprune = 0
    const latest = this.maxId.get()?.id ?? 0
    const cut = latest - this.opts.keep
    if (cut <= 0) return
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM events WHERE id <= ?').run(cut)
      setMeta(this.db, 'events_pruned_upto', String(cut))
    })()
  }
}
