/**
 * The transaction-problem categories (eleven from (shared/reference/wallet-domain.md §1.2, plus
 * `impersonation` for a fake support contact), as data.
 * The UI renders a form from a category; the validator and ticket builder read the same object.
 */
import type { Priority, ReportCategory } from '../types.js'
import type { FieldName, ReportsKey } from './fields.js'

/** Fields filled from the transaction the user picked (or the host passed to `open('report')`). */
export type TransactionField = Extract<
  FieldName,
  'transactionId' | 'time' | 'amount' | 'currency' | 'counterparty' | 'paymentMethod'
>

export interface CategoryDef {
  id: ReportCategory
  labelKey: ReportsKey
  hintKey: ReportsKey
  /** Must be filled before submitting. Always includes `description`. */
  required: readonly FieldName[]
  optional: readonly FieldName[]
  /** Which fields a TransactionRef fills in (a subset of required + optional). */
  prefill: readonly TransactionField[]
  priority: Priority
  /** Show the fraud guidance before the form and route to a human at top priority. */
  urgent: boolean
  /** Blocking guidance panel to show first, with its catalog keys in display order. */
  guidance?: { kind: 'fraud'; keys: readonly ReportsKey[] }
  /** "Use another category instead" hint: when `field` equals `equals`, suggest `category`. */
  suggest?: { field: FieldName; equals: boolean; category: ReportCategory; messageKey: ReportsKey }
}

const ALL_TX: readonly TransactionField[] = [
  'transactionId',
  'time',
  'amount',
  'currency',
  'counterparty',
  'paymentMethod',
]

/** The fraud panel: freeze first, then the hotline, the warning, the police. */
export const FRAUD_GUIDANCE_KEYS: readonly ReportsKey[] = [
  'report.guidance.fraud.title',
  'report.guidance.fraud.freeze',
  'report.guidance.fraud.hotline',
  'report.guidance.fraud.stopContact',
  'report.guidance.fraud.neverAsk',
  'report.guidance.fraud.police',
]

type Spec = Omit<CategoryDef, 'id' | 'labelKey' | 'hintKey' | 'priority' | 'urgent' | 'prefill'> &
  Partial<Pick<CategoryDef, 'priority' | 'urgent' | 'prefill'>>

function define(id: ReportCategory, spec: Spec): CategoryDef {
  const fields = new Set<FieldName>([...spec.required, ...spec.optional])
  return {
    id,
    labelKey: `report.category.${id}.label`,
    hintKey: `report.category.${id}.hint`,
    priority: 'normal',
    urgent: false,
    ...spec,
    prefill: (spec.prefill ?? ALL_TX).filter((f) => fields.has(f)),
  }
}

/** All categories, in the order the picker shows them. */
export const categories: readonly CategoryDef[] = [
  define('payment_failed', {
    required: ['time', 'amount', 'currency', 'description'],
    optional: ['transactionId', 'counterparty', 'paymentMethod', 'errorText', 'failedStep', 'retryCount', 'moneyTaken'],
    suggest: {
      field: 'moneyTaken',
      equals: true,
      category: 'charged_not_received',
      messageKey: 'report.suggest.moneyTaken',
    },
  }),
  define('charged_not_received', {
    required: ['transactionId', 'time', 'amount', 'currency', 'counterparty', 'description'],
    optional: ['paymentMethod', 'merchantOrderNo', 'errorText'],
  }),
  define('duplicate_charge', {
    required: ['transactionId', 'secondTransactionId', 'time', 'amount', 'currency', 'description'],
    optional: ['counterparty', 'paymentMethod', 'secondPending'],
  }),
  define('refund_not_received', {
    required: ['counterparty', 'amount', 'currency', 'refundExpectedDate', 'description'],
    optional: ['transactionId', 'time', 'paymentMethod', 'refundReference'],
  }),
  define('transfer_delayed', {
    required: ['transactionId', 'time', 'amount', 'currency', 'recipientBank', 'recipientAccountLast4', 'description'],
    optional: ['counterparty', 'transferRail', 'trackingReference', 'errorText'],
  }),
  define('topup_failed', {
    required: ['time', 'amount', 'currency', 'paymentMethod', 'description'],
    optional: ['transactionId', 'channel', 'errorText', 'moneyTaken'],
  }),
  define('withdrawal_failed', {
    required: ['time', 'amount', 'currency', 'paymentMethod', 'description'],
    optional: ['transactionId', 'errorText', 'moneyTaken'],
  }),
  define('wrong_recipient', {
    required: ['transactionId', 'time', 'amount', 'currency', 'counterparty', 'intendedRecipient', 'description'],
    optional: ['paymentMethod'],
    priority: 'high',
  }),
  define('balance_wrong', {
    required: ['currency', 'expectedBalance', 'shownBalance', 'description'],
    optional: ['lastCorrectTransactionId', 'time'],
    // The picked transaction is not the balance problem itself; only its currency helps.
    prefill: ['currency'],
  }),
  define('unauthorized', {
    required: ['transactionId', 'time', 'amount', 'currency', 'stillHasCard', 'noticedAt', 'description'],
    optional: ['counterparty', 'paymentMethod', 'sharedCode', 'someoneWithAccess'],
    priority: 'urgent',
    urgent: true,
    guidance: { kind: 'fraud', keys: FRAUD_GUIDANCE_KEYS },
  }),
  // Someone posing as our support (a call, a link, an account). Filed from the checker with what
  // was checked and when; needs no transaction, and is urgent like fraud since money may follow.
  define('impersonation', {
    required: ['contactKind', 'contactValue', 'description'],
    optional: ['verdict', 'checkedAt', 'sharedCode'],
    priority: 'high',
    prefill: [],
  }),
  define('other', {
    required: ['description'],
    optional: ['transactionId', 'time', 'amount', 'currency', 'counterparty', 'paymentMethod', 'errorText'],
  }),
]

const byId = new Map<string, CategoryDef>(categories.map((c) => [c.id, c]))

/**
 * The definition of a category, or undefined for an unknown id.
 *
 * @example
 * getCategory('unauthorized')?.urgent // true
 */
export function getCategory(id: string): CategoryDef | undefined {
  return byId.get(id)
}

/** Every field of a category in display order: required and optional, `description` last. */
export function categoryFields(category: CategoryDef): FieldName[] {
  const names = [...category.required, ...category.optional].filter((f) => f !== 'description')
  return [...names, 'description']
}
