import type { ChatInput, ChatStatus } from './types.js'

/**
 * The conversation state machine, pure so every transition is testable:
 *
 * ```
 * idle ──start──► connecting ──conversation──► queued ──► active ──► rating ──rated/skip──► ended
 *  ▲  ╲                 │ start_failed                                   (no csat: ended directly)
 *  │   availability closed ──► offline ──left──► left
 *  └──────────── reset (from ended, rating, left) ◄───────────────────────────────────────────┘
 * ```
 * `ended` is final for a conversation: a late `queued`/`active` event (out of order, replayed
 * after a reconnect) never revives it.
 *
 * @example
 * transition('idle', { type: 'availability', open: false }) // 'offline'
 */
export function transition(status: ChatStatus, input: ChatInput): ChatStatus {
  switch (input.type) {
    case 'availability':
      if (status !== 'idle' && status !== 'offline') return status
      return input.open ? 'idle' : 'offline'
    case 'start':
      return status === 'idle' ? 'connecting' : status
    case 'start_failed':
      return status === 'connecting' ? 'idle' : status
    case 'conversation': {
      if (status === 'offline' || status === 'left') return status
      const c = input.conversation.status
      if (c === 'ended') {
        if (status === 'rating' || status === 'ended') return status
        return input.csat ? 'rating' : 'ended'
      }
      if (status === 'rating' || status === 'ended') return status
      return c === 'active' ? 'active' : 'queued'
    }
    case 'left':
      return status === 'offline' ? 'left' : status
    case 'rated':
    case 'skip_rating':
      return status === 'rating' ? 'ended' : status
    case 'reset':
      return status === 'ended' || status === 'rating' || status === 'left' ? 'idle' : status
  }
}

/** Whether the user can type into the chat in this status. */
export function canCompose(status: ChatStatus): boolean {
  return status === 'idle' || status === 'connecting' || status === 'queued' || status === 'active'
}
