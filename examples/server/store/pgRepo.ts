import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { TransactionSql } from 'postgres'
import type { Article, ChatEvent } from '../../../src/types.js'
import type { CommentRow, ConversationRow, HistoryRow, MessageRow, TicketRow } from '../model.js'
import type {
  ArticleRow,
  AttachmentMeta,
  AttachmentRow,
  Audience,
  IdemRow,
  ListQuery,
  NewTicket,
  Repo,
} from './types.js'

/** NOTIFY channel of committed events; the payload is the event id. */
export const EVENTS_CHANNEL = 'hf_events'
/** Advisory lock key space of per-user quota checks (pg_advisory_xact_lock). */
export const USER_LOCK_SPACE = 0x4846

/**
 * The Postgres repository: one transaction (`sql.begin`) per request. Statements mirror the
 * SQLite ones; where concurrency between instances matters the method says how it is handled.
 */
export class PgRepo implements Repo {
  private events: Array<{ userId: string; audience: Audience; data: string }> = []
  private idemResult: { scope: string; key: string; status: number; body: string } | undefined
  constructor(
    private readonly sql: TransactionSql,
    private readonly attachmentsDir: string | undefined,
  ) {}

  async upsertUser(
    id: string,
    name: string | null,
    email: string | null,
    attributes: string | null,
    now: string,
  ): Promise<void> {
    await this
      .sql`INSERT INTO users (id, name, email, attributes, created_at, updated_at) VALUES (${id}, ${name}, ${email}, ${attributes}, ${now}, ${now})
      ON CONFLICT (id) DO UPDATE SET name = COALESCE(excluded.name, users.name), email = COALESCE(excluded.email, users.email),
      attributes = COALESCE(excluded.attributes, users.attributes), updated_at = excluded.updated_at`
  }
  async insertUserIfMissing(id: string, name: string, email: string, now: string): Promise<void> {
    await this
      .sql`INSERT INTO users (id, name, email, created_at, updated_at) VALUES (${id}, ${name}, ${email}, ${now}, ${now}) ON CONFLICT (id) DO NOTHING`
  }
  async user(id: string): Promise<{ name: string | null; email: string | null } | undefined> {
    return (
      await this.sql<
        Array<{ name: string | null; email: string | null }>
      >`SELECT name, email FROM users WHERE id = ${id}`
    )[0]
  }

  async articleLocales(): Promise<string[]> {
    return (await this.sql<Array<{ locale: string }>>`SELECT DISTINCT locale FROM articles ORDER BY locale`).map(
      (r) => r.locale,
    )
  }
  async articlesIn(locale: string): Promise<ArticleRow[]> {
    return [
      ...(await this.sql<
        ArticleRow[]
      >`SELECT * FROM articles WHERE locale = ${locale} ORDER BY popularity DESC, title`),
    ]
  }
  async article(id: string, locale: string): Promise<ArticleRow | undefined> {
    return (await this.sql<ArticleRow[]>`SELECT * FROM articles WHERE id = ${id} AND locale = ${locale}`)[0]
  }
  async anyArticle(id: string): Promise<ArticleRow | undefined> {
    return (await this.sql<ArticleRow[]>`SELECT * FROM articles WHERE id = ${id} ORDER BY locale LIMIT 1`)[0]
  }
  async voteArticle(id: string, helpful: boolean): Promise<boolean> {
    const r = helpful
      ? await this.sql`UPDATE articles SET helpful = helpful + 1, popularity = popularity + 1 WHERE id = ${id}`
      : await this.sql`UPDATE articles SET unhelpful = unhelpful + 1 WHERE id = ${id}`
    return r.count > 0
  }
  async upsertArticles(articles: Article[], now: string): Promise<void> {
    for (const a of articles) {
      await this.sql`INSERT INTO articles (id, locale, title, body, tags, category, updated_at, popularity)
        VALUES (${a.id}, ${a.locale}, ${a.title}, ${a.body}, ${JSON.stringify(a.tags)}, ${a.category ?? null}, ${a.updatedAt ?? now}, ${a.popularity ?? 0})
        ON CONFLICT (id, locale) DO UPDATE SET title = excluded.title, body = excluded.body, tags = excluded.tags,
        category = excluded.category, updated_at = excluded.updated_at, popularity = GREATEST(articles.popularity, excluded.popularity)`
    }
  }

