/** Client-side detection and masking of sensitive data (cards, IDs, IBANs, phones, e-mail, secrets). */
export { redact, redactFields, looksLikeCode, summarizeFindings, HIDDEN_MESSAGE_KEYS } from './redact.js'
export type { HiddenSummary, RedactFieldsOptions } from './redact.js'
export type { Finding, FieldFinding, FindingKind, RedactOptions, RedactResult } from './types.js'
export { luhnValid, ibanValid, ibanCheckDigits, cnIdValid, cnIdCheckChar } from './checksums.js'
export { SECRET_MASK } from './mask.js'
