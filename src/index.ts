/**
 * help-feedback/core — the headless client. No UI, no preact: use it to build your own
 * interface or to drive the SDK from a framework.
 */
export { createSupportClient, type SupportClient } from './client.js'
export { validateSupportOptions, validateWidgetOptions, type SupportOptions, type WidgetOptions, type TransportOption, type TransportSpec } from './options/index.js'
export { createEmitter, type Emitter, type HelpFeedbackEvent, type EventType, type ViewName } from './events.js'
export { createCoreStore, patch, type State, type Store } from './store/index.js'
export { catalogs, createTranslator, negotiateLocale, supportedLocales, type MessageKey, type Translate } from './i18n/index.js'
export * from './errors/index.js'
export { noCapabilities, type Transport, type TransportCapabilities, type WriteOptions } from './transports/types.js'
export type * from './types.js'
export { SDK_VERSION } from './version.js'
export { getHelpFlow, createHelpFlow, type HelpFlow } from './help/help.js'
export { runSelfCheck, type SelfCheckResult } from './help/selfCheck.js'
export { createSearchIndex, loadIndex, walletSynonyms, type SearchIndex, type SerializedIndex } from './search/index.js'
export { parseMarkdown, type MdBlock, type MdInline } from './markdown/index.js'
export { redact, redactFields, looksLikeCode, type Finding } from './privacy/index.js'
export { categories, getCategory, validateReport, prefillFromTransaction, buildTicketInput } from './reports/index.js'
export { openStore, memoryStore } from './storage/index.js'
export { createOutbox, type Outbox, type OutboxJob, type JobPayloads, type QueuedFile } from './outbox/index.js'
export type { Services } from './services.js'
export * as reports from './reports/flow.js'
export * as requests from './requests/requests.js'
