/**
 * Phone numbers as people write them: `+86 10 9518 8000`, `0086-10-95188000`, `010 9518 8000`,
 * `９５１８８`, `(010) 95188000`. Everything becomes one canonical key, so equal numbers compare
 * equal whatever their form.
 *
 * Why not libphonenumber-js: its smallest build (min metadata) is ~25 KB brotli in a chunk, five
 * times this whole checker, and it still cannot validate the numbers wallet operators publish
 * (short service numbers such as 95188 are "invalid" to it). The checker only has to compare a
 * number with a handful of official ones, which needs normalization, not a numbering plan.
 */
import { editDistance } from './skeleton.js'

/** Canonical form: country code (when known) and national significant number. */
export interface PhoneKey {
  /** `86` for China (also assumed for national forms), another code, or '' when unknown. */
  cc: string
  nsn: string
}

const SEPARATORS = /[\s\u00a0\u3000().\-\u2010-\u2015\u2212/]/g

/**
 * Reads a typed number, or undefined when it is not one (letters, too few digits).
 * A `+` or `00` starts an international number; otherwise it is national to `defaultCc`.
 *
 * @example parsePhone('+86 10 9518-8000') // { cc: '86', nsn: '1095188000' }
 * @example parsePhone('010 9518 8000')     // { cc: '86', nsn: '1095188000' }
 */
export function parsePhone(raw: string, defaultCc = '86'): PhoneKey | undefined {
  const s = raw.normalize('NFKC').replace(/^tel:/i, '').replace(SEPARATORS, '')
  if (!/^\+?\d{3,20}$/.test(s)) return undefined
  let digits = s
  let international = false
  if (digits.startsWith('+')) [digits, international] = [digits.slice(1), true]
  else if (digits.startsWith('00')) [digits, international] = [digits.slice(2), true]
  if (international) {
    if (digits.startsWith('86')) return { cc: '86', nsn: digits.slice(2).replace(/^0/, '') }
    return { cc: '', nsn: digits }
  }
  // A national mobile typed with the country code but no `+` (8613800138000).
  if (defaultCc === '86' && /^861[3-9]\d{9}$/.test(digits)) return { cc: '86', nsn: digits.slice(2) }
  return { cc: defaultCc, nsn: digits.replace(/^0/, '') }
}

/** One string per number, for equality. */
export const phoneKey = (k: PhoneKey) => `${k.cc}:${k.nsn}`

export type PhoneLookalike =
  /** The official number with digits added around it, e.g. `+95188`, `95188-1`, `1095188xxxx`. */
  | 'containsOfficial'
  /** One or two digits changed, added, dropped or swapped. */
  | 'similarNumber'

/** How a number that is not ours imitates `official`, or undefined. */
export function phoneLookalike(number: PhoneKey, official: PhoneKey): PhoneLookalike | undefined {
  const theirs = number.nsn
  const ours = official.nsn
  if (theirs === ours && number.cc !== official.cc) return 'containsOfficial'
  if (ours.length >= 5 && theirs.length > ours.length && theirs.includes(ours)) return 'containsOfficial'
  // Short numbers (95188) are close to other companies' real ones: allow only one edit there.
  const allowed = ours.length >= 7 ? 2 : 1
  if (ours.length >= 5 && editDistance(theirs, ours, allowed) <= allowed) return 'similarNumber'
  return undefined
}
