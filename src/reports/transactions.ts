/** Transactions in the report form: the host's recent list and the date-time input format. */
import type { SupportClient } from '../client.js'
import type { TransactionRef } from '../types.js'

/** Loose shape check for a TransactionRef that came from host code or `open()` params. */
export function isTransactionRef(value: unknown): value is TransactionRef {
  const v = value as Partial<TransactionRef> | null
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.id === 'string' &&
    v.id !== '' &&
    typeof v.time === 'string' &&
    typeof v.amount === 'string' &&
    typeof v.currency === 'string'
  )
}

/**
 * The host's recent transactions (`getRecentTransactions` option), most recent first as the
 * host returns them. Malformed entries are skipped; a failing callback yields an empty list.
 */
export async function recentTransactions(
  client: Pick<SupportClient, 'options'>,
  limit = 20,
): Promise<TransactionRef[]> {
  const get = client.options.getRecentTransactions
  if (!get) return []
  try {
    const list = await get()
    return Array.isArray(list) ? list.filter(isTransactionRef).slice(0, limit) : []
  } catch {
    return []
  }
}

const pad = (n: number) => String(n).padStart(2, '0')

/**
 * An ISO time with offset as a `<input type="datetime-local">` value in the device's time
 * zone (that input has no zone). Empty for anything unparseable.
 *
 * @example
 * toLocalInput('2026-11-23T09:30:00+08:00') // '2026-11-23T09:30' on a device in UTC+8
 */
export function toLocalInput(iso: string | undefined): string {
  if (!iso) return ''
  const at = Date.parse(iso)
  if (Number.isNaN(at)) return ''
  const d = new Date(at)
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`
}

/**
 * A `datetime-local` value back to ISO-8601 with the device's offset for that moment (which
 * may differ from today's offset across a daylight-saving change). Empty input stays empty.
 *
 * @example
 * fromLocalInput('2026-11-23T09:30') // '2026-11-23T09:30:00+08:00' on a device in UTC+8
 */
export function fromLocalInput(local: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?/.exec(local)
  if (!m) return local
  const [, y, mo, d, h, mi, s = '00'] = m
  const date = new Date(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s))
  const offset = -date.getTimezoneOffset()
  const sign = offset >= 0 ? '+' : '-'
  const abs = Math.abs(offset)
  return `${y}-${mo}-${d}T${h}:${mi}:${s}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
}
