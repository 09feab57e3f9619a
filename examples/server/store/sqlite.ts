import type { Statement } from 'better-sqlite3'
import { getMeta, isReadOnly, openDb, setMeta, type Db } from '../db.js'
import { createRateLimiter, type RateLimiter } from '../rateLimit.js'
import type { ConversationRow } from '../model.js'
import { reference } from '../model.js'
import {
  idemRow,
  insertEvent,
  insertIdem,
  insertMessageRow,
  nextSeqOf,
  quotaReached,
  SqliteRepo,
} from './sqliteRepo.js'
import type {
  Counters,
  EventRow,
  MessageOnce,
  MessageOnceOutcome,
  Store,
  StoredEvent,
  TicketOnce,
  TicketOnceOutcome,
} from './types.js'

const NO_EVENTS: StoredEvent[] = []

/** Requests one group commit may hold at most (it is cut earlier by the end of the loop turn). */
const MAX_BATCH = 256

/** One write transaction shared by the requests of a loop turn (group commit). */
interface Batch {
  size: number
  events: StoredEvent[]
  /** Settles once the batch committed (and its events went out) or failed. */
  done: Promise<void>
  resolve(): void
  reject(err: unknown): void
}

/**
 * The embedded store: one better-sqlite3 connection. Transactions run one at a time (a promise
 * queue), which is what SQLite does anyway with a single writer; since the repository calls are
 * synchronous underneath, a transaction never waits on I/O while it holds the queue.
 *
 * Group commit: the requests that run in one turn of the event loop share one SQLite transaction,
 * each inside its own savepoint (a failing request rolls back to it and leaves the others intact;
 * the one-step ticket create and chat send skip it, and a storage error halfway through one fails
 * its whole batch), and one COMMIT at the end of the turn (setImmediate, or after MAX_BATCH requests) makes them
 * durable together. Nobody is answered, and no event reaches a stream, before that COMMIT: a
 * request's promise settles only then, so a reply never reports a write that could still be lost.
 * A COMMIT costs about as much as all the rest of a ticket create; shared, it is paid once per turn.
 */
export class SqliteStore implements Store {
  readonly kind = 'sqlite' as const
  readonly readOnly: boolean
  readonly counters: Counters
  private queue: Promise<unknown> = Promise.resolve()
  /** Steps in `queue` not settled yet: none, and a synchronous step may run at once (`step`). */
  private queued = 0
  private listeners: Array<(events: StoredEvent[]) => void> = []
  private batch: Batch | undefined
  /** Writes are serial: the last committed event is the watermark. */
  private delivered: number
  private agentStreams = 0
  private readonly stmt: Record<
    'begin' | 'commit' | 'rollback' | 'savepoint' | 'release' | 'rollbackTo' | 'lastNumbers' | 'createTicket',
    Statement
  >
  /**
   * The numbers the next ticket and event of the open batch get, while only one-step ticket
   * creates wrote in it since they were read (any other request may insert either: then they are
   * read again). The batch holds the write lock, so nobody else can take them meanwhile.
   */
  private next: { batch: Batch; ticket: number; event: number } | undefined

