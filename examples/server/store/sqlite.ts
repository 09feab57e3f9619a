import { getMeta, isReadOnly, openDb, setMeta, type Db } from '../db.js'
import { createRateLimiter, type RateLimiter } from '../rateLimit.js'
import { SqliteRepo } from './sqliteRepo.js'
import type { Counters, EventRow, Store, StoredEvent } from './types.js'

/**
 * The embedded store: one better-sqlite3 connection. Transactions run one at a time (a promise
 * queue), which is what SQLite does anyway with a single writer; since the repository calls are
 * synchronous underneath, a transaction never waits on I/O while it holds the queue.
 */
export class SqliteStore implements Store {
  readonly kind = 'sqlite' as const
  readonly readOnly: boolean
  readonly counters: Counters
  private queue: Promise<unknown> = Promise.resolve()
  private listeners: Array<(events: StoredEvent[]) => void> = []
  /** Writes are serial: the last committed event is the watermark. */
  private delivered: number
  private agentStreams = 0

  constructor(readonly db: Db) {
    this.readOnly = isReadOnly(db)
    this.counters = memoryCounters()
    this.delivered = db.prepare<{ id: number | null }>('SELECT MAX(id) AS id FROM events').get()?.id ?? 0
  }

  static open(path: string, options: { readOnly?: boolean } = {}): SqliteStore {
    return new SqliteStore(openDb(path, options))
  }

  /** Runs `fn` alone: no other transaction starts until it settled. */
  exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn)
    this.queue = run.catch(() => undefined)
    return run
  }

  tx<T>(fn: (repo: import('./types.js').Repo) => Promise<T>): Promise<T> {
    return this.exclusive(async () => {
      const repo = new SqliteRepo(this.db)
      this.db.exec('BEGIN')
      let result: T
      try {
        result = await fn(repo)
        this.db.exec('COMMIT')
      } catch (err) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK')
        throw err
      }
      if (repo.pending.length > 0) {
        this.delivered = repo.pending[repo.pending.length - 1]!.id
        for (const l of this.listeners) l(repo.pending)
      }
      return result
    })
  }

  async eventsAfter(
    after: number,
    upTo: number,
    userId: string | undefined,
    kind: 'user' | 'agent',
  ): Promise<EventRow[]> {
    return kind === 'agent'
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
          .all(userId, after, upTo)
  }

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

  async eventWindow(): Promise<{ latest: number; prunedUpTo: number }> {
    const latest = this.db.prepare<{ id: number | null }>('SELECT MAX(id) AS id FROM events').get()?.id ?? 0
    return { latest, prunedUpTo: Number(getMeta(this.db, 'events_pruned_upto') ?? 0) }
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
  }
}
