import Database from 'better-sqlite3'
import type { Database as Db } from 'better-sqlite3'
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs'
import { dirname } from 'node:path'

export type { Db }

/**
 * Schema migrations, applied in order. Append only: a deployed database has run the earlier ones,
 * so editing one in place would never reach it.
 */
const migrations: string[] = [
  `CREATE TABLE users (
     id TEXT PRIMARY KEY, name TEXT, email TEXT, attributes TEXT,
     created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
   CREATE TABLE articles (
     id TEXT NOT NULL, locale TEXT NOT NULL, title TEXT NOT NULL, body TEXT NOT NULL,
     tags TEXT NOT NULL DEFAULT '[]', category TEXT, updated_at TEXT NOT NULL,
     popularity INTEGER NOT NULL DEFAULT 0, helpful INTEGER NOT NULL DEFAULT 0,
     unhelpful INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (id, locale));
   CREATE TABLE attachments (
     id TEXT PRIMARY KEY, user_id TEXT NOT NULL, name TEXT NOT NULL, type TEXT NOT NULL,
     size INTEGER NOT NULL, sha256 TEXT NOT NULL, data BLOB NOT NULL, created_at TEXT NOT NULL);
   CREATE TABLE tickets (
     n INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, user_id TEXT NOT NULL,
     status TEXT NOT NULL, priority TEXT NOT NULL, category TEXT NOT NULL, subject TEXT NOT NULL,
     description TEXT NOT NULL, fields TEXT NOT NULL, txn TEXT, attachments TEXT NOT NULL,
     locale TEXT NOT NULL, diagnostics TEXT, escalated INTEGER NOT NULL DEFAULT 0,
     rating_score INTEGER, rating_comment TEXT, created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
   CREATE INDEX tickets_user ON tickets (user_id, updated_at);
   CREATE TABLE ticket_comments (
     n INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, ticket_id TEXT NOT NULL,
     author TEXT NOT NULL, author_name TEXT, body TEXT NOT NULL, attachments TEXT NOT NULL,
     created_at TEXT NOT NULL);
   CREATE INDEX ticket_comments_ticket ON ticket_comments (ticket_id, n);
   CREATE TABLE ticket_history (
     n INTEGER PRIMARY KEY AUTOINCREMENT, ticket_id TEXT NOT NULL, status TEXT NOT NULL,
     note TEXT, at TEXT NOT NULL);
   CREATE INDEX ticket_history_ticket ON ticket_history (ticket_id, n);
   CREATE TABLE conversations (
     n INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, user_id TEXT NOT NULL,
     status TEXT NOT NULL, locale TEXT NOT NULL, agent_id TEXT, agent_name TEXT,
     last_seq INTEGER NOT NULL DEFAULT 0, user_read_seq INTEGER NOT NULL DEFAULT 0,
     agent_read_seq INTEGER NOT NULL DEFAULT 0, rating_score INTEGER, rating_comment TEXT,
     created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
   CREATE INDEX conversations_user ON conversations (user_id, n);
   CREATE INDEX conversations_status ON conversations (status, n);
   CREATE TABLE messages (
     id TEXT PRIMARY KEY, conversation_id TEXT NOT NULL, seq INTEGER NOT NULL, client_id TEXT,
     author TEXT NOT NULL, author_name TEXT, kind TEXT NOT NULL, text TEXT NOT NULL,
     attachments TEXT NOT NULL, txn TEXT, created_at TEXT NOT NULL,
     UNIQUE (conversation_id, seq));
   CREATE TABLE idempotency (
     scope TEXT NOT NULL, key TEXT NOT NULL, fingerprint TEXT NOT NULL, status INTEGER NOT NULL,
     body TEXT NOT NULL, created_at INTEGER NOT NULL, PRIMARY KEY (scope, key));
   CREATE INDEX idempotency_age ON idempotency (created_at);
   CREATE TABLE events (
     id INTEGER PRIMARY KEY AUTOINCREMENT, user_id TEXT NOT NULL, audience TEXT NOT NULL,
     data TEXT NOT NULL, created_at INTEGER NOT NULL);
   CREATE INDEX events_user ON events (user_id, id);
   CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);`,
  // Abuse limits: uploads never attached are swept, and quotas count bytes per user per day.
  `ALTER TABLE attachments ADD COLUMN attached INTEGER NOT NULL DEFAULT 0;
   UPDATE attachments SET attached = 1;
   CREATE INDEX attachments_user_age ON attachments (user_id, created_at);
   CREATE INDEX attachments_unattached ON attachments (attached, created_at);
   CREATE INDEX tickets_user_created ON tickets (user_id, created_at);`,
  // tickets_user (user_id, updated_at) duplicated tickets_user_created for every lookup by user (a
  // user's tickets are all read and sorted anyway) and cost an index write on every create and touch.
  `DROP INDEX tickets_user;`,
  // A ticket create without attachments (SqliteStore.createTicketOnce) in one statement: the
  // ticket, its first history entry, its event and its idempotency record, with the ticket's and
  // the event's numbers given (the one writer knows them). Columns only: no function in the
  // trigger's VALUES (a function there made SQLite keep a statement journal).
  `CREATE VIEW ticket_create AS SELECT NULL AS n, NULL AS id, NULL AS user_id, NULL AS priority,
     NULL AS category, NULL AS subject, NULL AS description, NULL AS fields, NULL AS txn,
     NULL AS attachments, NULL AS locale, NULL AS diagnostics, NULL AS at, NULL AS event_id,
     NULL AS event_at, NULL AS scope, NULL AS key, NULL AS fingerprint, NULL AS body, NULL AS idem_at;
   CREATE TRIGGER ticket_create_insert INSTEAD OF INSERT ON ticket_create BEGIN
     INSERT INTO tickets (n, id, user_id, status, priority, category, subject, description, fields, txn,
       attachments, locale, diagnostics, created_at, updated_at)
       VALUES (new.n, new.id, new.user_id, 'new', new.priority, new.category, new.subject, new.description,
       new.fields, new.txn, new.attachments, new.locale, new.diagnostics, new.at, new.at);
     INSERT INTO ticket_history (ticket_id, status, note, at) VALUES (new.id, 'new', NULL, new.at);
     INSERT INTO events (id, user_id, audience, data, created_at)
       VALUES (new.event_id, new.user_id, 'both', '{"type":"ticket","ticket":' || new.body || '}', new.event_at);
     INSERT INTO idempotency (scope, key, fingerprint, status, body, created_at)
       VALUES (new.scope, new.key, new.fingerprint, 201, new.body, new.idem_at);
   END;`,
]

