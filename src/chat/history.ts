import type { SupportClient } from '../client.js'
import type { Conversation, Message } from '../types.js'
import { mergeMessages } from './messages.js'
import { loadOlder, loadTranscript, transcriptKey } from './transcript.js'
import type { ChatItem } from './types.js'

/** One row of the conversation list. */
export interface ConversationSummary {
  conversation: Conversation
  /** The newest message kept on the device, if any. */
  last?: Message
  /** Agent messages the user has not seen (device copy only). */
  unread: number
  /** Where it was found: kept on this device, listed by the backend, or both. */
  source: 'device' | 'backend' | 'both'
}

const KEY_PREFIX = transcriptKey('')

const time = (iso: string) => {
  const t = Date.parse(iso)
  return Number.isNaN(t) ? 0 : t
}

/**
 * The conversations whose transcripts are kept on this device, by id: read without waiting for
 * the transport (My requests shows its conversations section at once when there are some).
 */
export async function savedConversations(client: SupportClient): Promise<Map<string, ConversationSummary>> {
  const services = await client.services()
  const byId = new Map<string, ConversationSummary>()
  const keys = await services.store.keys(KEY_PREFIX).catch(() => [] as string[])
  const saved = await Promise.all(
    keys.filter((k) => !k.endsWith(':older')).map((k) => loadTranscript(services.store, k.slice(KEY_PREFIX.length))),
  )
  for (const t of saved) {
    if (!t) continue
    const last = t.messages.at(-1)
    const unread = t.messages.filter((m) => m.author === 'agent' && m.seq > t.readSeq).length
    byId.set(t.conversation.id, { conversation: t.conversation, ...(last ? { last } : {}), unread, source: 'device' })
  }
  return byId
}

/**
 * The user's conversations, ongoing first, then newest first: the transcripts kept on this
 * device merged with what the backend lists (`listConversations`, when it has one). The
 * backend's status wins (it knows about an end the device missed); the device adds the last
 * message and the unread count. A backend that fails or is offline leaves the device's list.
 *
 * @example
 * const rows = await listConversations(client) // [{ conversation, last, unread, source }]
 */
export async function listConversations(client: SupportClient, signal?: AbortSignal): Promise<ConversationSummary[]> {
  const byId = await savedConversations(client)
  const transport = await client.transport().catch(() => undefined)
  if (transport?.listConversations) {
    const listed = await transport.listConversations(signal).catch(() => [] as Conversation[])
    for (const c of listed) {
      const known = byId.get(c.id)
      byId.set(
        c.id,
        known ? { ...known, conversation: c, source: 'both' } : { conversation: c, unread: 0, source: 'backend' },
      )
    }
  }
  const ongoing = (s: ConversationSummary) => (s.conversation.status === 'ended' ? 1 : 0)
  return [...byId.values()].sort(
    (a, b) => ongoing(a) - ongoing(b) || time(b.conversation.createdAt) - time(a.conversation.createdAt),
  )
}

/**
 * A conversation to read (not the one the chat is in): its transcript from the device, else
 * its messages from the backend, page by page. Rejects when neither has it.
 */
export async function readConversation(
  client: SupportClient,
  id: string,
): Promise<{ conversation: Conversation; items: ChatItem[] }> {
  const services = await client.services()
  const saved = await loadTranscript(services.store, id)
  const transport = await client.transport().catch(() => undefined)
  let conversation = saved?.conversation
  if (transport?.getConversation)
    conversation = await transport
      .getConversation(id)
      .catch((e: unknown) => (conversation ? conversation : Promise.reject(e)))
  if (!conversation) throw new Error('conversation not found')
  let messages: Message[] = saved ? [...(await loadOlder(services.store, id)), ...saved.messages] : []
  if (transport?.listMessages) {
    try {
      let cursor = saved?.cursor ?? undefined
      for (let page = 0; page < 50; page++) {
        const next = await transport.listMessages(id, cursor)
        messages = [...messages, ...next.messages]
        cursor = next.cursor ?? undefined
        if (!next.hasMore) break
      }
    } catch (error) {
      if (!saved) throw error
    }
  }
  return { conversation, items: mergeMessages([], messages) }
}
