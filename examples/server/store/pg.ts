import postgres, { type Sql } from 'postgres'
import { migrate } from './pgMigrate.js'
import { EVENTS_CHANNEL, PgRepo } from './pgRepo.js'
import type { Counters, EventRow, Repo, Store, StoredEvent } from './types.js'

/** Full buckets older than this are deleted (they carry no information). */
const BUCKET_SWEEP_EVERY = 5000

/**
 * The Postgres store (DATABASE_URL), through `postgres` (porsager): no dependencies of its own,
 * pipelining, and LISTEN/NOTIFY with automatic re-listen built in. Several server instances may
 * share one database: each LISTENs on `hf_events`; a notification carries an event id, and the
 * instance reads every committed event up to it from the `events` table, in id order.
 */
export class PgStore implements Store {
  readonly kind = 'postgres' as const
  readonly readOnly = false
  readonly counters: Counters
  private listeners: Array<(events: StoredEvent[]) => void> = []
  /** Highest event id handed to listeners; reads continue from there. */
  private delivered = 0
  private reading: Promise<void> = Promise.resolve()
  private unlisten: (() => Promise<void>) | undefined

  private constructor(
    private readonly sql: Sql,
    private readonly attachmentsDir: string | undefined,
  ) {
    this.counters = pgCounters(sql)
  }

  static async open(url: string, options: { attachmentsDir?: string; max?: number } = {}): Promise<PgStore> {
    const sql = postgres(url, {
      max: options.max ?? 10,
      onnotice: () => {},
      // Counts and BIGINT ids fit a JS number for any realistic lifetime; the rows keep their shapes.
      types: { bigint: { to: 20, from: [20], serialize: (x: number) => String(x), parse: (x: string) => Number(x) } },
      transform: { undefined: null },
      connection: { application_name: 'help-feedback' },
    })
    try {
      await migrate(sql)
      const store = new PgStore(sql, options.attachmentsDir)
      await store.listen()
      return store
    } catch (err) {
      await sql.end({ timeout: 1 })
      throw err
    }
  }

  tx<T>(fn: (repo: Repo) => Promise<T>): Promise<T> {
    return this.sql.begin(async (tx) => {
      const repo = new PgRepo(tx, this.attachmentsDir)
      const result = await fn(repo)
      await repo.flushEvents()
      return result
    }) as Promise<T>
  }

  async eventsAfter(after: number, userId: string | undefined, kind: 'user' | 'agent'): Promise<EventRow[]> {
    return kind === 'agent'
      ? [
          ...(await this.sql<
            EventRow[]
          >`SELECT id, user_id, audience, data FROM events WHERE id > ${after} AND audience != 'user' ORDER BY id`),
        ]
      : [
          ...(await this.sql<
            EventRow[]
          >`SELECT id, user_id, audience, data FROM events WHERE user_id = ${userId ?? ''} AND id > ${after}
          AND audience != 'agent' ORDER BY id`),
        ]
  }

  async eventWindow(): Promise<{ latest: number; prunedUpTo: number }> {
    const [r] = await this.sql<
      Array<{ latest: number | null; pruned: string | null }>
    >`SELECT (SELECT MAX(id) FROM events) AS latest,
      (SELECT value FROM meta WHERE key = 'events_pruned_upto') AS pruned`
    return { latest: r?.latest ?? 0, prunedUpTo: Number(r?.pruned ?? 0) }
  }

  async pruneEvents(keep: number): Promise<void> {
    await this.sql.begin(async (tx) => {
      const [r] = await tx<Array<{ latest: number | null }>>`SELECT MAX(id) AS latest FROM events`
      const cut = (r?.latest ?? 0) - keep
      if (cut <= 0) return
      await tx`DELETE FROM events WHERE id <= ${cut}`
      await tx`INSERT INTO meta (key, value) VALUES ('events_pruned_upto', ${String(cut)})
        ON CONFLICT (key) DO UPDATE SET value = GREATEST(meta.value::bigint, excluded.value::bigint)::text`
    })
  }