  /**
   * Two statements pipelined (one round trip): the user's lock, then the quota check, the ticket
   * and its history entry in one statement. That statement starts (and takes its snapshot) only
   * once the lock is held, so it sees every ticket a concurrent request of this user committed.
   */
  async createTicket(
    t: NewTicket,
    quota: { since: string; max: number } | undefined,
  ): Promise<{ row: TicketRow; limitedBy?: undefined } | { row?: undefined; limitedBy: string }> {
    const recent = quota
      ? this.sql`SELECT created_at FROM tickets WHERE user_id = ${t.userId} AND created_at >= ${quota.since}
        ORDER BY created_at DESC LIMIT 1 OFFSET ${quota.max - 1}`
      : this.sql`SELECT NULL::text AS created_at WHERE false`
    const insert = this.sql<Array<TicketRow & { limited_by: string | null }>>`WITH recent AS (${recent}),
      t AS (INSERT INTO tickets (id, user_id, status, priority, category, subject, description, fields, txn,
          attachments, locale, diagnostics, created_at, updated_at)
        SELECT ${t.id}, ${t.userId}, 'new', ${t.priority}, ${t.category}, ${t.subject}, ${t.description}, ${t.fields},
          ${t.txn}, ${t.attachments}, ${t.locale}, ${t.diagnostics}, ${t.now}, ${t.now}
        WHERE NOT EXISTS (SELECT 1 FROM recent) RETURNING *),
      h AS (INSERT INTO ticket_history (ticket_id, status, note, at) SELECT id, 'new', NULL, created_at FROM t)
      SELECT t.*, (SELECT created_at FROM recent) AS limited_by FROM (SELECT 1) AS one LEFT JOIN t ON true`
    // Sent in this order on the transaction's connection (execute() queues them now).
    const lock = quota
      ? this.sql`SELECT pg_advisory_xact_lock(${USER_LOCK_SPACE}, hashtext(${t.userId}))`.execute()
      : undefined
    const [, rows] = await Promise.all([lock, insert.execute()])
    const r = rows[0]
    if (!r || r.limited_by !== null) return { limitedBy: r?.limited_by ?? t.now }
    const { limited_by: _, ...row } = r
    return { row }
  }
  async ticket(id: string): Promise<TicketRow | undefined> {
    return (await this.sql<TicketRow[]>`SELECT * FROM tickets WHERE id = ${id}`)[0]
  }
  async ticketsOf(userId: string): Promise<TicketRow[]> {
    return [
      ...(await this.sql<
        TicketRow[]
      >`SELECT * FROM tickets WHERE user_id = ${userId} ORDER BY updated_at DESC, n DESC`),
    ]
  }
  async recentTicketTimes(userId: string, since: string, max: number): Promise<string[]> {
    return (
      await this.sql<
        Array<{ created_at: string }>
      >`SELECT created_at FROM tickets WHERE user_id = ${userId} AND created_at >= ${since}
      ORDER BY created_at DESC LIMIT ${max}`
    ).map((r) => r.created_at)
  }
  async comments(ticketId: string): Promise<CommentRow[]> {
    return [...(await this.sql<CommentRow[]>`SELECT * FROM ticket_comments WHERE ticket_id = ${ticketId} ORDER BY n`)]
  }
  async history(ticketId: string): Promise<HistoryRow[]> {
    return [
      ...(await this.sql<
        HistoryRow[]
      >`SELECT status, note, at FROM ticket_history WHERE ticket_id = ${ticketId} ORDER BY n`),
    ]
  }
  async insertHistory(ticketId: string, status: string, note: string | null, at: string): Promise<void> {
    await this
      .sql`INSERT INTO ticket_history (ticket_id, status, note, at) VALUES (${ticketId}, ${status}, ${note}, ${at})`
  }
  async setTicketStatus(id: string, status: string, at: string): Promise<void> {
    await this.sql`UPDATE tickets SET status = ${status}, updated_at = ${at} WHERE id = ${id}`
  }
  async touchTicket(id: string, at: string): Promise<void> {
    await this.sql`UPDATE tickets SET updated_at = ${at} WHERE id = ${id}`
  }
  async insertComment(r: CommentRow): Promise<void> {
    await this.sql`INSERT INTO ticket_comments (id, ticket_id, author, author_name, body, attachments, created_at)
      VALUES (${r.id}, ${r.ticket_id}, ${r.author}, ${r.author_name}, ${r.body}, ${r.attachments}, ${r.created_at})`
  }
  async escalateTicket(id: string, priority: string): Promise<void> {
    await this.sql`UPDATE tickets SET escalated = 1, priority = ${priority} WHERE id = ${id}`
  }
  async rateTicket(id: string, score: number, comment: string | null): Promise<void> {
    await this.sql`UPDATE tickets SET rating_score = ${score}, rating_comment = ${comment} WHERE id = ${id}`
  }
  async agentTickets(q: ListQuery): Promise<TicketRow[]> {
    return [
      ...(await this.sql<TicketRow[]>`SELECT * FROM tickets
      WHERE (${q.status}::text IS NULL OR status = ${q.status}) AND (${q.category}::text IS NULL OR category = ${q.category})
      ORDER BY CASE priority WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 WHEN 'normal' THEN 2 ELSE 3 END, updated_at DESC, n DESC
      LIMIT ${q.limit} OFFSET ${q.offset}`),
    ]
  }

