/**
 * UI-facing helpers of the category picker: which category a tapped transaction most likely
 * belongs to (from its status and kind), and how the picker groups categories by urgency.
 */
import type { ReportCategory, TransactionRef } from '../types.js'
import { type CategoryDef, categories } from './categories.js'

/**
 * The category a transaction's status suggests, or undefined when it says nothing useful.
 *
 * @example
 * guessCategory({ status: 'failed', kind: 'payment' }) // 'payment_failed'
 * guessCategory({ status: 'pending', kind: 'transfer' }) // 'transfer_delayed'
 */
export function guessCategory(tx: Pick<TransactionRef, 'status' | 'kind'> | undefined): ReportCategory | undefined {
  if (!tx?.status) return undefined
  const kind = (tx.kind ?? '').toLowerCase().replace(/[^a-z]/g, '')
  const is = (...names: string[]) => names.includes(kind)
  switch (tx.status) {
    case 'failed':
      if (is('topup', 'recharge', 'deposit')) return 'topup_failed'
      if (is('withdrawal', 'withdraw', 'cashout')) return 'withdrawal_failed'
      if (is('transfer')) return 'transfer_delayed'
      return 'payment_failed'
    case 'pending':
      if (is('transfer')) return 'transfer_delayed'
      if (is('refund')) return 'refund_not_received'
      if (is('topup', 'recharge', 'deposit')) return 'topup_failed'
      if (is('withdrawal', 'withdraw', 'cashout')) return 'withdrawal_failed'
      return 'charged_not_received'
    case 'refunded':
    case 'reversed':
      return 'refund_not_received'
    case 'succeeded':
      return is('transfer') ? 'wrong_recipient' : undefined
  }
}

export type CategoryGroup = 'urgent' | 'money' | 'other'

/** Urgent (fraud, money sent to the wrong person, fake support) first, then money problems, then "other". */
export function groupOf(def: CategoryDef): CategoryGroup {
  if (def.urgent || def.priority === 'urgent' || def.priority === 'high') return 'urgent'
  return def.id === 'other' ? 'other' : 'money'
}

/** The picker's groups in display order, each with its categories in catalog order. */
export function groupedCategories(): Array<{ group: CategoryGroup; items: CategoryDef[] }> {
  const order: CategoryGroup[] = ['urgent', 'money', 'other']
  return order.map((group) => ({ group, items: categories.filter((c) => groupOf(c) === group) }))
}

/**
 * A 24×24 outline icon per category (SVG path data, drawn with `stroke="currentColor"`), so the
 * picker is scannable without reading every label. Decorative: the label carries the meaning.
 */
export const CATEGORY_ICONS: Readonly<Record<ReportCategory, string>> = {
  payment_failed: 'M3 6h18v12H3zM3 10h18M15 14l4 4M19 14l-4 4',
  charged_not_received: 'M3 6h18v12H3zM3 10h18M7 15h4M16 13v4M14 15l2 2 2-2',
  duplicate_charge: 'M5 8h14v10H5zM8 5h14v10M5 12h14',
  refund_not_received: 'M9 14 4 9l5-5M4 9h11a5 5 0 0 1 0 10h-3',
  transfer_delayed: 'M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zM12 7v5l3 3',
  topup_failed: 'M12 19V5M6 11l6-6 6 6M4 21h16',
  withdrawal_failed: 'M12 5v14M6 13l6 6 6-6M4 3h16',
  wrong_recipient: 'M9 7a3 3 0 1 0 0 .1M3 20a6 6 0 0 1 12 0M16 8l5 5M21 8l-5 5',
  balance_wrong: 'M12 3v18M5 7h14M5 7l-3 7h6zM19 7l-3 7h6z',
  unauthorized: 'M12 3 4 6v6c0 5 3.5 8 8 9 4.5-1 8-4 8-9V6zM12 8v5M12 16v.5',
  impersonation:
    'M5 4h4l2 5-2.5 1.5a11 11 0 0 0 5 5L15 13l5 2v4a2 2 0 0 1-2 2A16 16 0 0 1 3 6a2 2 0 0 1 2-2zM16 3l5 5M21 3l-5 5',
  other: 'M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zM9.5 9a2.5 2.5 0 1 1 3.5 2.3c-.6.3-1 .9-1 1.6V14M12 17v.5',
}
