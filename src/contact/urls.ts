/**
 * Validation of the addresses a contact channel may carry. Everything the panel turns into a
 * link passes here first, so a misconfigured or tampered option can never become a
 * `javascript:` link, a plain-http page or a phone number with hidden dial codes.
 * Kept dependency-free: the option validator (initial bundle) uses it too.
 */

/** Digits of a phone number after separators are removed: an optional `+`, 3–20 digits. */
export const TEL = /^\+?\d{3,20}$/
/** A conservative e-mail address: no characters that would need escaping inside a mailto: URL. */
const EMAIL = /^[\w.+-]{1,64}@(?:[A-Za-z\d-]{1,63}\.)+[A-Za-z\d-]{2,63}$/

/**
 * The `tel:` URL for a phone number, or undefined when it holds anything but digits (an
 * optional leading `+`, and spaces, dots, dashes or brackets as visual separators).
 * @example telHref('+86 (10) 9518-8000') // 'tel:+861095188000'
 */
export function telHref(number: string): string | undefined {
  const digits = number.replace(/[\s().-]/g, '')
  return TEL.test(digits) ? `tel:${digits}` : undefined
}

/** The normalised URL if `raw` is an absolute https URL without embedded credentials. */
export function httpsUrl(raw: string): string | undefined {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return undefined
  }
  if (url.protocol !== 'https:' || !url.hostname || url.username || url.password) return undefined
  return url.href
}

/** Whether `address` is a plain e-mail address that can go into a mailto: URL unescaped. */
export function isEmailAddress(address: string): boolean {
  return address.length <= 254 && EMAIL.test(address)
}

/** Whether `zone` is an IANA time zone this engine knows (e.g. `Asia/Shanghai`). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone })
    return true
  } catch {
    return false
  }
}

/** `HH:MM` from 00:00 to 24:00 (24:00 only makes sense as a closing time). */
export const HHMM = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/

/** A real calendar date `YYYY-MM-DD` (Date rolls 02-30 over to March, so it fails the round trip). */
export function isDateKey(s: string): boolean {
  const d = new Date(`${s}T00:00Z`)
  return /^\d{4}-\d\d-\d\d$/.test(s) && !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s)
}
