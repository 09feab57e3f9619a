import type { Article, ChatEvent } from '../../../src/types.js'
import type { Db } from '../db.js'
import {
  ticketRowOf,
  type CommentRow,
  type ConversationRow,
  type HistoryRow,
  type MessageRow,
  type TicketRow,
} from '../model.js'
import type {
  ArticleRow,
  AttachmentMeta,
  AttachmentRow,
  Audience,
  IdemRow,
  ListQuery,
  NewTicket,
  Repo,
  StoredEvent,
} from './types.js'

/*
 * The SQLite repository: the same statements the handlers used to prepare inline, one method
 * each. better-sqlite3 is synchronous; the methods are async only to share the interface.
 */

const ensureFdTables = new WeakSet<Db>()

export class SqliteRepo implements Repo {
  /** Events recorded in the current transaction, delivered after it commits. */
  readonly pending: StoredEvent[] = []
  constructor(private readonly db: Db) {}

  async upsertUser(
    id: string,
    name: string | null,
    email: string | null,
    attributes: string | null,
    now: string,
  ): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO users (id, name, email, attributes, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)
      ON CONFLICT(id) DO UPDATE SET name = COALESCE(excluded.name, name), email = COALESCE(excluded.email, email),
      attributes = COALESCE(excluded.attributes, attributes), updated_at = excluded.updated_at`,
      )
      .run(id, name, email, attributes, now, now)
  }
  async insertUserIfMissing(id: string, name: string, email: string, now: string): Promise<void> {
    this.db
      .prepare(
        'INSERT INTO users (id, name, email, created_at, updated_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT(id) DO NOTHING',
      )
      .run(id, name, email, now, now)
  }
  async user(id: string): Promise<{ name: string | null; email: string | null } | undefined> {
    return this.db
      .prepare<{ name: string | null; email: string | null }>('SELECT name, email FROM users WHERE id = ?')
      .get(id)
  }

  async articleLocales(): Promise<string[]> {
    return this.db
      .prepare<{ locale: string }>('SELECT DISTINCT locale FROM articles ORDER BY locale')
      .all()
      .map((r) => r.locale)
  }
  async articlesIn(locale: string): Promise<ArticleRow[]> {
    return this.db
      .prepare<ArticleRow>('SELECT * FROM articles WHERE locale = ? ORDER BY popularity DESC, title')
      .all(locale)
  }
  async article(id: string, locale: string): Promise<ArticleRow | undefined> {
    return this.db.prepare<ArticleRow>('SELECT * FROM articles WHERE id = ? AND locale = ?').get(id, locale)
  }
  async anyArticle(id: string): Promise<ArticleRow | undefined> {
    return this.db.prepare<ArticleRow>('SELECT * FROM articles WHERE id = ? ORDER BY locale LIMIT 1').get(id)
  }
  async voteArticle(id: string, helpful: boolean): Promise<boolean> {
    const sql = helpful
      ? 'UPDATE articles SET helpful = helpful + 1, popularity = popularity + 1 WHERE id = ?'
      : 'UPDATE articles SET unhelpful = unhelpful + 1 WHERE id = ?'
    return this.db.prepare(sql).run(id).changes > 0
  }
  async upsertArticles(articles: Article[], now: string): Promise<void> {
    upsertArticleRows(this.db, articles, now)
  }

  async createTicket(
    t: NewTicket,
    quota: { since: string; max: number } | undefined,
  ): Promise<{ row: TicketRow; limitedBy?: undefined } | { row?: undefined; limitedBy: string }> {
    return fileTicket(this.db, t, quota)
  }
  async ticket(id: string): Promise<TicketRow | undefined> {
    return this.db.prepare<TicketRow>('SELECT * FROM tickets WHERE id = ?').get(id)
  }
  async ticketsOf(userId: string): Promise<TicketRow[]> {
    return this.db
      .prepare<TicketRow>('SELECT * FROM tickets WHERE user_id = ? ORDER BY updated_at DESC, n DESC')
      .all(userId)
  }
  async recentTicketTimes(userId: string, since: string, max: number): Promise<string[]> {
    return this.db
      .prepare<{ created_at: string }>(
        'SELECT created_at FROM tickets WHERE user_id = ? AND created_at >= ? ORDER BY created_at DESC LIMIT ?',
      )
      .all(userId, since, max)
      .map((r) => r.created_at)
  }
  async comments(ticketId: string): Promise<CommentRow[]> {
    return this.db.prepare<CommentRow>('SELECT * FROM ticket_comments WHERE ticket_id = ? ORDER BY n').all(ticketId)
  }
  async history(ticketId: string): Promise<HistoryRow[]> {
    return this.db
      .prepare<HistoryRow>('SELECT status, note, at FROM ticket_history WHERE ticket_id = ? ORDER BY n')
      .all(ticketId)
  }
  async insertHistory(ticketId: string, status: string, note: string | null, at: string): Promise<void> {
    insertHistoryRow(this.db, ticketId, status, note, at)
  }
  async setTicketStatus(id: string, status: string, at: string): Promise<void> {
    this.db.prepare('UPDATE tickets SET status = ?, updated_at = ? WHERE id = ?').run(status, at, id)
  }
  async touchTicket(id: string, at: string): Promise<void> {
    this.db.prepare('UPDATE tickets SET updated_at = ? WHERE id = ?').run(at, id)
  }
  async insertComment(r: CommentRow): Promise<void> {
    this.db
      .prepare(
        'INSERT INTO ticket_comments (id, ticket_id, author, author_name, body, attachments, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      .run(r.id, r.ticket_id, r.author, r.author_name, r.body, r.attachments, r.created_at)
  }
  async escalateTicket(id: string, priority: string): Promise<void> {
    this.db.prepare('UPDATE tickets SET escalated = 1, priority = ? WHERE id = ?').run(priority, id)
  }
  async rateTicket(id: string, score: number, comment: string | null): Promise<void> {
    this.db.prepare('UPDATE tickets SET rating_score = ?, rating_comment = ? WHERE id = ?').run(score, comment, id)
  }
  async agentTickets(q: ListQuery): Promise<TicketRow[]> {
    return this.db
      .prepare<TicketRow>(
        `SELECT * FROM tickets WHERE (? IS NULL OR status = ?) AND (? IS NULL OR category = ?)
      ORDER BY CASE priority WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 WHEN 'normal' THEN 2 ELSE 3 END, updated_at DESC, n DESC
      LIMIT ? OFFSET ?`,
      )
      .all(q.status, q.status, q.category, q.category, q.limit, q.offset)
  }

  async openConversations(userId: string, limit: number): Promise<ConversationRow[]> {
    return this.db
      .prepare<ConversationRow>(
        "SELECT * FROM conversations WHERE user_id = ? AND status != 'ended' ORDER BY n DESC LIMIT ?",
      )
      .all(userId, limit)
  }
  async insertConversation(id: string, userId: string, locale: string, now: string): Promise<void> {
    this.db
      .prepare(
        "INSERT INTO conversations (id, user_id, status, locale, created_at, updated_at) VALUES (?, ?, 'queued', ?, ?, ?)",
      )
      .run(id, userId, locale, now, now)
  }
  async conversation(id: string): Promise<ConversationRow | undefined> {
    return this.db.prepare<ConversationRow>('SELECT * FROM conversations WHERE id = ?').get(id)
  }
  async conversationsOf(userId: string): Promise<ConversationRow[]> {
    return this.db.prepare<ConversationRow>('SELECT * FROM conversations WHERE user_id = ? ORDER BY n DESC').all(userId)
  }
  async queuedUpTo(n: number): Promise<number> {
    return (
      this.db
        .prepare<{ n: number }>("SELECT COUNT(*) AS n FROM conversations WHERE status = 'queued' AND n <= ?")
        .get(n)?.n ?? 0
    )
  }
  async queuedAfter(n: number, limit: number): Promise<ConversationRow[]> {
    return this.db
      .prepare<ConversationRow>("SELECT * FROM conversations WHERE status = 'queued' AND n > ? ORDER BY n LIMIT ?")
      .all(n, limit)
  }
  async queueLength(): Promise<number> {
    return (
      this.db.prepare<{ n: number }>("SELECT COUNT(*) AS n FROM conversations WHERE status = 'queued'").get()?.n ?? 0
    )
  }
  async nextSeq(conversationId: string, now: string): Promise<number> {
    return nextSeqOf(this.db, conversationId, now)
  }
  async insertMessage(r: MessageRow): Promise<void> {
    insertMessageRow(this.db, r)
  }
  async insertNextMessage(r: Omit<MessageRow, 'seq'>): Promise<number> {
    const seq = nextSeqOf(this.db, r.conversation_id, r.created_at)
    insertMessageRow(this.db, { ...r, seq })
    return seq
  }
  async endConversation(id: string, now: string): Promise<void> {
    this.db.prepare("UPDATE conversations SET status = 'ended', updated_at = ? WHERE id = ?").run(now, id)
  }
  async messagesAfter(conversationId: string, since: number, limit: number): Promise<MessageRow[]> {
    return this.db
      .prepare<MessageRow>('SELECT * FROM messages WHERE conversation_id = ? AND seq > ? ORDER BY seq LIMIT ?')
      .all(conversationId, since, limit)
  }
  async lastMessage(conversationId: string): Promise<MessageRow | undefined> {
    return this.db
      .prepare<MessageRow>('SELECT * FROM messages WHERE conversation_id = ? ORDER BY seq DESC LIMIT 1')
      .get(conversationId)
  }
  async setReadSeq(id: string, by: 'user' | 'agent', upTo: number): Promise<void> {
    const sql =
      by === 'user'
        ? 'UPDATE conversations SET user_read_seq = ? WHERE id = ?'
        : 'UPDATE conversations SET agent_read_seq = ? WHERE id = ?'
    this.db.prepare(sql).run(upTo, id)
  }
  /** Transactions run one at a time here: a plain read is already stable until commit. */
  async lockConversation(id: string): Promise<ConversationRow | undefined> {
    return this.conversation(id)
  }
  async assignAgent(id: string, agentId: string, agentName: string, now: string): Promise<void> {
    this.db
      .prepare("UPDATE conversations SET status = 'active', agent_id = ?, agent_name = ?, updated_at = ? WHERE id = ?")
      .run(agentId, agentName, now, id)
  }
  async rateConversation(id: string, score: number, comment: string | null): Promise<void> {
    this.db
      .prepare('UPDATE conversations SET rating_score = ?, rating_comment = ? WHERE id = ?')
      .run(score, comment, id)
  }
  async agentConversations(q: ListQuery): Promise<ConversationRow[]> {
    return this.db
      .prepare<ConversationRow>(
        `SELECT * FROM conversations WHERE (? IS NULL OR status = ?)
      ORDER BY status = 'ended', updated_at DESC, n DESC LIMIT ? OFFSET ?`,
      )
      .all(q.status, q.status, q.limit, q.offset)
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
    this.db
      .prepare(
        'INSERT INTO attachments (id, user_id, name, type, size, sha256, data, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(a.id, a.userId, a.name, a.type, a.size, a.sha256, a.data, a.now)
  }
  async attachmentMeta(id: string): Promise<AttachmentMeta | undefined> {
    return this.db
      .prepare<AttachmentMeta>('SELECT id, user_id, name, type, size, attached FROM attachments WHERE id = ?')
      .get(id)
  }
  async attachment(id: string): Promise<AttachmentRow | undefined> {
    return this.db.prepare<AttachmentRow>('SELECT * FROM attachments WHERE id = ?').get(id)
  }
  async setAttached(id: string, attached: number, dropData: boolean): Promise<void> {
    if (dropData) this.db.prepare("UPDATE attachments SET data = X'', attached = ? WHERE id = ?").run(attached, id)
    else this.db.prepare('UPDATE attachments SET attached = ? WHERE id = ?').run(attached, id)
  }
  async uploadUsage(userId: string, since: string): Promise<{ bytes: number; oldest: string | null }> {
    const r = this.db
      .prepare<{ bytes: number | null; oldest: string | null }>(
        'SELECT SUM(size) AS bytes, MIN(created_at) AS oldest FROM attachments WHERE user_id = ? AND created_at >= ?',
      )
      .get(userId, since)
    return { bytes: r?.bytes ?? 0, oldest: r?.oldest ?? null }
  }
  async sweepAttachments(cut: string, forwardedCut: string, forwarded: number): Promise<number> {
    return (
      this.db.prepare('DELETE FROM attachments WHERE attached = 0 AND created_at < ?').run(cut).changes +
      this.db.prepare('DELETE FROM attachments WHERE attached = ? AND created_at < ?').run(forwarded, forwardedCut)
        .changes
    )
  }
  async lockUser(): Promise<void> {
    /* one writer at a time already */
  }

  /**
   * Transactions run one at a time here, so nobody can take the key between this check and
   * `finishIdem`: the row is written once, complete, at the end (one INSERT instead of an INSERT
   * and an UPDATE); a failed request leaves nothing behind.
   */
  private readonly claims = new Map<string, { fingerprint: string; now: number }>()
  async claimIdem(scope: string, key: string, fingerprint: string, now: number): Promise<IdemRow | undefined> {
    const row = await this.idem(scope, key)
    if (row) return row
    this.claims.set(`${scope}\n${key}`, { fingerprint, now })
    return undefined
  }
  async finishIdem(scope: string, key: string, status: number, body: string): Promise<void> {
    const claim = this.claims.get(`${scope}\n${key}`)
    if (!claim) {
      this.db
        .prepare('UPDATE idempotency SET status = ?, body = ? WHERE scope = ? AND key = ?')
        .run(status, body, scope, key)
      return
    }
    this.claims.delete(`${scope}\n${key}`)
    await this.putIdem(scope, key, claim.fingerprint, status, body, claim.now)
  }
  async releaseIdem(scope: string, key: string): Promise<void> {
    if (this.claims.delete(`${scope}\n${key}`)) return
    this.db.prepare('DELETE FROM idempotency WHERE scope = ? AND key = ?').run(scope, key)
  }
  async pruneIdem(before: number): Promise<void> {
    this.db.prepare('DELETE FROM idempotency WHERE created_at < ?').run(before)
  }

  async emit(userId: string, audience: Audience, event: ChatEvent, data = JSON.stringify(event)): Promise<void> {
    this.pending.push(insertEvent(this.db, userId, audience, data))
  }

  private fd(): Db {
    if (!ensureFdTables.has(this.db)) {
      // The Freshdesk proxy's own tables, created on first use (the server's migrations are untouched).
      this.db.exec(`CREATE TABLE IF NOT EXISTS fd_tickets (
          fd_id INTEGER PRIMARY KEY, user_id TEXT NOT NULL, data TEXT NOT NULL, created_at INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS fd_contacts (user_id TEXT PRIMARY KEY, contact_id INTEGER NOT NULL);`)
      ensureFdTables.add(this.db)
    }
    return this.db
  }
  async fdSidecar(fdId: number): Promise<string | undefined> {
    return this.fd().prepare<{ data: string }>('SELECT data FROM fd_tickets WHERE fd_id = ?').get(fdId)?.data
  }
  async fdSaveSidecar(fdId: number, userId: string, data: string, now: number): Promise<void> {
    this.fd()
      .prepare('INSERT OR REPLACE INTO fd_tickets (fd_id, user_id, data, created_at) VALUES (?, ?, ?, ?)')
      .run(fdId, userId, data, now)
  }
  async fdRecentTimes(userId: string, since: number, max: number): Promise<number[]> {
    return this.fd()
      .prepare<{ created_at: number }>(
        'SELECT created_at FROM fd_tickets WHERE user_id = ? AND created_at >= ? ORDER BY created_at DESC LIMIT ?',
      )
      .all(userId, since, max)
      .map((r) => r.created_at)
  }
  async fdContact(userId: string): Promise<number | undefined> {
    return this.fd().prepare<{ contact_id: number }>('SELECT contact_id FROM fd_contacts WHERE user_id = ?').get(userId)
      ?.contact_id
  }
  async fdSaveContact(userId: string, contactId: number): Promise<void> {
    this.fd().prepare('INSERT OR REPLACE INTO fd_contacts (user_id, contact_id) VALUES (?, ?)').run(userId, contactId)
  }
  async idem(scope: string, key: string): Promise<IdemRow | undefined> {
    return idemRow(this.db, scope, key)
  }
  async putIdem(
    scope: string,
    key: string,
    fingerprint: string,
    status: number,
    body: string,
    now: number,
  ): Promise<void> {
    insertIdem(this.db, scope, key, fingerprint, status, body, now)
  }
}

/*
 * The statements of the hot write paths as plain synchronous functions: the repository's methods
 * above and SqliteStore's one-call ticket create and message send (store/sqlite.ts) run the same ones.
 */

/**
 * Files a ticket (status `new`) and its first history entry, unless the user is over `quota`.
 * One writer at a time: nothing can file a ticket between the count and the insert.
 */
export function fileTicket(
  db: Db,
  t: NewTicket,
  quota: { since: string; max: number } | undefined,
): { row: TicketRow; limitedBy?: undefined } | { row?: undefined; limitedBy: string } {
  const limitedBy = quotaReached(db, t.userId, quota)
  if (limitedBy !== undefined) return { limitedBy }
  // The row is what was inserted; only its number comes back (RETURNING * would read every
  // column back out of the statement for nothing).
  const n = db
    .prepare(
      `INSERT INTO tickets (id, user_id, status, priority, category, subject, description, fields, txn,
      attachments, locale, diagnostics, created_at, updated_at) VALUES (?, ?, 'new', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
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
      t.now,
    ).lastInsertRowid
  insertHistoryRow(db, t.id, 'new', null, t.now)
  return { row: { n: Number(n), ...ticketRowOf(t) } }
}

/** The oldest of the user's last `quota.max` tickets since `quota.since` once there are that many, else undefined. */
export function quotaReached(
  db: Db,
  userId: string,
  quota: { since: string; max: number } | undefined,
): string | undefined {
  return quota
    ? db
        .prepare<{ created_at: string }>(
          'SELECT created_at FROM tickets WHERE user_id = ? AND created_at >= ? ORDER BY created_at DESC LIMIT 1 OFFSET ?',
        )
        .get(userId, quota.since, quota.max - 1)?.created_at
    : undefined
}

export function insertHistoryRow(db: Db, ticketId: string, status: string, note: string | null, at: string): void {
  db.prepare('INSERT INTO ticket_history (ticket_id, status, note, at) VALUES (?, ?, ?, ?)').run(
    ticketId,
    status,
    note,
    at,
  )
}

/** Takes the conversation's next `seq` (and touches it); 1 when there is no such row. */
export function nextSeqOf(db: Db, conversationId: string, now: string): number {
  return (
    db
      .prepare<{ last_seq: number }>(
        'UPDATE conversations SET last_seq = last_seq + 1, updated_at = ? WHERE id = ? RETURNING last_seq',
      )
      .get(now, conversationId)?.last_seq ?? 1
  )
}

export function insertMessageRow(db: Db, r: MessageRow): void {
  db.prepare(
    `INSERT INTO messages (id, conversation_id, seq, client_id, author, author_name, kind, text, attachments, txn, created_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    r.id,
    r.conversation_id,
    r.seq,
    r.client_id,
    r.author,
    r.author_name,
    r.kind,
    r.text,
    r.attachments,
    r.txn,
    r.created_at,
  )
}

/** Records an event (delivered to streams once its transaction committed). */
export function insertEvent(db: Db, userId: string, audience: Audience, data: string): StoredEvent {
  const id = Number(
    db
      .prepare('INSERT INTO events (user_id, audience, data, created_at) VALUES (?, ?, ?, ?)')
      .run(userId, audience, data, Date.now()).lastInsertRowid,
  )
  return { id, userId, audience, data }
}

export function idemRow(db: Db, scope: string, key: string): IdemRow | undefined {
  return db
    .prepare<IdemRow>('SELECT fingerprint, status, body FROM idempotency WHERE scope = ? AND key = ?')
    .get(scope, key)
}

export function insertIdem(
  db: Db,
  scope: string,
  key: string,
  fingerprint: string,
  status: number,
  body: string,
  now: number,
): void {
  db.prepare(
    'INSERT INTO idempotency (scope, key, fingerprint, status, body, created_at) VALUES (?, ?, ?, ?, ?, ?)',
  ).run(scope, key, fingerprint, status, body, now)
}

/** Upserts articles (same id + locale replaces the text, keeps vote counts). */
export function upsertArticleRows(db: Db, articles: Article[], now: string): void {
  const stmt = db.prepare(`INSERT INTO articles (id, locale, title, body, tags, category, updated_at, popularity)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id, locale) DO UPDATE SET title = excluded.title, body = excluded.body,
    tags = excluded.tags, category = excluded.category, updated_at = excluded.updated_at,
    popularity = MAX(popularity, excluded.popularity)`)
  for (const a of articles) {
    stmt.run(
      a.id,
      a.locale,
      a.title,
      a.body,
      JSON.stringify(a.tags),
      a.category ?? null,
      a.updatedAt ?? now,
      a.popularity ?? 0,
    )
  }
}
