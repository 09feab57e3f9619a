-- Agents online, shared by every instance: one row per server instance with its open agent
-- streams, refreshed by a heartbeat. A row past expires_at (an instance that died without
-- saying so) no longer counts. The database's clock sets and reads it.
CREATE TABLE agent_presence (
  instance TEXT PRIMARY KEY, streams INTEGER NOT NULL, expires_at TIMESTAMPTZ NOT NULL);
