/**
 * Report validation. One check per field kind gives per-field errors (the first problem found,
 * in the order: type, length, format); a few cross-field rules (decimals per currency, duplicate
 * ids, time order) run afterwards. Errors are catalog keys, resolved by the UI's translator.
 */
import { isCalendarDate } from '../privacy/checksums.js'
import type { FieldValue, Priority, ReportCategory } from '../types.js'
import { type CategoryDef, categoryFields, getCategory } from './categories.js'
import { DESCRIPTION_MIN_WEIGHT, FIELDS, type FieldDef, type FieldName, type ReportsKey } from './fields.js'
import { isCurrencyCode, minorUnits, padAmount, parseDecimal } from './money.js'

/** Field name (or `category` / `screenshots`) → catalog key of the message to show under it. */
export type ReportErrors = Partial<Record<FieldName | 'category' | 'screenshots', ReportsKey>>

/** The validated, normalised report: what buildTicketInput turns into a TicketInput. */
export interface ValidatedReport {
  category: ReportCategory
  description: string
  /** Every other field of the category that has a value, normalised (amounts padded, currency upper-case). */
  fields: Partial<Record<FieldName, FieldValue>>
  priority: Priority
  locale: string
}

export type ValidationResult = { ok: true; input: ValidatedReport } | { ok: false; errors: ReportErrors }

const REQUIRED: ReportsKey = 'report.error.required'

const ISO_WITH_OFFSET =
  /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(?:\.\d{1,9})?)?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/
const REFERENCE = /^[A-Za-z0-9][A-Za-z0-9_./:-]{2,63}$/
const WIDE_CHAR = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u

function calendarOk(m: RegExpExecArray | null): boolean {
  return m !== null && isCalendarDate(Number(m[1]), Number(m[2]), Number(m[3]))
}

/** Length for the "too short" rule: a Han/kana/Hangul character carries about two Latin letters' worth. */
export function descriptionWeight(text: string): number {
  let weight = 0
  for (const ch of text) if (!/\s/.test(ch)) weight += WIDE_CHAR.test(ch) ? 2 : 1
  return weight
}

/**
 * A string kind: not a string → `typeKey`; longer than the field's maximum (when `long`) →
 * tooLong; refused by `ok` → `okKey` (the type's key unless named).
 */
type StringRule = [typeKey: ReportsKey, ok: (s: string, def: FieldDef) => boolean, long?: boolean, okKey?: ReportsKey]
const STRING_RULES: Partial<Record<FieldDef['kind'], StringRule>> = {
  reference: ['report.error.reference', (s) => REFERENCE.test(s), true],
  datetime: ['report.error.time', (s) => calendarOk(ISO_WITH_OFFSET.exec(s))],
  date: ['report.error.date', (s) => calendarOk(DATE.exec(s))],
  amount: ['report.error.amount', (s) => parseDecimal(s)?.zero === false],
  balance: ['report.error.balance', (s) => parseDecimal(s) !== null],
  currency: ['report.error.currency', isCurrencyCode],
  // Brand + last 4 only: more than four digits anywhere means a (partial) card number.
  paymentMethod: ['report.error.paymentMethod', (s) => (s.match(/\d/g)?.length ?? 0) <= 4, true],
  last4: ['report.error.last4', (s) => /^\d{4}$/.test(s)],
  select: ['report.error.choice', (s, def) => (def.options ?? []).includes(s)],
  textarea: [REQUIRED, (s) => descriptionWeight(s) >= DESCRIPTION_MIN_WEIGHT, true, 'report.error.tooShort'],
  text: [REQUIRED, () => true, true],
}

/** The catalog key of what is wrong with a present (normalised) value, or undefined when it is fine. */
function fieldError(def: FieldDef, v: FieldValue): ReportsKey | undefined {
  if (def.kind === 'boolean') return typeof v === 'boolean' ? undefined : 'report.error.choice'
  if (def.kind === 'integer')
    return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 99 ? undefined : 'report.error.integer'
  const [typeKey, ok, long, okKey = typeKey] = STRING_RULES[def.kind]!
  if (typeof v !== 'string') return typeKey
  if (long && v.length > (def.maxLength ?? 200)) return 'report.error.tooLong'
  return ok(v, def) ? undefined : okKey
}

