/** Live chat, headless: state machine, ordered message list, outbox sends, gap fill, transcript. */
export { createChatController, type ChatController } from './controller.js'
export type { ChatActions, SendResult } from './actions.js'
export { transition, canCompose } from './machine.js'
export { mergeMessages, compareItems, syncWithJobs, itemState, lastSeq } from './messages.js'
export { prepareOutgoing, linkify, mentionsSecret, type Outgoing, type TextSegment } from './compose.js'
export { messageTime } from './time.js'
export { listConversations, readConversation, type ConversationSummary } from './history.js'
export {
  transcriptText,
  eventLine,
  authorLabel,
  CURRENT_KEY,
  transcriptKey,
  type StoredTranscript,
} from './transcript.js'
export type {
  ChatStatus,
  ChatState,
  LeftState,
  ChatItem,
  ChatItemState,
  ChatInput,
  MessageJobPayload,
} from './types.js'