  async openConversations(userId: string, limit: number): Promise<ConversationRow[]> {
    return [
      ...(await this.sql<
        ConversationRow[]
      >`SELECT * FROM conversations WHERE user_id = ${userId} AND status != 'ended' ORDER BY n DESC LIMIT ${limit}`),
    ]
  }
  async insertConversation(id: string, userId: string, locale: string, now: string): Promise<void> {
    await this
      .sql`INSERT INTO conversations (id, user_id, status, locale, created_at, updated_at) VALUES (${id}, ${userId}, 'queued', ${locale}, ${now}, ${now})`
  }
  async conversation(id: string): Promise<ConversationRow | undefined> {
    return (await this.sql<ConversationRow[]>`SELECT * FROM conversations WHERE id = ${id}`)[0]
  }
  async conversationsOf(userId: string): Promise<ConversationRow[]> {
    return [
      ...(await this.sql<ConversationRow[]>`SELECT * FROM conversations WHERE user_id = ${userId} ORDER BY n DESC`),
    ]
  }
  async queuedUpTo(n: number): Promise<number> {
    return (
      (
        await this.sql<
          Array<{ n: number }>
        >`SELECT COUNT(*) AS n FROM conversations WHERE status = 'queued' AND n <= ${n}`
      )[0]?.n ?? 0
    )
  }
  async queuedAfter(n: number, limit: number): Promise<ConversationRow[]> {
    return [
      ...(await this.sql<
        ConversationRow[]
      >`SELECT * FROM conversations WHERE status = 'queued' AND n > ${n} ORDER BY n LIMIT ${limit}`),
    ]
  }
  async queueLength(): Promise<number> {
    return (
      (await this.sql<Array<{ n: number }>>`SELECT COUNT(*) AS n FROM conversations WHERE status = 'queued'`)[0]?.n ?? 0
    )
  }
  /** The UPDATE locks the conversation row until commit: a concurrent send waits, then takes the next number. */
  async nextSeq(conversationId: string, now: string): Promise<number> {
    return (
      (
        await this.sql<
          Array<{ last_seq: number }>
        >`UPDATE conversations SET last_seq = last_seq + 1, updated_at = ${now}
      WHERE id = ${conversationId} RETURNING last_seq`
      )[0]?.last_seq ?? 1
    )
  }
  async insertMessage(r: MessageRow): Promise<void> {
    await this
      .sql`INSERT INTO messages (id, conversation_id, seq, client_id, author, author_name, kind, text, attachments, txn, created_at)
      VALUES (${r.id}, ${r.conversation_id}, ${r.seq}, ${r.client_id}, ${r.author}, ${r.author_name}, ${r.kind}, ${r.text}, ${r.attachments}, ${r.txn}, ${r.created_at})`
  }
  /** The conversation row's UPDATE and the message in one statement: the row stays locked until commit. */
  async insertNextMessage(r: Omit<MessageRow, 'seq'>): Promise<number> {
    const [row] = await this.sql<Array<{ seq: number }>>`WITH s AS (UPDATE conversations
        SET last_seq = last_seq + 1, updated_at = ${r.created_at} WHERE id = ${r.conversation_id} RETURNING last_seq)
      INSERT INTO messages (id, conversation_id, seq, client_id, author, author_name, kind, text, attachments, txn, created_at)
      SELECT ${r.id}, ${r.conversation_id}, s.last_seq, ${r.client_id}, ${r.author}, ${r.author_name}, ${r.kind},
        ${r.text}, ${r.attachments}, ${r.txn}, ${r.created_at} FROM s
      RETURNING seq`
    if (!row) throw new Error(`no conversation ${r.conversation_id}`)
    return row.seq
  }
  async endConversation(id: string, now: string): Promise<void> {
    await this.sql`UPDATE conversations SET status = 'ended', updated_at = ${now} WHERE id = ${id}`
  }
  async messagesAfter(conversationId: string, since: number, limit: number): Promise<MessageRow[]> {
    return [
      ...(await this.sql<
        MessageRow[]
      >`SELECT * FROM messages WHERE conversation_id = ${conversationId} AND seq > ${since} ORDER BY seq LIMIT ${limit}`),
    ]
  }
  async lastMessage(conversationId: string): Promise<MessageRow | undefined> {
    return (
      await this.sql<
        MessageRow[]
      >`SELECT * FROM messages WHERE conversation_id = ${conversationId} ORDER BY seq DESC LIMIT 1`
    )[0]
  }
  async setReadSeq(id: string, by: 'user' | 'agent', upTo: number): Promise<void> {
    if (by === 'user') await this.sql`UPDATE conversations SET user_read_seq = ${upTo} WHERE id = ${id}`
    else await this.sql`UPDATE conversations SET agent_read_seq = ${upTo} WHERE id = ${id}`
  }
  async lockConversation(id: string): Promise<ConversationRow | undefined> {
    return (await this.sql<ConversationRow[]>`SELECT * FROM conversations WHERE id = ${id} FOR UPDATE`)[0]
  }
  async assignAgent(id: string, agentId: string, agentName: string, now: string): Promise<void> {
    await this
      .sql`UPDATE conversations SET status = 'active', agent_id = ${agentId}, agent_name = ${agentName}, updated_at = ${now} WHERE id = ${id}`
  }
  async rateConversation(id: string, score: number, comment: string | null): Promise<void> {
    await this.sql`UPDATE conversations SET rating_score = ${score}, rating_comment = ${comment} WHERE id = ${id}`
  }
  async agentConversations(q: ListQuery): Promise<ConversationRow[]> {
    return [
      ...(await this.sql<
        ConversationRow[]
      >`SELECT * FROM conversations WHERE (${q.status}::text IS NULL OR status = ${q.status})
      ORDER BY status = 'ended', updated_at DESC, n DESC LIMIT ${q.limit} OFFSET ${q.offset}`),
    ]
  }

