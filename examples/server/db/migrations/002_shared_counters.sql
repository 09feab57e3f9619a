-- Token buckets shared by every instance: request rate limits and failed sign-ins per address
-- and per target. One row per (bucket, key); full buckets are deleted now and then.
CREATE TABLE rate_buckets (
  key TEXT PRIMARY KEY, tokens DOUBLE PRECISION NOT NULL, at BIGINT NOT NULL, ok BOOLEAN NOT NULL);
CREATE INDEX rate_buckets_age ON rate_buckets (at);
