import { randomUUID } from 'node:crypto'
import postgres, { type Sql } from 'postgres'
import { migrate } from './pgMigrate.js'
import { EVENTS_CHANNEL, PgRepo, USER_LOCK_SPACE } from './pgRepo.js'
import type {
  Counters,
  EventRow,
  MessageOnce,
  MessageOnceOutcome,
  Repo,
  Store,
  StoredEvent,
  TicketOnce,
  TicketOnceOutcome,
} from './types.js'

/** Full buckets older than this are deleted (they carry no information). */
const BUCKET_SWEEP_EVERY = 5000

/** Longest pause between two checks of whether the transactions holding lower event ids ended. */
const MAX_POLL_MS = 50

/**
 * The Postgres store (DATABASE_URL), through `postgres` (porsager): no dependencies of its own,
 * pipelining, and LISTEN/NOTIFY with automatic re-listen built in. Several server instances may
 * share one database: each LISTENs on `hf_events`; a notification wakes the instance's reader.
 *
 * Event ids come from a sequence and may commit out of order (writers take no common lock), so
 * the reader delivers up to a watermark, the classic bigserial gap fix: it reads the sequence's
 * last value L, then takes an xid N of its own (every writer took its xid before its ids, so
 * every transaction that may still hold an id ≤ L has an xid < N), and waits until the oldest
 * transaction still running is not older than N (`pg_snapshot_xmin(pg_current_snapshot()) >= N`).
 * Then every id ≤ L has committed or never will: it reads them in order and moves on to L.
 * A transaction left open holds delivery back (everywhere) until it ends; none skips an event.
 */
export class PgStore implements Store {
  readonly kind = 'postgres' as const
  readonly readOnly = false
  readonly counters: Counters
  private listeners: Array<(events: StoredEvent[]) => void> = []
  /** Highest event id handed to listeners (the watermark); reads continue from there. */
  private delivered = 0
  /** Set by a notification; the reader runs while set. */
  private wanted = false
  private reading: Promise<void> = Promise.resolve()
  private running = false
  private closed = false
  private unlisten: (() => Promise<void>) | undefined
  /** This process's row in `agent_presence`. */
  private readonly instance = randomUUID()
  private presence: Promise<void> = Promise.resolve()

  private constructor(
    private readonly sql: Sql,
    /**
     * The event reader's own connection: its watermark polls and reads do not queue behind the
     * requests' transactions in the pool (under load that queue, not the watermark, was the delay).
     */
    private readonly reader: Sql,
    private readonly attachmentsDir: string | undefined,
  ) {
    this.counters = pgCounters(sql)
  }

