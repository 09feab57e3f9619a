/**
 * Every field a report form can show, as pure data: the UI renders from it, the validator
 * picks a schema by `kind`, and buildTicketInput knows which values are references.
 */
import type { reports } from '../i18n/locales/en/reports.js'

/** A key of the reports catalog (a subset of the SDK's MessageKey). */
export type ReportsKey = keyof typeof reports

export type FieldName =
  | 'transactionId'
  | 'time'
  | 'amount'
  | 'currency'
  | 'counterparty'
  | 'paymentMethod'
  | 'errorText'
  | 'description'
  | 'failedStep'
  | 'retryCount'
  | 'moneyTaken'
  | 'merchantOrderNo'
  | 'secondTransactionId'
  | 'secondPending'
  | 'refundExpectedDate'
  | 'refundReference'
  | 'recipientBank'
  | 'recipientAccountLast4'
  | 'transferRail'
  | 'trackingReference'
  | 'channel'
  | 'intendedRecipient'
  | 'expectedBalance'
  | 'shownBalance'
  | 'lastCorrectTransactionId'
  | 'stillHasCard'
  | 'noticedAt'
  | 'sharedCode'
  | 'someoneWithAccess'
  | 'contactKind'
  | 'contactValue'
  | 'verdict'
  | 'checkedAt'

/**
 * How a field is entered and checked.
 * `reference`: an order / transaction number (kept as typed, never masked as a card or phone).
 * `amount`: decimal string > 0; `balance`: decimal string ≥ 0; both need `currency`.
 * `paymentMethod`: brand + last 4 only. `datetime`: ISO-8601 with offset. `date`: YYYY-MM-DD.
 */
export type FieldKind =
  | 'reference'
  | 'datetime'
  | 'date'
  | 'amount'
  | 'balance'
  | 'currency'
  | 'text'
  | 'textarea'
  | 'paymentMethod'
  | 'last4'
  | 'boolean'
  | 'select'
  | 'integer'

export interface FieldDef {
  name: FieldName
  kind: FieldKind
  labelKey: ReportsKey
  helpKey?: ReportsKey
  /** For `select`: allowed values; each has the label `report.option.<name>.<value>`. */
  options?: readonly string[]
  /** For text kinds: maximum length in UTF-16 units. */
  maxLength?: number
}

/** Maximum description length, and the minimum in weighted characters (a Han character counts 2). */
export const DESCRIPTION_MAX = 2000
export const DESCRIPTION_MIN_WEIGHT = 10

/** Fields whose help text exists in the catalog, as `report.field.<name>.help`. */
type FieldWithHelp = { [N in FieldName]: `report.field.${N}.help` extends ReportsKey ? N : never }[FieldName]

/** Keys follow the name: the label is `report.field.<name>.label`, and with `help` the help is `….help`. */
function field<N extends FieldName>(
  name: N,
  kind: FieldKind,
  { help, ...extra }: Pick<FieldDef, 'options' | 'maxLength'> & { help?: N extends FieldWithHelp ? true : never } = {},
): FieldDef {
  const helpKey = help ? ({ helpKey: `report.field.${name as FieldWithHelp}.help` } as const) : {}
  return { name, kind, labelKey: `report.field.${name}.label`, ...helpKey, ...extra }
}

/** The field registry. Order here is the display order inside a form. */
export const FIELDS: Readonly<Record<FieldName, FieldDef>> = {
  transactionId: field('transactionId', 'reference', { help: true, maxLength: 64 }),
  time: field('time', 'datetime', { help: true }),
  amount: field('amount', 'amount', { help: true }),
  currency: field('currency', 'currency', { help: true }),
  counterparty: field('counterparty', 'text', { help: true, maxLength: 100 }),
  paymentMethod: field('paymentMethod', 'paymentMethod', { help: true, maxLength: 40 }),
  errorText: field('errorText', 'text', { help: true, maxLength: 500 }),
  failedStep: field('failedStep', 'select', { options: ['confirm', 'verify', 'bank', 'unknown'] }),
  retryCount: field('retryCount', 'integer'),
  moneyTaken: field('moneyTaken', 'boolean', { help: true }),
  merchantOrderNo: field('merchantOrderNo', 'reference', { maxLength: 64 }),
  secondTransactionId: field('secondTransactionId', 'reference', { help: true, maxLength: 64 }),
  secondPending: field('secondPending', 'boolean'),
  refundExpectedDate: field('refundExpectedDate', 'date'),
  refundReference: field('refundReference', 'reference', { maxLength: 64 }),
  recipientBank: field('recipientBank', 'text', { maxLength: 100 }),
  recipientAccountLast4: field('recipientAccountLast4', 'last4', { help: true }),
  transferRail: field('transferRail', 'select', { options: ['local', 'swift', 'other'] }),
  trackingReference: field('trackingReference', 'reference', { maxLength: 64 }),
  channel: field('channel', 'select', { options: ['bank_card', 'online_banking', 'other'] }),
  intendedRecipient: field('intendedRecipient', 'text', { help: true, maxLength: 100 }),
  expectedBalance: field('expectedBalance', 'balance'),
  shownBalance: field('shownBalance', 'balance'),
  lastCorrectTransactionId: field('lastCorrectTransactionId', 'reference', { maxLength: 64 }),
  stillHasCard: field('stillHasCard', 'boolean'),
  noticedAt: field('noticedAt', 'datetime'),
  sharedCode: field('sharedCode', 'boolean'),
  someoneWithAccess: field('someoneWithAccess', 'boolean'),
  // Someone pretending to be us: what contacted the user, and what the checker said of it.
  contactKind: field('contactKind', 'select', { options: ['phone', 'web', 'email', 'social'] }),
  contactValue: field('contactValue', 'text', { help: true, maxLength: 200 }),
  verdict: field('verdict', 'select', { options: ['lookalike', 'notOurs', 'knownScam'] }),
  checkedAt: field('checkedAt', 'datetime'),
  description: field('description', 'textarea', { help: true, maxLength: DESCRIPTION_MAX }),
}

/** Screenshots are attachment refs, not values; the form shows them with these keys. */
export const SCREENSHOTS = {
  labelKey: 'report.field.screenshots.label',
  helpKey: 'report.field.screenshots.help',
  max: 5,
} as const satisfies { labelKey: ReportsKey; helpKey: ReportsKey; max: number }

/** Names of the fields holding order / transaction numbers. */
export const REFERENCE_FIELDS: readonly FieldName[] = (Object.values(FIELDS) as FieldDef[])
  .filter((f) => f.kind === 'reference')
  .map((f) => f.name)
