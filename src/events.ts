import type { HelpFeedbackError } from './errors/HelpFeedbackError.js'
import type { ReportCategory } from './types.js'
import type { ViewName } from './views.js'

/** A view of the panel (the list is in `views.ts`). */
export type { ViewName }

/**
 * Everything the SDK tells the host, named `domain:verb`. Payloads never carry message text or
 * personal data, only ids and counts, so they are safe to forward to analytics.
 */
export type HelpFeedbackEvent =
  | { type: 'widget:mount' }
  | { type: 'widget:open'; view: ViewName }
  | { type: 'widget:close' }
  | { type: 'widget:navigate'; view: ViewName }
  | { type: 'widget:destroy' }
  | { type: 'session:identify'; userId: string }
  | { type: 'search:query'; length: number; results: number }
  | { type: 'article:open'; id: string; source: 'search' | 'popular' | 'suggestion' | 'link' }
  | { type: 'article:vote'; id: string; helpful: boolean }
  /** After a "not helpful" vote: what the article lacked (a fixed choice, never free text). */
  | { type: 'article:missing'; id: string; reason: 'answer' | 'unclear' | 'wrong' | 'case' }
  | { type: 'suggestion:open'; id: string; from: 'report' | 'chat' }
  | { type: 'report:queued'; category: ReportCategory; jobId: string }
  | { type: 'report:sent'; category: ReportCategory; ticketId: string; reference: string }
  | { type: 'report:rejected'; category: ReportCategory; jobId: string }
  | { type: 'chat:start'; conversationId: string }
  | { type: 'chat:message'; conversationId: string; author: 'user' | 'agent' | 'system' }
  | { type: 'unread:change'; count: number }
  /**
   * What the user stores now will not survive closing the app: IndexedDB is unusable
   * (`unsupported`, `open_failed`, `timeout`, `probe_mismatch`) or refused a write
   * (`quota_exceeded`, `write_failed`).
   */
  | { type: 'storage:fallback'; reason: string }
  | { type: 'session:logout' }
  | { type: 'error'; code: HelpFeedbackError['code']; message: string }

export type EventType = HelpFeedbackEvent['type']
export type EventOf<T extends EventType> = Extract<HelpFeedbackEvent, { type: T }>
export type Listener = (event: HelpFeedbackEvent) => void

/** A tiny typed emitter. A throwing listener never breaks the SDK or other listeners. */
export interface Emitter {
  emit(event: HelpFeedbackEvent): void
  /** Listen to every event, or only to one type. Returns the unsubscribe function. */
  on(listener: Listener): () => void
  on<T extends EventType>(type: T, listener: (event: EventOf<T>) => void): () => void
  clear(): void
}

export function createEmitter(): Emitter {
  const listeners = new Set<{ type?: EventType; fn: (e: never) => void }>()
  return {
    emit(event) {
      for (const l of [...listeners]) {
        if (l.type && l.type !== event.type) continue
        try {
          ;(l.fn as Listener)(event)
        } catch (error) {
          // Host code must not break the widget; surface it where developers look.
          console.error('help-feedback: an event listener threw', error)
        }
      }
    },
    on(a: EventType | Listener, b?: (e: never) => void) {
      const entry = typeof a === 'function' ? { fn: a as (e: never) => void } : { type: a, fn: b! }
      listeners.add(entry)
      return () => void listeners.delete(entry)
    },
    clear: () => listeners.clear(),
  }
}
