-- POST /v1/tickets in one statement (one round trip, no BEGIN/COMMIT of its own): the same steps,
-- in the same order, as the request's transaction otherwise takes statement by statement
-- (app.ts runIdempotent, routes/tickets.ts, PgRepo.createTicket and flushEvents). Each statement
-- of a plpgsql function takes a fresh snapshot (READ COMMITTED), so the quota count after the
-- lock sees the tickets a concurrent request of the user committed, and a concurrent duplicate
-- key finds the finished row once its claim stops waiting.
--
-- Outcomes: 'stored' (the key was used before: its status, body and fingerprint; nothing written),
-- 'limited' (the quota: body = created_at of the oldest ticket in the window; nothing written),
-- 'created' (body = the ticket JSON: p_head || reference || p_tail; n = its row number).
CREATE FUNCTION hf_create_ticket(
  p_scope TEXT, p_key TEXT, p_fingerprint TEXT, p_at BIGINT,
  p_lock_space INTEGER, p_quota_since TEXT, p_quota_max INTEGER,
  p_id TEXT, p_user_id TEXT, p_priority TEXT, p_category TEXT, p_subject TEXT, p_description TEXT,
  p_fields TEXT, p_txn TEXT, p_attachments TEXT, p_locale TEXT, p_diagnostics TEXT, p_now TEXT,
  p_head TEXT, p_tail TEXT, p_event_head TEXT, p_event_tail TEXT, p_channel TEXT)
RETURNS TABLE (outcome TEXT, status INTEGER, body TEXT, fingerprint TEXT, n INTEGER)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
  v_n INTEGER;
  v_ref TEXT;
  v_limited TEXT;
  v_event BIGINT;
BEGIN
  -- The key is claimed first (and the transaction's xid taken before any event id: see PgStore).
  INSERT INTO idempotency AS i (scope, key, fingerprint, status, body, created_at)
    VALUES (p_scope, p_key, p_fingerprint, 0, '', p_at)
    ON CONFLICT (scope, key) DO NOTHING;
  IF NOT FOUND THEN
    RETURN QUERY SELECT 'stored'::TEXT, i.status, i.body, i.fingerprint, NULL::INTEGER
      FROM idempotency i WHERE i.scope = p_scope AND i.key = p_key;
    RETURN;
  END IF;
  IF p_quota_max IS NOT NULL THEN
    PERFORM pg_advisory_xact_lock(p_lock_space, hashtext(p_user_id));
    SELECT t.created_at INTO v_limited FROM tickets t
      WHERE t.user_id = p_user_id AND t.created_at >= p_quota_since
      ORDER BY t.created_at DESC LIMIT 1 OFFSET p_quota_max - 1;
    IF v_limited IS NOT NULL THEN
      DELETE FROM idempotency i WHERE i.scope = p_scope AND i.key = p_key;
      RETURN QUERY SELECT 'limited'::TEXT, 429, v_limited, NULL::TEXT, NULL::INTEGER;
      RETURN;
    END IF;
  END IF;
  INSERT INTO tickets (id, user_id, status, priority, category, subject, description, fields, txn,
      attachments, locale, diagnostics, created_at, updated_at)
    VALUES (p_id, p_user_id, 'new', p_priority, p_category, p_subject, p_description, p_fields, p_txn,
      p_attachments, p_locale, p_diagnostics, p_now, p_now)
    RETURNING tickets.n INTO v_n;
  INSERT INTO ticket_history (ticket_id, status, note, at) VALUES (p_id, 'new', NULL, p_now);
  -- reference('HF', n) of model.ts: zero-padded to 6 digits, never cut.
  v_ref := 'HF-' || CASE WHEN length(v_n::TEXT) < 6 THEN lpad(v_n::TEXT, 6, '0') ELSE v_n::TEXT END;
  INSERT INTO events (user_id, audience, data, created_at)
    VALUES (p_user_id, 'both', p_event_head || v_ref || p_event_tail, p_at)
    RETURNING id INTO v_event;
  PERFORM pg_notify(p_channel, v_event::TEXT);
  UPDATE idempotency i SET status = 201, body = p_head || v_ref || p_tail
    WHERE i.scope = p_scope AND i.key = p_key;
  RETURN QUERY SELECT 'created'::TEXT, 201, p_head || v_ref || p_tail, p_fingerprint, v_n;
END
$$;
