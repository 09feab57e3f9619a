/**
 * Replacement text for each kind. Formats follow the reference: cards and IDs keep only the
 * last 4, phones `138****8000`, e-mail `l***@example.cn`. Secrets get a fixed-length mask so
 * the length of a password or code is not revealed either.
 */

/** Fixed replacement for CVV, PIN, one-time codes and passwords. */
export const SECRET_MASK = '******'

function keepLast(chars: string, keep: number): string {
  const shown = chars.slice(-keep)
  return '*'.repeat(Math.max(0, chars.length - shown.length)) + shown
}

/** `6205 5000 0000 0000 004` → `***************0004` (separators dropped). */
export function maskCard(digits: string): string {
  return keepLast(digits, 4)
}

/** `11010519491231002X` → `**************002X`. */
export function maskCnId(chars: string): string {
  return keepLast(chars.toUpperCase(), 4)
}

/** `GB82WEST12345698765432` → `GB****************5432` (country kept, check digits hidden). */
export function maskIban(compact: string): string {
  return compact.slice(0, 2) + keepLast(compact.slice(2), 4)
}

/** `+8613800138000` → `+86 138****8000`; `13800138000` → `138****8000`. */
export function maskPhone(digits: string, plus: boolean): string {
  const national = digits.slice(-11)
  const prefix = digits.slice(0, digits.length - 11)
  const masked = `${national.slice(0, 3)}****${national.slice(7)}`
  return prefix === '' ? (plus ? `+${masked}` : masked) : `${plus ? '+' : ''}${prefix} ${masked}`
}

/**
 * A phone number outside the mainland, its country code left as typed: `51234567` → `****4567`;
 * `keep` leading digits shown (`0912345678`, 2 → `09****5678`).
 */
export function maskNational(digits: string, keep = 0): string {
  return digits.slice(0, keep) + keepLast(digits.slice(keep), 4)
}

/** `li.lei@example.cn` → `l***@example.cn`. */
export function maskEmail(local: string, domain: string): string {
  return `${local.charAt(0)}***@${domain}`
}