/** Databases opened read-only (by request, or because the file or its folder cannot be written). */
const readOnlyDbs = new WeakSet<Db>()

/** True when the server answers reads only: every write fails with SQLITE_READONLY (a 503). */
export const isReadOnly = (db: Db): boolean => readOnlyDbs.has(db)

const isReadOnlyError = (err: unknown): boolean =>
  /^SQLITE_(READONLY|CANTOPEN)|^(EACCES|EROFS|EPERM)$/.test(String((err as { code?: unknown } | null)?.code ?? ''))

/**
 * `synchronous` for a writable database: NORMAL (default) in WAL mode fsyncs at checkpoints only,
 * so a committed write survives the process crashing but the last commits before a power loss or
 * kernel crash may be lost (the database stays consistent). FULL also fsyncs the WAL at every
 * commit: nothing acknowledged is lost even then, at the cost of one fsync per (group) commit.
 * Set with SQLITE_SYNCHRONOUS=full|normal (docs/deploying.md).
 */
export function synchronousMode(env: NodeJS.ProcessEnv = process.env): 'NORMAL' | 'FULL' {
  const v = (env.SQLITE_SYNCHRONOUS ?? 'normal').trim().toLowerCase()
  if (v === 'normal' || v === '') return 'NORMAL'
  if (v === 'full') return 'FULL'
  throw new Error(`SQLITE_SYNCHRONOUS must be normal or full, not ${JSON.stringify(env.SQLITE_SYNCHRONOUS)}`)
}