  static async open(url: string, options: { attachmentsDir?: string; max?: number } = {}): Promise<PgStore> {
    const connect = (max: number): Sql =>
      postgres(url, {
        max,
        onnotice: () => {},
        // Counts and BIGINT ids fit a JS number for any realistic lifetime; the rows keep their shapes.
        types: { bigint: { to: 20, from: [20], serialize: (x: number) => String(x), parse: (x: string) => Number(x) } },
        transform: { undefined: null },
        connection: { application_name: 'help-feedback' },
      })
    const sql = connect(options.max ?? 10)
    const reader = connect(1)
    try {
      await migrate(sql)
      const store = new PgStore(sql, reader, options.attachmentsDir)
      await store.listen()
      return store
    } catch (err) {
      await Promise.all([sql.end({ timeout: 1 }), reader.end({ timeout: 1 })])
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

  /**
   * One round trip instead of six (BEGIN, claim, lock + ticket, events + idempotency record,
   * COMMIT, and their waits): the steps run inside `hf_create_ticket` (migration 005) as one
   * autocommitted statement.
   */
  async createTicketOnce({ idem, ticket: t, quota, head, tail }: TicketOnce): Promise<TicketOnceOutcome> {
    const [r] = await this.sql<
      Array<{ outcome: string; status: number; body: string; fingerprint: string | null; n: number | null }>
    >`SELECT outcome, status, body, fingerprint, n FROM hf_create_ticket(${idem.scope}, ${idem.key}, ${idem.fingerprint},
      ${idem.at}, ${USER_LOCK_SPACE}, ${quota?.since ?? null}, ${quota?.max ?? null}, ${t.id}, ${t.userId},
      ${t.priority}, ${t.category}, ${t.subject}, ${t.description}, ${t.fields}, ${t.txn}, ${t.attachments},
      ${t.locale}, ${t.diagnostics}, ${t.now}, ${head}, ${tail}, ${`{"type":"ticket","ticket":${head}`}, ${`${tail}}`},
      ${EVENTS_CHANNEL})`
    if (!r) throw new Error('hf_create_ticket returned no row')
    if (r.outcome === 'stored')
      return { outcome: 'stored', row: { status: r.status, body: r.body, fingerprint: r.fingerprint ?? '' } }
    if (r.outcome === 'limited') return { outcome: 'limited', limitedBy: r.body }
    return { outcome: 'created', n: r.n ?? 0, text: r.body }
  }

  /** A user's message in one round trip: `hf_send_message` (migration 006), like `createTicketOnce`. */
  async sendMessageOnce({ idem, userId, message: m, head, tail }: MessageOnce): Promise<MessageOnceOutcome> {
    const [r] = await this.sql<
      Array<{ outcome: string; status: number; body: string; fingerprint: string | null; seq: number | null }>
    >`SELECT outcome, status, body, fingerprint, seq FROM hf_send_message(${idem.scope}, ${idem.key},
      ${idem.fingerprint}, ${idem.at}, ${m.conversation_id}, ${userId}, ${m.id}, ${m.client_id}, ${m.author},
      ${m.kind}, ${m.text}, ${m.attachments}, ${m.txn}, ${m.created_at}, ${head}, ${tail},
      ${`{"type":"message","message":${head}`}, ${`${tail}}`}, ${EVENTS_CHANNEL})`
    if (!r) throw new Error('hf_send_message returned no row')
    if (r.outcome === 'stored')
      return { outcome: 'stored', row: { status: r.status, body: r.body, fingerprint: r.fingerprint ?? '' } }
    if (r.outcome === 'not_found') return { outcome: 'not_found' }
    if (r.outcome === 'ended') return { outcome: 'ended' }
    return { outcome: 'created', seq: r.seq ?? 0, text: r.body }
  }

  async eventsAfter(
    after: number,
    upTo: number,
    userId: string | undefined,
    kind: 'user' | 'agent',
  ): Promise<EventRow[]> {
    return kind === 'agent'
      ? [
          ...(await this.sql<EventRow[]>`SELECT id, user_id, audience, data FROM events
          WHERE id > ${after} AND id <= ${upTo} AND audience != 'user' ORDER BY id`),
        ]
      : [
          ...(await this.sql<EventRow[]>`SELECT id, user_id, audience, data FROM events
          WHERE user_id = ${userId ?? ''} AND id > ${after} AND id <= ${upTo} AND audience != 'agent' ORDER BY id`),
        ]
  }

  deliveredUpTo(): number {
    return this.delivered
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

  /** Upserts this instance's row; writes are chained, so the last count written is the last one set. */
  setAgentStreams(streams: number, ttlMs: number): Promise<void> {
    const write = async (): Promise<void> => {
      if (this.closed) return
      await this.sql`INSERT INTO agent_presence (instance, streams, expires_at)
        VALUES (${this.instance}, ${streams}, now() + ${ttlMs} * interval '1 millisecond')
        ON CONFLICT (instance) DO UPDATE SET streams = excluded.streams, expires_at = excluded.expires_at`
    }
    const run = this.presence.then(write, write)
    this.presence = run.catch((err: unknown) => console.error('[presence] write failed', err))
    return run
  }

  /** Live rows only (the database's clock decides, so instances' clocks need not agree). */
  async agentsOnline(): Promise<number> {
    const [r] = await this.sql<Array<{ n: number }>>`SELECT COALESCE(SUM(streams), 0)::int AS n
      FROM agent_presence WHERE expires_at > now()`
    return r?.n ?? 0
  }

  async close(): Promise<void> {
    await this.presence
    this.closed = true
    await this.sql`DELETE FROM agent_presence WHERE instance = ${this.instance}`.catch(() => undefined)
    await this.unlisten?.().catch(() => undefined)
    await this.reading
    await Promise.all([this.sql.end({ timeout: 5 }), this.reader.end({ timeout: 5 })])
  }

  /** LISTEN first, then find the watermark: every later commit is notified. */
  private async listen(): Promise<void> {
    // On a reconnect of the listening connection, notifications sent meanwhile are gone: read
    // whatever committed since the last delivered id (the first call is the initial LISTEN).
    let first = true
    const onListen = (): void => {
      if (first) first = false
      else this.wake()
    }
    const { unlisten } = await this.sql.listen(EVENTS_CHANNEL, () => this.wake(), onListen)
    this.unlisten = unlisten
    // Streams opened from now on resume up to here; nothing below it is handed to listeners.
    this.delivered = (await this.safeHorizon()) ?? 0
  }

  /** Starts the reader unless it runs; a running reader goes round once more. */
  private wake(): void {
    this.wanted = true
    if (this.running) return
    this.running = true
    this.reading = this.read()
  }

  private async read(): Promise<void> {
    try {
      await this.readWhileWanted()
    } finally {
      // Same tick as the loop's last check: a notification after it starts a new reader.
      this.running = false
    }
  }

  private async readWhileWanted(): Promise<void> {
    while (this.wanted && !this.closed) {
      this.wanted = false
      try {
        const { upTo, n } = await this.horizonCandidate()
        if (upTo <= this.delivered) continue
        const rows = await this.readWhenSafe(n, upTo)
        if (rows === undefined) return
        this.delivered = upTo
        if (rows.length === 0) continue
        const batch = rows.map((e): StoredEvent => ({
          id: e.id,
          userId: e.user_id,
          audience: e.audience,
          data: e.data,
        }))
        for (const l of this.listeners) l(batch)
      } catch (err) {
        if (this.closed) return
        console.error('[events] reading committed events failed; retrying', err)
        this.wanted = true
        await sleep(1000)
      }
    }
  }

  /**
   * The highest event id at or below which every id has committed or never will. L = the
   * sequence's last value, then N = a fresh xid (separate statements of one implicit
   * transaction, in this order); then wait until no transaction older than N runs.
   */
  private async safeHorizon(): Promise<number | undefined> {
    const { upTo, n } = await this.horizonCandidate()
    for (let pause = 1; !this.closed; pause = Math.min(MAX_POLL_MS, pause * 2)) {
      const [r] = await this.reader<
        Array<{ ok: boolean }>
      >`SELECT pg_snapshot_xmin(pg_current_snapshot()) >= ${n}::xid8 AS ok`
      if (r?.ok) return upTo
      await sleep(pause)
    }
    return undefined
  }

  /** L and N of `safeHorizon`, before the wait. */
  private async horizonCandidate(): Promise<{ upTo: number; n: string }> {
    const [seq, xid] = (await this.reader
      .unsafe(
        `SELECT COALESCE(pg_sequence_last_value(pg_get_serial_sequence('events', 'id')::regclass), 0) AS l;
        SELECT pg_current_xact_id()::text AS n`,
      )
      .simple()) as unknown as [Array<{ l: string | number }>, Array<{ n: string }>]
    return { upTo: Number(seq[0]?.l ?? 0), n: xid[0]?.n ?? '0' }
  }

  /**
   * The wait of `safeHorizon` and the read of the events up to `upTo` in one statement: its
   * snapshot is the one whose xmin is tested, so when no transaction older than N runs in it,
   * every id up to `upTo` that committed is visible to the same read. Undefined once closed.
   */
  private async readWhenSafe(n: string, upTo: number): Promise<EventRow[] | undefined> {
    for (let pause = 1; !this.closed; pause = Math.min(MAX_POLL_MS, pause * 2)) {
      const rows = await this.reader<Array<{ safe: boolean } & (EventRow | { [K in keyof EventRow]: null })>>`
        SELECT w.safe, e.id, e.user_id, e.audience, e.data
        FROM (SELECT pg_snapshot_xmin(pg_current_snapshot()) >= ${n}::xid8 AS safe) AS w
        LEFT JOIN events e ON w.safe AND e.id > ${this.delivered} AND e.id <= ${upTo}
        ORDER BY e.id`
      if (rows[0]?.safe) return rows.filter((r): r is { safe: boolean } & EventRow => r.id !== null)
      await sleep(pause)
    }
    return undefined
  }
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

/**
 * Token buckets in `rate_buckets`, refilled and spent in one atomic upsert, so every instance
 * sees the same count. `ok` records whether the last take found a token.
 */
function pgCounters(sql: Sql): Counters {
  let takes = 0
  const level = (perMs: number, cap: number, now: number) =>
    sql`LEAST(${cap}::float8, rate_buckets.tokens + (${now}::float8 - rate_buckets.at) * ${perMs}::float8)`
  const sweep = (now: number): void => {
    if (++takes % BUCKET_SWEEP_EVERY === 0) {
      // Bucket sizes differ; a day without a take refills any of them.
      void sql`DELETE FROM rate_buckets WHERE at < ${now - 24 * 3600_000}`.catch(() => undefined)
    }
  }
  return {
    async take(bucket, key, perMinute, burst) {
      const cap = Math.max(1, burst)
      const perMs = perMinute / 60_000
      const now = Date.now()
      const k = `${bucket}:${key}`
      sweep(now)
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
    async peekThenTake(p, t) {
      const pCap = Math.max(1, p.burst)
      const pPerMs = p.perMinute / 60_000
      const tCap = Math.max(1, t.burst)
      const tPerMs = t.perMinute / 60_000
      const now = Date.now()
      const k = `${t.bucket}:${t.key}`
      sweep(now)
      const [r] = await sql<
        Array<{ p_tokens: number | null; p_at: number | null; tokens: number | null; ok: boolean | null }>
      >`WITH p AS (SELECT tokens, at FROM rate_buckets WHERE key = ${`${p.bucket}:${p.key}`}),
        t AS (INSERT INTO rate_buckets (key, tokens, at, ok)
          SELECT ${k}, ${tCap - 1}, ${now}, true
          WHERE COALESCE((SELECT LEAST(${pCap}::float8, tokens + (${now}::float8 - at) * ${pPerMs}::float8) FROM p), ${pCap}::float8) >= 1
          ON CONFLICT (key) DO UPDATE SET
            tokens = CASE WHEN ${level(tPerMs, tCap, now)} >= 1 THEN ${level(tPerMs, tCap, now)} - 1 ELSE ${level(tPerMs, tCap, now)} END,
            ok = ${level(tPerMs, tCap, now)} >= 1,
            at = ${now}
          RETURNING tokens, ok)
        SELECT p.tokens AS p_tokens, p.at AS p_at, t.tokens, t.ok
        FROM (SELECT 1) AS one LEFT JOIN p ON true LEFT JOIN t ON true`
      const pTokens = r?.p_tokens == null ? pCap : Math.min(pCap, r.p_tokens + (now - (r.p_at ?? now)) * pPerMs)
      if (pTokens < 1) return { blocked: Math.ceil((1 - pTokens) / pPerMs), wait: 0 }
      if (!r || r.ok !== false) return { blocked: 0, wait: 0 }
      return { blocked: 0, wait: Math.ceil((1 - (r.tokens ?? 0)) / tPerMs) }
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
