/**
 * The report categories' ids: the one list that the `ReportCategory` type, the transports' and
 * the bridge's schemas, the contact view and the reference server read. Their definitions
 * (fields, priority, guidance) are in `categories.ts`; this file stays tiny so a schema can
 * import it without them.
 */
export const REPORT_CATEGORIES = [
  'payment_failed',
  'charged_not_received',
  'duplicate_charge',
  'refund_not_received',
  'transfer_delayed',
  'topup_failed',
  'withdrawal_failed',
  'wrong_recipient',
  'balance_wrong',
  'unauthorized',
  'impersonation',
  'other',
] as const

/** Transaction-problem categories (see src/reports). */
export type ReportCategory = (typeof REPORT_CATEGORIES)[number]
