import type { ViewName } from './events.js'
import type { ReportCategory, TransactionRef } from './types.js'

/** What each view of the panel takes: `open('report', { transaction })`, `open('article', { id })`. */
export interface ViewParams {
  home: Record<never, never>
  /** Search results for `query`. */
  search: { query?: string }
  /** One article; `source` says where it was picked (the `article:open` event), `from` which flow it came from. */
  article: { id: string; source?: 'search' | 'popular' | 'suggestion' | 'link'; from?: 'report' | 'chat' }
  /** Live chat; `transaction` is offered to send into the conversation. */
  chat: { transaction?: TransactionRef }
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
