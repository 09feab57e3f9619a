-- The reference server's schema on Postgres: the same tables and columns as the SQLite one
-- (db.ts), so both stores read the same row shapes. Timestamps stay ISO-8601 text where the
-- API returns them as such (ordering by text is ordering by time), milliseconds where counted.

CREATE TABLE users (
  id TEXT PRIMARY KEY, name TEXT, email TEXT, attributes TEXT,
  created_at TEXT NOT NULL, updated_at TEXT NOT NULL);

CREATE TABLE articles (
  id TEXT NOT NULL, locale TEXT NOT NULL, title TEXT NOT NULL, body TEXT NOT NULL,
  tags TEXT NOT NULL DEFAULT '[]', category TEXT, updated_at TEXT NOT NULL,
  popularity INTEGER NOT NULL DEFAULT 0, helpful INTEGER NOT NULL DEFAULT 0,
  unhelpful INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (id, locale));
-- GET /v1/articles?locale=
CREATE INDEX articles_locale ON articles (locale, popularity DESC, title);

CREATE TABLE attachments (
  id TEXT PRIMARY KEY, user_id TEXT NOT NULL, name TEXT NOT NULL, type TEXT NOT NULL,
  size INTEGER NOT NULL, sha256 TEXT NOT NULL, data BYTEA NOT NULL, created_at TEXT NOT NULL,
  attached INTEGER NOT NULL DEFAULT 0);
-- upload quota per user and day; the sweeper of unattached uploads
CREATE INDEX attachments_user_age ON attachments (user_id, created_at);
CREATE INDEX attachments_unattached ON attachments (attached, created_at);

CREATE TABLE tickets (
  n INTEGER GENERATED ALWAYS AS IDENTITY PRIMARY KEY, id TEXT NOT NULL UNIQUE, user_id TEXT NOT NULL,
  status TEXT NOT NULL, priority TEXT NOT NULL, category TEXT NOT NULL, subject TEXT NOT NULL,
  description TEXT NOT NULL, fields TEXT NOT NULL, txn TEXT, attachments TEXT NOT NULL,
  locale TEXT NOT NULL, diagnostics TEXT, escalated INTEGER NOT NULL DEFAULT 0,
  rating_score INTEGER, rating_comment TEXT, created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
-- GET /v1/tickets; tickets per hour
CREATE INDEX tickets_user ON tickets (user_id, updated_at DESC, n DESC);
CREATE INDEX tickets_user_created ON tickets (user_id, created_at);
-- GET /v1/agent/tickets (?status=&category=), in priority order
CREATE INDEX tickets_agent_queue ON tickets (
  (CASE priority WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 WHEN 'normal' THEN 2 ELSE 3 END), updated_at DESC, n DESC);
CREATE INDEX tickets_status ON tickets (status, category);

CREATE TABLE ticket_comments (
  n INTEGER GENERATED ALWAYS AS IDENTITY PRIMARY KEY, id TEXT NOT NULL UNIQUE, ticket_id TEXT NOT NULL,
  author TEXT NOT NULL, author_name TEXT, body TEXT NOT NULL, attachments TEXT NOT NULL,
  created_at TEXT NOT NULL);
CREATE INDEX ticket_comments_ticket ON ticket_comments (ticket_id, n);

CREATE TABLE ticket_history (
  n INTEGER GENERATED ALWAYS AS IDENTITY PRIMARY KEY, ticket_id TEXT NOT NULL, status TEXT NOT NULL,
  note TEXT, at TEXT NOT NULL);
CREATE INDEX ticket_history_ticket ON ticket_history (ticket_id, n);

CREATE TABLE conversations (
  n INTEGER GENERATED ALWAYS AS IDENTITY PRIMARY KEY, id TEXT NOT NULL UNIQUE, user_id TEXT NOT NULL,
  status TEXT NOT NULL, locale TEXT NOT NULL, agent_id TEXT, agent_name TEXT,
  last_seq INTEGER NOT NULL DEFAULT 0, user_read_seq INTEGER NOT NULL DEFAULT 0,
  agent_read_seq INTEGER NOT NULL DEFAULT 0, rating_score INTEGER, rating_comment TEXT,
  created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
-- GET /v1/conversations; the open conversation of a user
CREATE INDEX conversations_user ON conversations (user_id, n);
-- queue position, queue length, queue moves
CREATE INDEX conversations_queued ON conversations (n) WHERE status = 'queued';
-- GET /v1/agent/conversations: open ones first, newest first (?status= uses conversations_status)
CREATE INDEX conversations_agent ON conversations ((status = 'ended'), updated_at DESC, n DESC);
CREATE INDEX conversations_status ON conversations (status, updated_at DESC, n DESC);

CREATE TABLE messages (
  id TEXT PRIMARY KEY, conversation_id TEXT NOT NULL, seq INTEGER NOT NULL, client_id TEXT,
  author TEXT NOT NULL, author_name TEXT, kind TEXT NOT NULL, text TEXT NOT NULL,
  attachments TEXT NOT NULL, txn TEXT, created_at TEXT NOT NULL,
  UNIQUE (conversation_id, seq));

CREATE TABLE idempotency (
  scope TEXT NOT NULL, key TEXT NOT NULL, fingerprint TEXT NOT NULL, status INTEGER NOT NULL,
  body TEXT NOT NULL, created_at BIGINT NOT NULL, PRIMARY KEY (scope, key));
CREATE INDEX idempotency_age ON idempotency (created_at);

CREATE TABLE events (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, user_id TEXT NOT NULL, audience TEXT NOT NULL,
  data TEXT NOT NULL, created_at BIGINT NOT NULL);
-- a user's stream resuming after Last-Event-ID (agents resume on the primary key)
CREATE INDEX events_user ON events (user_id, id);

CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
