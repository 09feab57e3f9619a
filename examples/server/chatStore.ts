import type { Conversation, Message, MessageKind } from '../../src/types.js'
import { maskClientId, maskInput, maskText } from './mask.js'
import type { Repo } from './store/types.js'
import { notFound } from './http.js'
import {
  newId,
  nowIso,
  toConversation,
  toMessage,
  type ConversationRow,
  type MessageRow,
  type RefOut,
  type StoredRef,
} from './model.js'

/** Queue position updates are pushed only to the head of the queue; later ones poll. */
const PUSH_POSITIONS = 10

export async function loadConversation(repo: Repo, id: string | undefined, userId?: string): Promise<ConversationRow> {
  const row = id === undefined ? undefined : await repo.conversation(id)
  if (!row || (userId !== undefined && row.user_id !== userId)) throw notFound('no such conversation')
  return row
}

/** 1-based place among queued conversations (oldest first). */
export async function queuePosition(repo: Repo, row: ConversationRow): Promise<number | undefined> {
  if (row.status !== 'queued') return undefined
  return repo.queuedUpTo(row.n)
}

export async function conversationOut(repo: Repo, row: ConversationRow): Promise<Conversation> {
  return toConversation(row, await queuePosition(repo, row))
}

export async function emitConversation(repo: Repo, row: ConversationRow): Promise<Conversation> {
  const c = await conversationOut(repo, row)
  await repo.emit(row.user_id, 'both', { type: 'conversation', conversation: c })
  return c
}

/** Tells the head of the queue their new position after a conversation left the queue. */
export async function emitQueueMoves(repo: Repo, leftN: number): Promise<void> {
  for (const r of await repo.queuedAfter(leftN, PUSH_POSITIONS)) await emitConversation(repo, r)
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

/** The row of a new message (its `seq` is taken when it is stored), its free text masked. */
export function newMessageRow(conversationId: string, m: NewMessage, now: string): Omit<MessageRow, 'seq'> {
  return {
    id: newId('msg'),
    conversation_id: conversationId,
    client_id: m.clientId === undefined ? null : maskClientId(m.clientId),
    author: m.author,
    author_name: m.authorName ?? null,
    kind: m.kind,
    text: maskText(m.text),
    attachments: JSON.stringify(m.attachments),
    txn: m.transaction === undefined ? null : JSON.stringify(maskInput(m.transaction)),
    created_at: now,
  }
}

/** Appends a message with the next per-conversation `seq` and emits it to owner and agents. */
export async function appendMessage(repo: Repo, conv: ConversationRow, m: NewMessage, ref: RefOut): Promise<Message> {
  return (await appendMessageText(repo, conv, m, ref)).message
}

/** `appendMessage`, also giving the message serialised (the event carries that same text). */
export async function appendMessageText(
  repo: Repo,
  conv: ConversationRow,
  m: NewMessage,
  ref: RefOut,
): Promise<{ message: Message; text: string }> {
  const row = newMessageRow(conv.id, m, nowIso())
  const seq = await repo.insertNextMessage(row)
  const message = toMessage({ ...row, seq }, ref)
  const text = JSON.stringify(message)
  await repo.emit(conv.user_id, 'both', { type: 'message', message }, `{"type":"message","message":${text}}`)
  return { message, text }
}

/** Ends a conversation (idempotent), with a system `event` message. */
export async function endConversation(repo: Repo, conv: ConversationRow, ref: RefOut): Promise<Conversation> {
  if (conv.status === 'ended') return conversationOut(repo, conv)
  const wasQueued = conv.status === 'queued'
  await appendMessage(repo, conv, { author: 'system', kind: 'event', text: 'ended', attachments: [] }, ref)
  await repo.endConversation(conv.id, nowIso())
  const c = await emitConversation(repo, await loadConversation(repo, conv.id))
  if (wasQueued) await emitQueueMoves(repo, conv.n)
  return c
}

/** Messages after `since` (a seq), ascending, at most `limit`. */
export async function listMessages(
  repo: Repo,
  conv: ConversationRow,
  since: number,
  limit: number,
  ref: RefOut,
): Promise<{ messages: Message[]; hasMore: boolean }> {
  const rows = await repo.messagesAfter(conv.id, since, limit + 1)
  return { messages: rows.slice(0, limit).map((r) => toMessage(r, ref)), hasMore: rows.length > limit }
}
