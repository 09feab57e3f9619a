import type { StoreApi } from 'zustand/vanilla'
import type { SupportClient } from '../client.js'
import type { JobPayloads, OutboxJob } from '../outbox/types.js'
import type { Services } from '../services.js'
import type { Transport } from '../transports/types.js'
import type { Availability, Conversation, Message } from '../types.js'

/**
 * Where the chat is:
 * - `idle`: no conversation yet; the first message starts one.
 * - `connecting`: the conversation is being created.
 * - `queued`: waiting for an agent (`conversation.queuePosition` when known).
 * - `active`: an agent (`conversation.agent`) is answering.
 * - `rating`: the conversation ended and the backend takes a rating.
 * - `ended`: over (rated, skipped, or no rating possible).
 * - `offline`: outside business hours, no agent, or the device is offline: "leave a message".
 * - `left`: the message was left; it becomes a ticket through the outbox.
 */
export type ChatStatus = 'idle' | 'connecting' | 'queued' | 'active' | 'rating' | 'ended' | 'offline' | 'left'

/** How a message of the list is doing. Messages from the server are always `sent`. */
export type ChatItemState = 'sending' | 'queued' | 'sent' | 'failed'

/** A message of the list: a confirmed server message, or the optimistic copy of one being sent. */
export interface ChatItem extends Message {
  state: ChatItemState
  /** Set on optimistic items: the id we gave the outbox payload, before the server assigns one. */
  localId?: string
  /** The outbox job delivering an optimistic item. */
  jobId?: string
  /** Error code of the last failed attempt (catalog key `error.<code>`). */
  errorCode?: string
  /** A picked image not uploaded yet, shown from the device. */
  preview?: Blob
}

/**
 * Where a left message is (status `left`): `offline` stored while the device has no network,
 * `queued` stored and being retried (the service is not answering yet), `sent` the ticket exists.
 */
export type LeftState = 'offline' | 'queued' | 'sent'

/** Everything the chat UI renders. */
export interface ChatState {
  status: ChatStatus
  conversation: Conversation | undefined
  availability: Availability | undefined
  items: ChatItem[]
  agentTyping: boolean
  /** Highest user message the agent has read (read receipts). */
  agentReadSeq: number
  /** Agent messages not yet seen by the user. Mirrored to the client store's `system.unread`. */
  unread: number
  /** Error code of the last failed action (start, leave a message...), for a notice. */
  error: string | undefined
  /** The conversation was rated on this device. */
  rated: boolean
  /** Set with status `left`: whether the left message reached the service yet. */
  left?: LeftState | undefined
}

/** The inputs of the state machine (see {@link transition}). */
export type ChatInput =
  | { type: 'availability'; open: boolean }
  | { type: 'start' }
  | { type: 'start_failed' }
  | { type: 'conversation'; conversation: Conversation; csat: boolean }
  | { type: 'left' }
  | { type: 'rated' }
  | { type: 'skip_rating' }
  | { type: 'reset' }

/** The chat's state before anything happened. */
export const initialChatState = (): ChatState => ({
  status: 'idle',
  conversation: undefined,
  availability: undefined,
  items: [],
  agentTyping: false,
  agentReadSeq: 0,
  unread: 0,
  error: undefined,
  rated: false,
})

/** The outbox payload of a chat message (with the local id of its optimistic item). */
export type MessageJobPayload = JobPayloads['message']

/** Controller internals shared with the actions module. */
export interface ChatCore {
  client: SupportClient
  store: StoreApi<ChatState>
  now: () => Date
  dispatch(input: ChatInput): void
  /** Rejects (`unauthorized`) once the controller is disposed: its user is no longer the signed-in one. */
  ready(): Promise<{ transport: Transport; services: Services }>
  /** False once disposed: checked just before a job goes to the outbox (stamped with the signed-in user). */
  current(): boolean
  receive(messages: readonly Message[]): void
  onConversation(c: Conversation): void
  applyJobs(jobs: readonly OutboxJob[]): void
  /** A conversation was just created: remember it and start from an empty list. */
  adopt(c: Conversation): Promise<void>
  /** Forget the current conversation (its transcript stays saved). */
  forget(): Promise<void>
  /** Saves the transcript soon (`now`: at once, for what a reload must find, such as a rating). */
  persist(now?: boolean): void
  stopTyping(): void
  sync(): Promise<void>
}
