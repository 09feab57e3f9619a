/**
 * From a filled report form to the TicketInput a transport sends: validate, redact every
 * field, set priority and a localized subject.
 */
import { RejectedError } from '../errors/index.js'
import { catalogs, createTranslator, type Translate } from '../i18n/index.js'
import { type HiddenSummary, redact, redactFields, summarizeFindings } from '../privacy/index.js'
import type { FieldFinding } from '../privacy/index.js'
import type { AttachmentRef, FieldValue, Locale, ReportCategory, TicketInput, TransactionRef } from '../types.js'
import { type CategoryDef, getCategory } from './categories.js'
import { type FieldName, REFERENCE_FIELDS, SCREENSHOTS } from './fields.js'
import { type ReportErrors, validateReport } from './validate.js'

function resolve(category: ReportCategory | CategoryDef): CategoryDef | undefined {
  return typeof category === 'string' ? getCategory(category) : category
}

/** How a card appears in the form: brand and last 4, nothing else. */
export function formatPaymentMethod(method: { brand: string; last4: string }): string {
  return `${method.brand} •••• ${method.last4}`
}

/**
 * The form values a transaction fills in for a category (only the fields that category uses).
 *
 * @example
 * prefillFromTransaction('charged_not_received', { id: '4200…', time: '2026-11-23T09:30:00+08:00', amount: '128.50', currency: 'CNY' })
 * // → { transactionId: '4200…', time: '2026-11-23T09:30:00+08:00', amount: '128.50', currency: 'CNY' }
 */
export function prefillFromTransaction(
  category: ReportCategory | CategoryDef,
  tx: TransactionRef,
): Record<string, FieldValue> {
  const def = resolve(category)
  if (!def) return {}
  const source: Partial<Record<FieldName, string | undefined>> = {
    transactionId: tx.id,
    time: tx.time,
    amount: tx.amount,
    currency: tx.currency,
    counterparty: tx.counterparty,
    paymentMethod: tx.method ? formatPaymentMethod(tx.method) : undefined,
  }
  const out: Record<string, FieldValue> = {}
  for (const name of def.prefill) {
    const value = source[name]
    if (value !== undefined && value !== '') out[name] = value
  }
  return out
}

export interface BuildTicketOptions {
  /** The transaction the report is about, as the host app knows it. */
  transaction?: TransactionRef
  /** Uploaded screenshots (images, at most 5). */
  attachments?: readonly AttachmentRef[]
  locale?: string
  /** Self-check results the user chose to attach. */
  diagnostics?: Record<string, FieldValue>
  /** The client's translator; defaults to the shipped catalog for `locale`. */
  translate?: Translate
}

export interface BuiltTicket {
  input: TicketInput
  /** What redaction hid, for the "we hid a card number" notice. */
  hidden: HiddenSummary
  /** Where each hidden item was, e.g. `description` or `fields.counterparty`. */
  findings: FieldFinding[]
}

function translatorFor(locale: string): Translate {
  const catalog =
    catalogs[locale as Locale] ?? (locale.startsWith('zh') ? catalogs['zh-CN'] : undefined) ?? catalogs.en ?? {}
  return createTranslator(catalog)
}

function rejected(errors: ReportErrors): RejectedError {
  const fieldErrors = Object.entries(errors).map(([field, code]) => ({ field, code }))
  return new RejectedError(fieldErrors, 'report is not valid')
}

/**
 * Builds the ticket payload for a report. Validates first (throws RejectedError whose
 * `fieldErrors[].code` are catalog keys), then redacts every string: description, fields,
 * transaction, diagnostics and attachment names. Order and transaction numbers are kept.
 *
 * @example
 * const { input, hidden } = buildTicketInput('charged_not_received', values, { transaction, locale: 'zh-CN' })
 * input.subject // '扣款未到账 · 128.50 CNY'
 * hidden.messageKeys // ['privacy.hidden.card'] when a card number was typed in the description
 */
export function buildTicketInput(
  category: ReportCategory | CategoryDef,
  values: Readonly<Record<string, FieldValue | undefined>>,
  options: BuildTicketOptions = {},
): BuiltTicket {
  const locale = options.locale ?? 'en'
  const def = resolve(category)
  if (!def) throw rejected({ category: 'report.error.category' })
  const result = validateReport(def, values, locale)
  if (!result.ok) throw rejected(result.errors)

  const attachments = options.attachments ?? []
  if (attachments.length > SCREENSHOTS.max || attachments.some((a) => !a.type.startsWith('image/'))) {
    throw rejected({ screenshots: 'report.error.screenshots' })
  }

  const { value: clean, findings } = redactFields(
    {
      description: result.input.description,
      fields: result.input.fields,
      transaction: options.transaction,
      diagnostics: options.diagnostics,
    },
    // Keys of fields and diagnostics say what a value is (`{ cvv: 123 }`): read each value after its key.
    { referenceKeys: [...REFERENCE_FIELDS, 'id'], labelMaps: ['fields', 'diagnostics'] },
  )
  const cleanAttachments = attachments.map((a, i) => {
    const r = redact(a.name)
    for (const f of r.findings) findings.push({ ...f, path: `attachments.${i}.name` })
    return r.findings.length === 0 ? a : { ...a, name: r.text }
  })

  const t = options.translate ?? translatorFor(locale)
  const label = t(def.labelKey)
  const { amount, currency } = clean.fields
  const subject =
    typeof amount === 'string' && typeof currency === 'string'
      ? t('report.subject', { category: label, amount, currency })
      : label

  const input: TicketInput = {
    category: def.id,
    subject,
    description: clean.description,
    fields: clean.fields as Record<string, FieldValue>,
    attachments: cleanAttachments,
    priority: def.priority,
    locale,
  }
  if (clean.transaction) input.transaction = clean.transaction
  if (clean.diagnostics) input.diagnostics = clean.diagnostics
  return { input, hidden: summarizeFindings(findings), findings }
}