/** What a form typically hands over ("", " yes ", "3") turned into what the schemas expect. */
function normalise(def: FieldDef, raw: FieldValue | undefined): FieldValue | undefined {
  if (raw === null || raw === undefined) return undefined
  let value: FieldValue = raw
  if (typeof value === 'string') {
    value = value.trim()
    if (value === '') return undefined
  }
  switch (def.kind) {
    case 'boolean':
      if (value === 'true' || value === 'yes') return true
      if (value === 'false' || value === 'no') return false
      return value
    case 'integer':
      return typeof value === 'string' && /^\d{1,3}$/.test(value) ? Number(value) : value
    case 'currency':
      return typeof value === 'string' ? value.toUpperCase() : value
    case 'amount':
    case 'balance':
    case 'text':
    case 'reference':
      return typeof value === 'number' && Number.isFinite(value) ? String(value) : value
    default:
      return value
  }
}

function crossFieldChecks(
  category: CategoryDef,
  data: Partial<Record<FieldName, FieldValue>>,
  errors: ReportErrors,
): void {
  const currency = typeof data.currency === 'string' && errors.currency === undefined ? data.currency : undefined
  for (const name of ['amount', 'expectedBalance', 'shownBalance'] as const) {
    const value = data[name]
    if (typeof value !== 'string' || errors[name]) continue
    if (currency === undefined) {
      if (errors.currency === undefined) errors.currency = REQUIRED
      continue
    }
    const parsed = parseDecimal(value)
    if (parsed && parsed.decimals > minorUnits(currency)) errors[name] = 'report.error.amountDecimals'
    else if (parsed) data[name] = padAmount(parsed.value, currency)
  }
  if (
    category.id === 'duplicate_charge' &&
    data.secondTransactionId !== undefined &&
    data.secondTransactionId === data.transactionId
  ) {
    errors.secondTransactionId ??= 'report.error.sameTransaction'
  }
  if (
    category.id === 'balance_wrong' &&
    !errors.expectedBalance &&
    !errors.shownBalance &&
    data.expectedBalance === data.shownBalance
  ) {
    errors.shownBalance ??= 'report.error.sameBalance'
  }
  if (typeof data.noticedAt === 'string' && typeof data.time === 'string' && !errors.noticedAt && !errors.time) {
    if (Date.parse(data.noticedAt) < Date.parse(data.time)) errors.noticedAt = 'report.error.noticedBeforeTransaction'
  }
}

/**
 * Checks a report's values for a category. Values the category does not use are dropped;
 * strings are trimmed and empty strings count as missing.
 *
 * @example
 * validateReport('charged_not_received', { amount: '0' }, 'zh-CN')
 * // → { ok: false, errors: { amount: 'report.error.amount', transactionId: 'report.error.required', … } }
 */
export function validateReport(
  category: ReportCategory | CategoryDef,
  values: Readonly<Record<string, FieldValue | undefined>>,
  locale = 'en',
): ValidationResult {
  const def = typeof category === 'string' ? getCategory(category) : category
  if (!def) return { ok: false, errors: { category: 'report.error.category' } }

  const input: Partial<Record<FieldName, FieldValue>> = {}
  for (const name of categoryFields(def)) {
    const value = normalise(FIELDS[name], values[name])
    if (value !== undefined) input[name] = value
  }

  const errors: ReportErrors = {}
  const required = new Set(def.required)
  for (const name of categoryFields(def)) {
    const value = input[name]
    const error = value === undefined ? (required.has(name) ? REQUIRED : undefined) : fieldError(FIELDS[name], value)
    if (error) errors[name] = error
  }
  crossFieldChecks(def, input, errors)
  if (Object.keys(errors).length > 0) return { ok: false, errors }

  const { description, ...fields } = input
  return {
    ok: true,
    input: { category: def.id, description: String(description), fields, priority: def.priority, locale },
  }
}
