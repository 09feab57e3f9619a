import type { Translate } from '../i18n/index.js'
import { redact } from '../privacy/index.js'
import type { KeyValueStore } from '../storage/types.js'
import type { Conversation, Cursor, Message } from '../types.js'
import type { ChatItem } from './types.js'

import { CURRENT_KEY } from './keys.js'

export { CURRENT_KEY }
/** Key of one conversation's saved transcript. */
export const transcriptKey = (conversationId: string) => `chat:conversation:${conversationId}`
/** Key of the older part of a saved transcript (everything before the newest page). */
export const olderKey = (conversationId: string) => `chat:conversation:${conversationId}:older`
/** Older messages are dropped from the device copy; the server still has them. */
export const MAX_STORED_MESSAGES = 5000
/**
 * Messages kept in the main record. Opening a long conversation reads only these and renders;
 * the older part follows in the background, so opening costs the same at 100 or 10,000.
 */
export const RECENT_MESSAGES = 200

/** What is kept on the device per conversation. */
export interface StoredTranscript {
  version: 1
  conversation: Conversation
  messages: Message[]
  /** Where the next `listMessages` continues (gap fill after a reload or a reconnect). */
  cursor: Cursor | null
  /** Highest agent message the user has seen. */
  readSeq: number
  rated: boolean
}

/**
 * Confirmed messages only (optimistic ones live in the outbox), masked: the user's text was
 * masked before it was sent, the agent's is masked here because storage is a second copy.
 */
export function toStored(items: readonly ChatItem[]): Message[] {
  const out: Message[] = []
  for (let i = items.length - 1; i >= 0 && out.length < MAX_STORED_MESSAGES; i--) {
    const m = items[i]!
    if (m.localId !== undefined) continue
    let stored = storedForm.get(m)
    if (!stored) {
      const { state: _s, localId: _l, jobId: _j, errorCode: _e, preview: _p, ...message } = m
      stored = message.author === 'user' ? message : { ...message, text: redact(message.text).text }
      storedForm.set(m, stored)
    }
    out.push(stored)
  }
  return out.reverse()
}

/** List items are immutable, so each is masked once however often the transcript is saved. */
const storedForm = new WeakMap<ChatItem, Message>()

/** Loads a saved transcript's newest page (see {@link loadOlder}); anything unreadable counts as none. */
export async function loadTranscript(
  store: KeyValueStore,
  conversationId: string,
): Promise<StoredTranscript | undefined> {
  try {
    const t = await store.get<StoredTranscript>(transcriptKey(conversationId))
    return t?.version === 1 && Array.isArray(t.messages) ? t : undefined
  } catch {
    return undefined
  }
}

/** The part of a transcript older than its newest page; [] when there is none. */
export async function loadOlder(store: KeyValueStore, conversationId: string): Promise<Message[]> {
  try {
    const older = await store.get<Message[]>(olderKey(conversationId))
    return Array.isArray(older) ? older : []
  } catch {
    return []
  }
}

/**
 * Writes at most once per `delayMs`, always the latest state; `flush` writes now (pagehide).
 * The newest page goes to the main record on every write; the older part only when it changed
 * (it grows rarely, and rewriting thousands of messages per new message would be waste).
 * Storage errors are swallowed: the transcript is a convenience, the server has the original.
 */
export function createTranscriptSaver(store: KeyValueStore, delayMs = 300) {
  let timer: ReturnType<typeof setTimeout> | undefined
  let next: (() => StoredTranscript) | undefined
  let chain: Promise<void> = Promise.resolve()
  let olderWritten: string | undefined
  const write = () => {
    timer = undefined
    const build = next
    next = undefined
    if (!build) return chain
    const value = build()
    const split = Math.max(0, value.messages.length - RECENT_MESSAGES)
    const older = value.messages.slice(0, split)
    const recent = split ? { ...value, messages: value.messages.slice(split) } : value
    // First id, last id and length identify the older part well enough to skip a rewrite.
    const olderSig = `${value.conversation.id}:${older.length}:${older[0]?.id ?? ''}:${older.at(-1)?.id ?? ''}`
    chain = chain
      .then(async () => {
        if (olderSig !== olderWritten) {
          await (older.length
            ? store.set(olderKey(value.conversation.id), older)
            : store.del(olderKey(value.conversation.id)))
          olderWritten = olderSig
        }
        await store.set(transcriptKey(value.conversation.id), recent)
      })
      .catch(() => undefined)
    return chain
  }
  return {
    schedule(build: () => StoredTranscript): void {
      next = build
      timer ??= setTimeout(write, delayMs)
    },
    flush(): Promise<void> {
      clearTimeout(timer)
      return write()
    },
    dispose(): void {
      clearTimeout(timer)
      timer = undefined
      next = undefined
    },
  }
}

/**
 * The words of a system line: `joined` / `transferred` carry the agent's name in `authorName`,
 * `ended` needs none; any other text (a vendor's own event line) is shown as sent.
 */
export function eventLine(m: Pick<Message, 'text' | 'authorName'>, t: Translate): string {
  if (m.text === 'ended') return t('chat.event.ended')
  if (m.text === 'joined')
    return m.authorName ? t('chat.event.joined', { name: m.authorName }) : t('chat.event.joinedGeneric')
  if (m.text === 'transferred')
    return m.authorName ? t('chat.event.transferred', { name: m.authorName }) : t('chat.event.joinedGeneric')
  return m.text
}

/** Who wrote a message, in a row and in the transcript: you, the agent (by name when known), or the system. */
export function authorLabel(m: Pick<Message, 'author' | 'authorName'>, t: Translate): string {
  if (m.author === 'user') return t('chat.author.you')
  return m.author === 'agent' ? (m.authorName ?? t('chat.author.agent')) : t('chat.author.system')
}

/**
 * The transcript as plain text for download: reference, start time, then one line per
 * message with its timestamp and author.
 *
 * @example
 * transcriptText(conversation, items, t, 'en')
 * // 'Chat transcript HC-000042\nStarted 11/23/2026, 09:30\n\n[11/23/2026, 09:30] You: hello\n…'
 */
export function transcriptText(
  conversation: Conversation,
  items: readonly ChatItem[],
  t: Translate,
  locale: string,
): string {
  const fmt = (iso: string) => {
    const d = new Date(iso)
    return Number.isNaN(d.getTime()) ? iso : d.toLocaleString(locale, { dateStyle: 'short', timeStyle: 'medium' })
  }
  const lines = [
    t('chat.transcript.title', { reference: conversation.reference }),
    t('chat.transcript.started', { time: fmt(conversation.createdAt) }),
    '',
  ]
  for (const m of items) {
    if (m.localId !== undefined && m.state !== 'sent') continue
    const who = authorLabel(m, t)
    let body = m.text
    if (m.kind === 'event') body = eventLine(m, t)
    else if (m.kind === 'transaction' && m.transaction) {
      const tx = m.transaction
      body = `${t('chat.transaction.label', { id: tx.id })} · ${tx.amount} ${tx.currency}${tx.counterparty ? ` · ${tx.counterparty}` : ''}`
    } else if (m.kind === 'image' || (m.attachments.length > 0 && !body))
      body = m.attachments.map((a) => `[${a.name}]`).join(' ')
    lines.push(`[${fmt(m.createdAt)}] ${who}: ${body}`)
  }
  return `${lines.join('\n')}\n`
}
