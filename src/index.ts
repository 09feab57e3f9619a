/**
 * help-feedback/core — the headless client. No UI, no preact: use it to build your own
 * interface or to drive the SDK from a framework.
 *
 * One client, one controller per feature: `client.help`, `client.chat`, `client.reports`,
 * `client.requests`, `client.contact`. Every failure is thrown (or rejected) as a
 * `HelpFeedbackError` with a stable `code` (check with `isHelpFeedbackError`); what a call
 * resolves with is an outcome the user must see (a report queued, refused by the backend or
 * invalid; a chat text that looks like a one-time code), never an error.
 * The public surface is recorded in `api/core.api.md` (`npm run api:update`).
 */
import { createSupportClient as createClient, type HeadlessClient } from './client.js'
import type { SupportOptions } from './options/index.js'

/** Creates the headless client. Throws ConfigError (with the bad option's path) on bad options. */
export const createSupportClient: (options?: SupportOptions) => HeadlessClient = createClient

export type { HeadlessClient as SupportClient, TextDrafts } from './client.js'
export type { SupportOptions, TransportOption, TransportSpec } from './options/index.js'
export type { HelpFeedbackEvent, EventType, EventOf, Listener, Emitter, ViewName } from './events.js'
export type { ViewParams } from './views.js'
export type { State, Store } from './store/index.js'
export type { MessageKey, Translate } from './i18n/index.js'
export * from './errors/index.js'
export { noCapabilities, type Transport, type TransportCapabilities, type WriteOptions } from './transports/types.js'
export type * from './types.js'
export { SDK_VERSION } from './version.js'
export type { HelpController, ArticleSource } from './help/help.js'
export type { ChatController } from './chat/controller.js'
export type { ChatState, ChatItem, ChatStatus } from './chat/types.js'
export type { SendResult } from './chat/actions.js'
export type { ReportsController, ReopenedReport, ReportOutcome } from './reports/controller.js'
export type { ReportDraft, ReportValues, ServerErrors, SubmitReportInput, SubmitReportResult } from './reports/flow.js'
export { categories, getCategory } from './reports/index.js'
export type {
  RequestsController,
  RequestsList,
  RequestsState,
  RequestDetail,
  RequestState,
  PendingReport,
  QueuedWrite,
} from './requests/requests.js'
export type { ContactController } from './contact/controller.js'
export type { QueuedFile } from './outbox/types.js'