/**
 * Opens (and creates) the database: WAL so readers never wait for the writer, NORMAL sync
 * (or FULL: `synchronousMode`), a 32 MB page cache so the hot pages of the tables the routes
 * write stay in memory, temporary journals in memory, then runs pending migrations inside one transaction each.
 * A database that cannot be written (a read-only file, folder or disk, or `readOnly`) opens in
 * read-only mode instead of failing: reads work, writes answer 503 `read_only`. One whose
 * schema is not up to date cannot be served and throws.
 */
export function openDb(path: string, options: { readOnly?: boolean } = {}): Db {
  if (options.readOnly && path !== ':memory:') return openReadOnly(path)
  let db: Db | undefined
  try {
    if (path !== ':memory:' && !existsSync(dirname(path))) mkdirSync(dirname(path), { recursive: true })
    db = new Database(path)
    db.pragma('journal_mode = WAL')
    db.pragma(`synchronous = ${synchronousMode()}`)
    db.pragma('cache_size = -32000')
    // Each request runs in a savepoint of the group-commit transaction; the savepoint's undo
    // journal (and statement journals) go to memory instead of a temporary file. It only serves
    // rollbacks within the open transaction, so durability is unchanged.
    db.pragma('temp_store = MEMORY')
    db.pragma('foreign_keys = ON')
    db.pragma('busy_timeout = 5000')
    cacheStatements(db)
    const version = Number(db.pragma('user_version', { simple: true }))
    for (let v = version; v < migrations.length; v++) {
      const sql = migrations[v] as string
      db.transaction(() => {
        db!.exec(sql)
        db!.pragma(`user_version = ${v + 1}`)
      })()
    }
    // SQLite opens a file it may not write without a word; only a write tells.
    db.exec("BEGIN IMMEDIATE; INSERT OR REPLACE INTO meta (key, value) VALUES ('write_probe', '1'); ROLLBACK")
    return db
  } catch (err) {
    if (path === ':memory:' || !isReadOnlyError(err) || !existsSync(path)) throw err
    try {
      db?.close()
    } catch {
      /* already unusable */
    }
    return openReadOnly(path)
  }
}

function openReadOnly(path: string): Db {
  let db = new Database(path, { readonly: true, fileMustExist: true })
  let version: number
  try {
    version = Number(db.pragma('user_version', { simple: true }))
  } catch (err) {
    // A WAL database in a folder we may not write cannot even be read in place (SQLite needs its
    // -shm file): serve a snapshot of the file as a rollback-journal database, writes refused.
    db.close()
    if (!isReadOnlyError(err) || statSync(`${path}-wal`, { throwIfNoEntry: false })?.size) throw err
    const image = readFileSync(path)
    image[18] = 1
    image[19] = 1
    db = new Database(image)
    db.pragma('query_only = ON')
    version = Number(db.pragma('user_version', { simple: true }))
  }
  db.pragma('busy_timeout = 5000')
  cacheStatements(db)
  if (version < migrations.length) {
    db.close()
    throw new Error(
      `${path} is read-only and its schema (version ${version}) is older than this server's (${migrations.length}): it cannot be served`,
    )
  }
  readOnlyDbs.add(db)
  return db
}

/**
 * Handlers call `db.prepare(sql)` inline for readability; caching by SQL text makes that compile
 * each statement once per connection instead of once per request.
 */
function cacheStatements(db: Db): void {
  const prepare = db.prepare.bind(db)
  const cache = new Map<string, ReturnType<Db['prepare']>>()
  db.prepare = ((sql: string) => {
    let stmt = cache.get(sql)
    if (!stmt) cache.set(sql, (stmt = prepare(sql)))
    return stmt
  }) as Db['prepare']
}

/** Reads a value from the small key/value `meta` table. */
export function getMeta(db: Db, key: string): string | undefined {
  return db.prepare<{ value: string }>('SELECT value FROM meta WHERE key = ?').get(key)?.value
}

export function setMeta(db: Db, key: string, value: string): void {
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(
    key,
    value,
  )
}