  constructor(readonly db: Db) {
    this.readOnly = isReadOnly(db)
    this.counters = memoryCounters()
    const prep = (sql: string): Statement => db.prepare(sql)
    this.stmt = {
      // IMMEDIATE: the write lock is taken up front, so a second process on the same file waits
      // (busy_timeout) instead of failing the whole batch with SQLITE_BUSY when it upgrades.
      begin: prep(this.readOnly ? 'BEGIN' : 'BEGIN IMMEDIATE'),
      commit: prep('COMMIT'),
      rollback: prep('ROLLBACK'),
      savepoint: prep('SAVEPOINT request'),
      release: prep('RELEASE request'),
      rollbackTo: prep('ROLLBACK TO request'),
      // What AUTOINCREMENT would give next: one past the larger of the last number ever taken and
      // the largest in the table.
      lastNumbers: prep(`SELECT
        MAX(COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'tickets'), 0), COALESCE((SELECT MAX(n) FROM tickets), 0)) AS ticket,
        MAX(COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'events'), 0), COALESCE((SELECT MAX(id) FROM events), 0)) AS event`),
      // OR ROLLBACK: a conflict ends the transaction instead of undoing the statement alone, so
      // SQLite keeps no statement journal; a failed one-step create fails its batch anyway.
      createTicket: prep(
        'INSERT OR ROLLBACK INTO ticket_create VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ),
    }
    this.delivered = db.prepare<{ id: number | null }>('SELECT MAX(id) AS id FROM events').get()?.id ?? 0
  }

  static open(path: string, options: { readOnly?: boolean } = {}): SqliteStore {
    return new SqliteStore(openDb(path, options))
  }

  /** Runs `fn` alone: no other transaction starts until it settled. An open batch commits first. */
  exclusive<T>(fn: () => Promise<T>): Promise<T> {
    return this.serial(() => {
      this.commitBatch()
      this.next = undefined
      return fn()
    })
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    this.queued++
    const run = this.queue.then(fn, fn)
    const settled = (): void => void this.queued--
    this.queue = run.then(settled, settled)
    return run
  }

  tx<T>(fn: (repo: import('./types.js').Repo) => Promise<T>): Promise<T> {
    return this.request(async () => {
      this.next = undefined
      const repo = new SqliteRepo(this.db)
      return { result: await fn(repo), events: repo.pending }
    })
  }

  /**
   * POST /v1/tickets without attachments as one synchronous step of the batch: the checks the
   * handler's transaction makes (idempotency lookup, quota) in the same order and with the same
   * outcomes, then its four writes (ticket, history entry, event, idempotency record) as one
   * statement (the `ticket_create` view), without a repository object and a promise per
   * statement, and without a savepoint: every check comes before the first write (see `request`).
   */
  createTicketOnce({ idem, ticket: t, quota, head, tail }: TicketOnce): Promise<TicketOnceOutcome> {
    return this.step<TicketOnceOutcome>(() => {
      const stored = idemRow(this.db, idem.scope, idem.key)
      if (stored) return { result: { outcome: 'stored', row: stored }, events: NO_EVENTS }
      const limitedBy = quotaReached(this.db, t.userId, quota)
      if (limitedBy !== undefined) return { result: { outcome: 'limited', limitedBy }, events: NO_EVENTS }
      const next = this.nextNumbers()
      const n = next.ticket
      const text = `${head}${reference('HF', n)}${tail}`
      const at = Date.now()
      this.stmt.createTicket.run(
        n,
        t.id,
        t.userId,
        t.priority,
        t.category,
        t.subject,
        t.description,
        t.fields,
        t.txn,
        t.attachments,
        t.locale,
        t.diagnostics,
        t.now,
        next.event,
        at,
        idem.scope,
        idem.key,
        idem.fingerprint,
        text,
        idem.at,
      )
      const event: StoredEvent = {
        id: next.event,
        userId: t.userId,
        audience: 'both',
        data: `{"type":"ticket","ticket":${text}}`,
      }
      next.ticket++
      next.event++
      return { result: { outcome: 'created', n, text }, events: [event] }
    })
  }

  /** `next` for the open batch, read if it is not known. */
  private nextNumbers(): { ticket: number; event: number } {
    const batch = this.batch as Batch
    if (this.next?.batch === batch) return this.next
    const last = this.stmt.lastNumbers.get() as { ticket: number; event: number }
    this.next = { batch, ticket: last.ticket + 1, event: last.event + 1 }
    return this.next
  }

  /** A user's message without attachments as one synchronous step of the batch, like `createTicketOnce`. */
  sendMessageOnce({ idem, userId, message: m, head, tail }: MessageOnce): Promise<MessageOnceOutcome> {
    return this.step<MessageOnceOutcome>(() => {
      this.next = undefined
      const stored = idemRow(this.db, idem.scope, idem.key)
      if (stored) return { result: { outcome: 'stored', row: stored }, events: NO_EVENTS }
      const conv = this.db.prepare<ConversationRow>('SELECT * FROM conversations WHERE id = ?').get(m.conversation_id)
      if (!conv || conv.user_id !== userId) return { result: { outcome: 'not_found' }, events: NO_EVENTS }
      if (conv.status === 'ended') return { result: { outcome: 'ended' }, events: NO_EVENTS }
      const seq = nextSeqOf(this.db, m.conversation_id, m.created_at)
      insertMessageRow(this.db, { ...m, seq })
      const text = `${head}${seq}${tail}`
      const event = insertEvent(this.db, userId, 'both', `{"type":"message","message":${text}}`)
      insertIdem(this.db, idem.scope, idem.key, idem.fingerprint, 201, text, idem.at)
      return { result: { outcome: 'created', seq, text }, events: [event] }
    })
  }

  /**
   * One request in the open batch (opened if none). With `savepoint` (a handler: it may throw
   * after writing, e.g. a 409 or a 400) it runs inside its own savepoint and a failure undoes its
   * writes alone. Without (the one-step create and send: they decide everything before their
   * first write, so only a storage error can stop them halfway) it saves the savepoint's cost, a
   * copy of every page it touches; if it fails, the whole batch rolls back and every request in it
   * learns so: nothing half-done is ever committed. Settles once the batch committed, so nobody
   * learns of a write that could still be lost.
   */
  private request<T>(
    run: () => { result: T; events: StoredEvent[] } | Promise<{ result: T; events: StoredEvent[] }>,
    savepoint = true,
  ): Promise<T> {
    const step = this.serial(async (): Promise<{ result: T; done: Promise<void> }> => {
      const batch = this.batch ?? this.openBatch()
      if (savepoint) this.stmt.savepoint.run()
      let out: { result: T; events: StoredEvent[] }
      try {
        out = await run()
        if (savepoint) this.stmt.release.run()
      } catch (err) {
        if (savepoint && this.db.inTransaction && this.batch === batch) {
          this.stmt.rollbackTo.run()
          this.stmt.release.run()
        } else {
          // No savepoint to return to, or SQLite rolled the whole transaction back (I/O error,
          // disk full…): the requests before this one in the batch are lost with it, and learn so
          // instead of a success.
          this.failBatch(batch, err)
        }
        throw err
      }
      batch.size++
      for (const e of out.events) batch.events.push(e)
      if (batch.size >= MAX_BATCH) this.commitBatch()
      return { result: out.result, done: batch.done }
    })
    return step.then(async ({ result, done }) => {
      await done
      return result
    })
  }

  /**
   * A synchronous step without a savepoint (the one-step create and send), as `request` runs it;
   * while nothing is queued it runs at once instead of behind the queue's promises: it would be
   * the next step anyway, so the order of the steps is the same.
   */
  private step<T>(run: () => { result: T; events: StoredEvent[] }): Promise<T> {
    if (this.queued > 0) return this.request(run, false)
    let batch: Batch | undefined
    let out: { result: T; events: StoredEvent[] }
    try {
      batch = this.batch ?? this.openBatch()
      out = run()
    } catch (err) {
      if (batch) this.failBatch(batch, err)
      return Promise.reject(err)
    }
    batch.size++
    for (const e of out.events) batch.events.push(e)
    if (batch.size >= MAX_BATCH) this.commitBatch()
    return batch.done.then(() => out.result)
  }

  private openBatch(): Batch {
    let resolve!: () => void
    let reject!: (err: unknown) => void
    const done = new Promise<void>((res, rej) => {
      resolve = res
      reject = rej
    })
    // Awaited by every member; this only keeps an unobserved failure from being reported twice.
    done.catch(() => undefined)
    const batch: Batch = { size: 0, events: [], done, resolve, reject }
    this.stmt.begin.run()
    this.batch = batch
    // After the I/O callbacks of this turn ran (every request that arrived joined), in queue order.
    setImmediate(() => void this.serial(async () => this.batch === batch && this.commitBatch()))
    return batch
  }

  /** Commits the open batch (if any), then hands its events to streams and releases its requests. */
  private commitBatch(): void {
    const batch = this.batch
    if (!batch) return
    this.batch = undefined
    try {
      this.stmt.commit.run()
    } catch (err) {
      this.batch = batch
      this.failBatch(batch, err)
      return
    }
    if (batch.events.length > 0) {
      this.delivered = batch.events[batch.events.length - 1]!.id
      for (const l of this.listeners) l(batch.events)
    }
    batch.resolve()
  }

  private failBatch(batch: Batch, err: unknown): void {
    if (this.batch === batch) this.batch = undefined
    if (this.db.inTransaction) this.stmt.rollback.run()
    batch.reject(err)
  }

  /** Read once the open batch committed, so a replay never shows an event that could still roll back. */
  eventsAfter(after: number, upTo: number, userId: string | undefined, kind: 'user' | 'agent'): Promise<EventRow[]> {
    return this.exclusive(async () =>
      kind === 'agent'
        ? this.db
            .prepare<EventRow>(
              "SELECT id, user_id, audience, data FROM events WHERE id > ? AND id <= ? AND audience != 'user' ORDER BY id",
            )
            .all(after, upTo)
        : this.db
            .prepare<EventRow>(
              `SELECT id, user_id, audience, data FROM events WHERE user_id = ? AND id > ? AND id <= ?
              AND audience != 'agent' ORDER BY id`,
            )
            .all(userId, after, upTo),
    )
  }

  /** The last event of the last committed batch: everything up to it is durable and delivered. */
  deliveredUpTo(): number {
    return this.delivered
  }

  /** One process: the count is exact, no expiry needed. */
  async setAgentStreams(streams: number): Promise<void> {
    this.agentStreams = streams
  }

  async agentsOnline(): Promise<number> {
    return this.agentStreams
  }

  eventWindow(): Promise<{ latest: number; prunedUpTo: number }> {
    return this.exclusive(async () => {
      const latest = this.db.prepare<{ id: number | null }>('SELECT MAX(id) AS id FROM events').get()?.id ?? 0
      return { latest, prunedUpTo: Number(getMeta(this.db, 'events_pruned_upto') ?? 0) }
    })
  }

  pruneEvents(keep: number): Promise<void> {
    return this.exclusive(async () => {
      const latest = this.db.prepare<{ id: number | null }>('SELECT MAX(id) AS id FROM events').get()?.id ?? 0
      const cut = latest - keep
      if (cut <= 0) return
      this.db.transaction(() => {
        this.db.prepare('DELETE FROM events WHERE id <= ?').run(cut)
        setMeta(this.db, 'events_pruned_upto', String(cut))
      })()
    })
  }

  onEvents(listener: (events: StoredEvent[]) => void): void {
    this.listeners.push(listener)
  }

  async close(): Promise<void> {
    await this.exclusive(async () => undefined).catch(() => undefined)
    await this.queue
    this.db.close()
  }
}

/** In-process token buckets: right for one process; Postgres shares them between instances. */
export function memoryCounters(): Counters {
  const buckets = new Map<string, RateLimiter>()
  const get = (bucket: string, perMinute: number, burst: number): RateLimiter => {
    const name = `${bucket}/${perMinute}/${burst}`
    let l = buckets.get(name)
    if (!l) buckets.set(name, (l = createRateLimiter({ perMinute, burst })))
    return l
  }
  return {
    take: async (bucket, key, perMinute, burst) => get(bucket, perMinute, burst).take(key),
    peek: async (bucket, key, perMinute, burst) => get(bucket, perMinute, burst).peek(key),
    peekThenTake: async (p, t) => {
      const blocked = get(p.bucket, p.perMinute, p.burst).peek(p.key)
      return { blocked, wait: blocked > 0 ? 0 : get(t.bucket, t.perMinute, t.burst).take(t.key) }
    },
    local: get,
  }
}