  async insertAttachment(a: {
    id: string
    userId: string
    name: string
    type: string
    size: number
    sha256: string
    data: Buffer
    now: string
  }): Promise<void> {
    let data = a.data
    if (this.attachmentsDir !== undefined) {
      // Bytes on disk, written before the row: a rolled-back upload leaves a file no row names.
      await mkdir(this.attachmentsDir, { recursive: true })
      await writeFile(join(this.attachmentsDir, a.id), a.data)
      data = Buffer.alloc(0)
    }
    await this.sql`INSERT INTO attachments (id, user_id, name, type, size, sha256, data, created_at)
      VALUES (${a.id}, ${a.userId}, ${a.name}, ${a.type}, ${a.size}, ${a.sha256}, ${data}, ${a.now})`
  }
  async attachmentMeta(id: string): Promise<AttachmentMeta | undefined> {
    return (
      await this.sql<AttachmentMeta[]>`SELECT id, user_id, name, type, size, attached FROM attachments WHERE id = ${id}`
    )[0]
  }
  async attachment(id: string): Promise<AttachmentRow | undefined> {
    const row = (await this.sql<AttachmentRow[]>`SELECT * FROM attachments WHERE id = ${id}`)[0]
    if (row && this.attachmentsDir !== undefined && row.data.length === 0 && row.size > 0) {
      row.data = await readFile(join(this.attachmentsDir, id)).catch(() => Buffer.alloc(0))
    }
    return row
  }
  async setAttached(id: string, attached: number, dropData: boolean): Promise<void> {
    if (!dropData) {
      await this.sql`UPDATE attachments SET attached = ${attached} WHERE id = ${id}`
      return
    }
    await this.sql`UPDATE attachments SET data = ${Buffer.alloc(0)}, attached = ${attached} WHERE id = ${id}`
    await this.unlink([id])
  }
  async uploadUsage(userId: string, since: string): Promise<{ bytes: number; oldest: string | null }> {
    const r = (
      await this.sql<
        Array<{ bytes: number | null; oldest: string | null }>
      >`SELECT SUM(size)::float8 AS bytes, MIN(created_at) AS oldest
      FROM attachments WHERE user_id = ${userId} AND created_at >= ${since}`
    )[0]
    return { bytes: r?.bytes ?? 0, oldest: r?.oldest ?? null }
  }
  async sweepAttachments(cut: string, forwardedCut: string, forwarded: number): Promise<number> {
    const a = await this.sql<
      Array<{ id: string }>
    >`DELETE FROM attachments WHERE attached = 0 AND created_at < ${cut} RETURNING id`
    const b = await this.sql<
      Array<{ id: string }>
    >`DELETE FROM attachments WHERE attached = ${forwarded} AND created_at < ${forwardedCut} RETURNING id`
    await this.unlink([...a, ...b].map((r) => r.id))
    return a.length + b.length
  }
  /** Quota checks of one user (tickets per hour, upload bytes, open conversations) run one at a time across instances. */
  async lockUser(userId: string): Promise<void> {
    await this.sql`SELECT pg_advisory_xact_lock(${USER_LOCK_SPACE}, hashtext(${userId}))`
  }

