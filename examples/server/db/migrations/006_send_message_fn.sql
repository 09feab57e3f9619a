-- POST /v1/conversations/:id/messages (a user's message without attachments) in one statement,
-- like hf_create_ticket (005): the same steps, in the same order, as the request's transaction
-- (app.ts runIdempotent, routes/chat.ts, PgRepo.lockConversation, insertNextMessage and
-- flushEvents). The conversation row stays locked from the check to the commit, so concurrent
-- sends get consecutive seqs in commit order and their event ids in seq order.
--
-- Outcomes: 'stored' (the key was used before: its status, body and fingerprint; nothing written),
-- 'not_found' (no such conversation of this user), 'ended' (it has ended; nothing written),
-- 'created' (body = the message JSON: p_head || seq || p_tail).
CREATE FUNCTION hf_send_message(
  p_scope TEXT, p_key TEXT, p_fingerprint TEXT, p_at BIGINT,
  p_conversation_id TEXT, p_user_id TEXT, p_id TEXT, p_client_id TEXT, p_author TEXT, p_kind TEXT,
  p_text TEXT, p_attachments TEXT, p_txn TEXT, p_now TEXT,
  p_head TEXT, p_tail TEXT, p_event_head TEXT, p_event_tail TEXT, p_channel TEXT)
RETURNS TABLE (outcome TEXT, status INTEGER, body TEXT, fingerprint TEXT, seq INTEGER)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
  v_owner TEXT;
  v_status TEXT;
  v_seq INTEGER;
  v_event BIGINT;
BEGIN
  INSERT INTO idempotency AS i (scope, key, fingerprint, status, body, created_at)
    VALUES (p_scope, p_key, p_fingerprint, 0, '', p_at)
    ON CONFLICT (scope, key) DO NOTHING;
  IF NOT FOUND THEN
    RETURN QUERY SELECT 'stored'::TEXT, i.status, i.body, i.fingerprint, NULL::INTEGER
      FROM idempotency i WHERE i.scope = p_scope AND i.key = p_key;
    RETURN;
  END IF;
  SELECT c.user_id, c.status INTO v_owner, v_status FROM conversations c WHERE c.id = p_conversation_id FOR UPDATE;
  IF v_owner IS NULL OR v_owner <> p_user_id OR v_status = 'ended' THEN
    DELETE FROM idempotency i WHERE i.scope = p_scope AND i.key = p_key;
    RETURN QUERY SELECT CASE WHEN v_owner IS NULL OR v_owner <> p_user_id THEN 'not_found' ELSE 'ended' END,
      0, ''::TEXT, NULL::TEXT, NULL::INTEGER;
    RETURN;
  END IF;
  UPDATE conversations c SET last_seq = c.last_seq + 1, updated_at = p_now
    WHERE c.id = p_conversation_id RETURNING c.last_seq INTO v_seq;
  INSERT INTO messages (id, conversation_id, seq, client_id, author, author_name, kind, text, attachments, txn, created_at)
    VALUES (p_id, p_conversation_id, v_seq, p_client_id, p_author, NULL, p_kind, p_text, p_attachments, p_txn, p_now);
  INSERT INTO events (user_id, audience, data, created_at)
    VALUES (p_user_id, 'both', p_event_head || v_seq::TEXT || p_event_tail, p_at)
    RETURNING id INTO v_event;
  PERFORM pg_notify(p_channel, v_event::TEXT);
  UPDATE idempotency i SET status = 201, body = p_head || v_seq::TEXT || p_tail
    WHERE i.scope = p_scope AND i.key = p_key;
  RETURN QUERY SELECT 'created'::TEXT, 201, p_head || v_seq::TEXT || p_tail, p_fingerprint, v_seq;
END
$$;
