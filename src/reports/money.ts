import { hasOwn } from '../hasOwn.js'
/**
 * Amounts and currencies. Amounts stay decimal strings end to end (never floats). Minor units
 * come from ISO 4217 rather than Intl, because engines disagree (CLDR shows e.g. HUF or TWD
 * with 0 digits in some versions) and a report must validate the same everywhere.
 */

/** ISO 4217 currencies whose minor unit is not 2. */
const MINOR_UNITS: Readonly<Record<string, number>> = {
  BIF: 0,
  CLP: 0,
  DJF: 0,
  GNF: 0,
  ISK: 0,
  JPY: 0,
  KMF: 0,
  KRW: 0,
  PYG: 0,
  RWF: 0,
  UGX: 0,
  UYI: 0,
  VND: 0,
  VUV: 0,
  XAF: 0,
  XOF: 0,
  XPF: 0,
  BHD: 3,
  IQD: 3,
  JOD: 3,
  KWD: 3,
  LYD: 3,
  OMR: 3,
  TND: 3,
  CLF: 4,
  UYW: 4,
}

/** Number of decimals a currency allows (2 unless ISO 4217 says otherwise). */
export function minorUnits(currency: string): number {
  return hasOwn(MINOR_UNITS, currency) ? MINOR_UNITS[currency]! : 2
}

let known: ReadonlySet<string> | null | undefined

/**
 * Whether `code` is an ISO-4217 code. Uses `Intl.supportedValuesOf` where the engine has it;
 * older WebViews fall back to the shape check only.
 */
export function isCurrencyCode(code: string): boolean {
  if (!/^[A-Z]{3}$/.test(code)) return false
  if (known === undefined) {
    const intl = Intl as { supportedValuesOf?: (key: string) => string[] }
    try {
      known = typeof intl.supportedValuesOf === 'function' ? new Set(intl.supportedValuesOf('currency')) : null
    } catch {
      known = null
    }
  }
  return known === null || known.has(code)
}

const GROUPED = /^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/
const DECIMAL = /^(?:0|[1-9]\d{0,11})(?:\.(\d{1,6}))?$/

/**
 * Normalises what a user typed: full-width digits, grouping commas (`1,234.56`), surrounding
 * spaces. Returns null when it is not a plain non-negative decimal with at most 12 integer digits.
 * `decimals` ignores trailing zeros, so `1000.00` JPY is accepted as 1000.
 */
export function parseDecimal(input: string): { value: string; decimals: number; zero: boolean } | null {
  let s = input.trim().replace(/[\uff10-\uff19\uff0e\uff0c]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
  if (GROUPED.test(s)) s = s.replace(/,/g, '')
  const m = DECIMAL.exec(s)
  if (!m) return null
  return { value: s, decimals: (m[1] ?? '').replace(/0+$/, '').length, zero: /^[0.]+$/.test(s) }
}

/** `128.5` + CNY → `128.50`; `1000.00` + JPY → `1000`. Assumes the significant decimals fit. */
export function padAmount(value: string, currency: string): string {
  const digits = minorUnits(currency)
  if (digits === 0) return value.split('.')[0] ?? value
  const [int, frac = ''] = value.split('.')
  return `${int}.${frac.padEnd(digits, '0').slice(0, digits)}`
}