  /**
   * Claims the key with INSERT … ON CONFLICT DO NOTHING. A concurrent request with the same key
   * blocks on the unique index until this transaction ends, then finds the finished row.
   */
  async claimIdem(scope: string, key: string, fingerprint: string, now: number): Promise<IdemRow | undefined> {
    const claimed = await this.sql`INSERT INTO idempotency (scope, key, fingerprint, status, body, created_at)
      VALUES (${scope}, ${key}, ${fingerprint}, 0, '', ${now}) ON CONFLICT (scope, key) DO NOTHING RETURNING 1`
    if (claimed.length > 0) return undefined
    return this.idem(scope, key)
  }
  /** Written by `flushEvents`, in the same round trip as the events, just before commit. */
  async finishIdem(scope: string, key: string, status: number, body: string): Promise<void> {
    this.idemResult = { scope, key, status, body }
  }
  async releaseIdem(scope: string, key: string): Promise<void> {
    await this.sql`DELETE FROM idempotency WHERE scope = ${scope} AND key = ${key}`
  }
  async pruneIdem(before: number): Promise<void> {
    await this.sql`DELETE FROM idempotency WHERE created_at < ${before}`
  }

  /** Events of this transaction, written by `flushEvents` just before commit. */
  async emit(userId: string, audience: Audience, event: ChatEvent, data = JSON.stringify(event)): Promise<void> {
    this.events.push({ userId, audience, data })
  }

