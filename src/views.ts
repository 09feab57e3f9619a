import type { ReportCategory, TransactionRef } from './types.js'

/**
 * The panel's views: the one list that `ViewName`, the bridge's schema and the widget's view
 * table read. Apart from `events.ts` so the launcher's entry chunk carries only the type.
 */
export const VIEWS = [
  'home',
  'search',
  'article',
  'chat',
  'report',
  'requests',
  'request',
  'contact',
  'checker',
] as const

/** A view of the panel. */
export type ViewName = (typeof VIEWS)[number]

/** What each view of the panel takes: `open('report', { transaction })`, `open('article', { id })`. */
export interface ViewParams {
  home: Record<never, never>
  /** Search results for `query`. */
  search: { query?: string }
  /** One article; `source` says where it was picked (the `article:open` event), `from` which flow it came from. */
  article: { id: string; source?: 'search' | 'popular' | 'suggestion' | 'link'; from?: 'report' | 'chat' }
  /** Live chat; `transaction` is offered to send into the conversation; `conversationId` opens an earlier chat to read. */
  chat: { transaction?: TransactionRef; conversationId?: string }
  /** A problem report, prefilled from `transaction`; `jobId` reopens a refused report. */
  report: { transaction?: TransactionRef; category?: ReportCategory; hotline?: string; jobId?: string }
  requests: Record<never, never>
  /** One request (ticket) by id. */
  request: { id: string }
  /** Contact channels ordered for `problem`, with `reference` ready to copy. */
  contact: { problem?: ReportCategory; reference?: string; transaction?: TransactionRef }
  /** "Is this really us?" for a phone number, address or link. */
  checker: { value?: string }
}
