/** Live chat, headless: state machine, ordered message list, outbox sends, gap fill, transcript. */
import type { SupportClient } from '../client.js'
import { warmMessageTime } from './time.js'
import { CURRENT_KEY } from './transcript.js'

export { createChatController, type ChatController } from './controller.js'
export type { ChatActions, SendResult } from './actions.js'
export { transition, canCompose } from './machine.js'
export { mergeMessages, compareItems, syncWithJobs, itemState, lastSeq } from './messages.js'
export { prepareOutgoing, linkify, mentionsSecret, type Outgoing, type TextSegment } from './compose.js'
export { messageTime } from './time.js'
export { listConversations, readConversation, type ConversationSummary } from './history.js'
export { transcriptText, eventLine, CURRENT_KEY, transcriptKey, type StoredTranscript } from './transcript.js'
export type { ChatStatus, ChatState, ChatItem, ChatItemState, ChatInput, MessageJobPayload } from './types.js'

/**
 * Starts the chat in the background when the device has a conversation saved, so the unread
 * badge counts agent replies after a reload before the user opens the chat view. Cheap when
 * there is none: one storage read. Resolves true when a conversation was resumed.
 *
 * @example
 * void import('../chat/index.js').then((m) => m.resumeChat(client)) // from the widget runtime, lazily
 */
export async function resumeChat(client: SupportClient): Promise<boolean> {
  const { store } = await client.services()
  const current = await store.get<string>(CURRENT_KEY).catch(() => undefined)
  if (current) {
    warmMessageTime(client.store.getState().system.locale)
    await client.chat.open()
  }
  return Boolean(current)
}