  /**
   * Inserts the transaction's events and one NOTIFY (sent at commit). No lock: transactions of
   * different conversations write events side by side, and ids may commit out of order. Readers
   * make that safe (PgStore's watermark): they deliver ids only once every transaction that
   * could still hold a lower one has ended. For that the transaction takes its xid *before* the
   * ids (`pg_current_xact_id()` assigns one if no write did yet), and the ids are taken here, at
   * the end, after the conversation row locks: sends to one conversation get ids in seq order.
   */
  async flushEvents(): Promise<void> {
    const writes: Array<PromiseLike<unknown>> = []
    const r = this.idemResult
    this.idemResult = undefined
    if (r) {
      writes.push(
        this
          .sql`UPDATE idempotency SET status = ${r.status}, body = ${r.body} WHERE scope = ${r.scope} AND key = ${r.key}`.execute(),
      )
    }
    if (this.events.length > 0) {
      const now = Date.now()
      const rows = this.events.map((e) => ({ user_id: e.userId, audience: e.audience, data: e.data, created_at: now }))
      this.events = []
      writes.push(
        this.sql`SELECT pg_current_xact_id()`.execute(),
        this
          .sql`WITH e AS (INSERT INTO events ${this.sql(rows, 'user_id', 'audience', 'data', 'created_at')} RETURNING id)
        SELECT pg_notify(${EVENTS_CHANNEL}, MAX(id)::text) FROM e`.execute(),
      )
    }
    // Pipelined on the transaction's connection, so they run in this order in one round trip.
    await Promise.all(writes)
  }

  async fdSidecar(fdId: number): Promise<string | undefined> {
    return (await this.sql<Array<{ data: string }>>`SELECT data FROM fd_tickets WHERE fd_id = ${fdId}`)[0]?.data
  }
  async fdSaveSidecar(fdId: number, userId: string, data: string, now: number): Promise<void> {
    await this
      .sql`INSERT INTO fd_tickets (fd_id, user_id, data, created_at) VALUES (${fdId}, ${userId}, ${data}, ${now})
      ON CONFLICT (fd_id) DO UPDATE SET user_id = excluded.user_id, data = excluded.data, created_at = excluded.created_at`
  }
  async fdRecentTimes(userId: string, since: number, max: number): Promise<number[]> {
    return (
      await this.sql<
        Array<{ created_at: number }>
      >`SELECT created_at FROM fd_tickets WHERE user_id = ${userId} AND created_at >= ${since}
      ORDER BY created_at DESC LIMIT ${max}`
    ).map((r) => r.created_at)
  }
  async fdContact(userId: string): Promise<number | undefined> {
    return (
      await this.sql<Array<{ contact_id: number }>>`SELECT contact_id FROM fd_contacts WHERE user_id = ${userId}`
    )[0]?.contact_id
  }
  async fdSaveContact(userId: string, contactId: number): Promise<void> {
    await this.sql`INSERT INTO fd_contacts (user_id, contact_id) VALUES (${userId}, ${contactId})
      ON CONFLICT (user_id) DO UPDATE SET contact_id = excluded.contact_id`
  }
  async idem(scope: string, key: string): Promise<IdemRow | undefined> {
    return (
      await this.sql<
        IdemRow[]
      >`SELECT fingerprint, status, body FROM idempotency WHERE scope = ${scope} AND key = ${key}`
    )[0]
  }
  async putIdem(
    scope: string,
    key: string,
    fingerprint: string,
    status: number,
    body: string,
    now: number,
  ): Promise<void> {
    await this.sql`INSERT INTO idempotency (scope, key, fingerprint, status, body, created_at)
      VALUES (${scope}, ${key}, ${fingerprint}, ${status}, ${body}, ${now}) ON CONFLICT (scope, key) DO NOTHING`
  }

  private async unlink(ids: string[]): Promise<void> {
    const dir = this.attachmentsDir
    if (dir === undefined) return
    await Promise.all(ids.map((id) => rm(join(dir, id), { force: true })))
  }
}
