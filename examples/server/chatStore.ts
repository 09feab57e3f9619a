import type { Conversation, Message, MessageKind } from '../../src/types.js'
import { maskInput, maskText } from './mask.js'
import type { App } from './app.js'
import { notFound } from './http.js'
import { newId, nowIso, toConversation, toMessage, type ConversationRow, type MessageRow, type RefOut, type StoredRef } from './model.js'

/** Queue position updates are pushed only to the head of the queue; later ones poll. */
const PUSH_POSITIONS = 10

export function loadConversation(app: App, id: string | undefined, userId?: string): ConversationRow {
  const row = app.db.prepare<ConversationRow>('SELECT * FROM conversations WHERE id = ?').get(id)
  if (!row || (userId !== undefined && row.user_id !== userId)) throw notFound('no such conversation')
  return row
}

/** 1-based place among queued conversations (oldest first). */
export function queuePosition(app: App, row: ConversationRow): number | undefined {
  if (row.status !== 'queued') return undefined
  return app.db.prepare<{ n: number }>("SELECT COUNT(*) AS n FROM conversations WHERE status = 'queued' AND n <= ?").get(row.n)?.n
}

export function conversationOut(app: App, row: ConversationRow): Conversation {
  return toConversation(row, queuePosition(app, row))
}

export function emitConversation(app: App, row: ConversationRow): Conversation {
  const c = conversationOut(app, row)
  app.hub.emit(row.user_id, 'both', { type: 'conversation', conversation: c })
  return c
}

/** Tells the head of the queue their new position after a conversation left the queue. */
export function emitQueueMoves(app: App, leftN: number): void {
  const rows = app.db.prepare<ConversationRow>("SELECT * FROM conversations WHERE status = 'queued' AND n > ? ORDER BY n LIMIT ?")
    .all(leftN, PUSH_POSITIONS)
  for (const r of rows) emitConversation(app, r)
}

export interface NewMessage {
  author: Message['author']
  authorName?: string | undefined
  kind: MessageKind
  text: string
  attachments: StoredRef[]
  transaction?: unknown
  clientId?: string | undefined
}

/** Appends a message with the next per-conversation `seq` and emits it to owner and agents. */
export function appendMessage(app: App, conv: ConversationRow, m: NewMessage, ref: RefOut): Message {
  const now = nowIso()
  const seqRow = app.db.prepare<{ last_seq: number }>(
    'UPDATE conversations SET last_seq = last_seq + 1, updated_at = ? WHERE id = ? RETURNING last_seq').get(now, conv.id)
  const row: MessageRow = {
    id: newId('msg'), conversation_id: conv.id, seq: seqRow?.last_seq ?? 1, client_id: m.clientId ?? null,
    author: m.author, author_name: m.authorName ?? null, kind: m.kind, text: maskText(m.text),
    attachments: JSON.stringify(m.attachments), txn: m.transaction === undefined ? null : JSON.stringify(maskInput(m.transaction)),
    created_at: now,
  }
  app.db.prepare(`INSERT INTO messages (id, conversation_id, seq, client_id, author, author_name, kind, text, attachments, txn, created_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
    .run(row.id, row.conversation_id, row.seq, row.client_id, row.author, row.author_name, row.kind, row.text, row.attachments, row.txn, row.created_at)
  const message = toMessage(row, ref)
  app.hub.emit(conv.user_id, 'both', { type: 'message', message })
  return message
}

/** Ends a conversation (idempotent), with a system `event` message. */
export function endConversation(app: App, conv: ConversationRow, ref: RefOut): Conversation {
  if (conv.status === 'ended') return conversationOut(app, conv)
  const wasQueued = conv.status === 'queued'
  appendMessage(app, conv, { author: 'system', kind: 'event', text: 'ended', attachments: [] }, ref)
  app.db.prepare("UPDATE conversations SET status = 'ended', updated_at = ? WHERE id = ?").run(nowIso(), conv.id)
  const c = emitConversation(app, loadConversation(app, conv.id))
  if (wasQueued) emitQueueMoves(app, conv.n)
  return c
}

/** Messages after `since` (a seq), ascending, at most `limit`. */
export function listMessages(app: App, conv: ConversationRow, since: number, limit: number, ref: RefOut): { messages: Message[]; hasMore: boolean } {
  const rows = app.db.prepare<MessageRow>('SELECT * FROM messages WHERE conversation_id = ? AND seq > ? ORDER BY seq LIMIT ?')
    .all(conv.id, since, limit + 1)
  return { messages: rows.slice(0, limit).map((r) => toMessage(r, ref)), hasMore: rows.length > limit }
}