  onEvents(listener: (events: StoredEvent[]) => void): void {
    this.listeners.push(listener)
  }

  async close(): Promise<void> {
    await this.unlisten?.().catch(() => undefined)
    await this.reading
    await this.sql.end({ timeout: 5 })
  }

  /** LISTEN first, then note where the table ends: every later commit is notified. */
  private async listen(): Promise<void> {
    const onNotify = (payload: string): void => {
      const upTo = Number(payload)
      if (Number.isSafeInteger(upTo) && upTo > this.delivered) this.readUpTo(upTo)
    }
    // On a reconnect of the listening connection, notifications sent meanwhile are gone: read
    // whatever committed since the last delivered id.
    let first = true
    const onListen = (): void => {
      if (first) {
        first = false
        return
      }
      this.readUpTo(Number.MAX_SAFE_INTEGER)
    }
    const { unlisten } = await this.sql.listen(EVENTS_CHANNEL, onNotify, onListen)
    this.unlisten = unlisten
    const [r] = await this.sql<Array<{ id: number | null }>>`SELECT MAX(id) AS id FROM events`
    this.delivered = r?.id ?? 0
  }

  /** Reads committed events (delivered, id] in order; reads are chained so batches never overtake. */
  private readUpTo(upTo: number): void {
    this.reading = this.reading
      .then(async () => {
        if (upTo <= this.delivered) return
        const rows = await this.sql<EventRow[]>`SELECT id, user_id, audience, data FROM events
        WHERE id > ${this.delivered} AND id <= ${upTo} ORDER BY id`
        if (rows.length === 0) return
        this.delivered = rows[rows.length - 1]!.id
        const batch = rows.map((e): StoredEvent => ({
          id: e.id,
          userId: e.user_id,
          audience: e.audience,
          data: e.data,
        }))
        for (const l of this.listeners) l(batch)
      })
      .catch((err: unknown) => console.error('[events] reading notified events failed', err))
  }
}

/**
 * Token buckets in `rate_buckets`, refilled and spent in one atomic upsert, so every instance
 * sees the same count. `ok` records whether the last take found a token.
 */
function pgCounters(sql: Sql): Counters {
  let takes = 0
  const level = (perMs: number, cap: number, now: number) =>
    sql`LEAST(${cap}::float8, rate_buckets.tokens + (${now}::float8 - rate_buckets.at) * ${perMs}::float8)`
  return {
    async take(bucket, key, perMinute, burst) {
      const cap = Math.max(1, burst)
      const perMs = perMinute / 60_000
      const now = Date.now()
      const k = `${bucket}:${key}`
      if (++takes % BUCKET_SWEEP_EVERY === 0) {
        // Bucket sizes differ; a day without a take refills any of them.
        void sql`DELETE FROM rate_buckets WHERE at < ${now - 24 * 3600_000}`.catch(() => undefined)
      }
      const [r] = await sql<Array<{ tokens: number; ok: boolean }>>`INSERT INTO rate_buckets (key, tokens, at, ok)
        VALUES (${k}, ${cap - 1}, ${now}, true)
        ON CONFLICT (key) DO UPDATE SET
          tokens = CASE WHEN ${level(perMs, cap, now)} >= 1 THEN ${level(perMs, cap, now)} - 1 ELSE ${level(perMs, cap, now)} END,
          ok = ${level(perMs, cap, now)} >= 1,
          at = ${now}
        RETURNING tokens, ok`
      if (!r || r.ok) return 0
      return Math.ceil((1 - r.tokens) / perMs)
    },
    async peek(bucket, key, perMinute, burst) {
      const cap = Math.max(1, burst)
      const perMs = perMinute / 60_000
      const now = Date.now()
      const [r] = await sql<
        Array<{ tokens: number; at: number }>
      >`SELECT tokens, at FROM rate_buckets WHERE key = ${`${bucket}:${key}`}`
      const tokens = r ? Math.min(cap, r.tokens + (now - r.at) * perMs) : cap
      return tokens >= 1 ? 0 : Math.ceil((1 - tokens) / perMs)
    },
  }
}
