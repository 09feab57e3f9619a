-- The Freshdesk proxy's records (SQLite creates them on first use; here they are migrated).
CREATE TABLE fd_tickets (
  fd_id BIGINT PRIMARY KEY, user_id TEXT NOT NULL, data TEXT NOT NULL, created_at BIGINT NOT NULL);
CREATE INDEX fd_tickets_user ON fd_tickets (user_id, created_at);
CREATE TABLE fd_contacts (user_id TEXT PRIMARY KEY, contact_id BIGINT NOT NULL);
