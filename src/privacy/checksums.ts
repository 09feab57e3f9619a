/**
 * Check-digit algorithms used by the detectors. All take already-normalised input (ASCII,
 * no separators) and never throw.
 */

/** Luhn / ISO 7812 mod 10 over a string of ASCII digits. */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false
  let sum = 0
  let double = false
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48
    if (double) {
      d *= 2
      if (d > 9) d -= 9
    }
    sum += d
    double = !double
  }
  return sum % 10 === 0
}

/** Remainder mod 97 of the IBAN digit string, computed step by step to avoid BigInt. */
function ibanRemainder(rearranged: string): number {
  let rem = 0
  for (const ch of rearranged) {
    const code = ch.charCodeAt(0)
    if (code >= 48 && code <= 57) {
      rem = (rem * 10 + (code - 48)) % 97
    } else if (code >= 65 && code <= 90) {
      // Letters expand to two digits (A=10 ... Z=35).
      rem = (rem * 100 + (code - 55)) % 97
    } else {
      return -1
    }
  }
  return rem
}

/** ISO 13616 check (MOD 97-10). Input: upper-case, spaces removed. */
export function ibanValid(iban: string): boolean {
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban)) return false
  return ibanRemainder(iban.slice(4) + iban.slice(0, 4)) === 1
}

/** The two IBAN check digits for a country code and BBAN (used by tests and fixtures). */
export function ibanCheckDigits(country: string, bban: string): string {
  const rem = ibanRemainder(bban.toUpperCase() + country.toUpperCase() + '00')
  return String(98 - rem).padStart(2, '0')
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const
const ID_CHECK = '10X98765432'

/** The GB 11643-1999 check character (ISO 7064 MOD 11-2) for the first 17 digits. */
export function cnIdCheckChar(first17: string): string {
  let sum = 0
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * (ID_WEIGHTS[i] ?? 0)
  return ID_CHECK[sum % 11] ?? ''
}

/** A real calendar date (proleptic Gregorian). */
export function isCalendarDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0
  return day <= days
}

/**
 * An 18-character resident ID: area code starting 1-8, valid birth date (1800-2099), correct
 * check character. Upper- or lower-case `x` accepted.
 */
export function cnIdValid(id: string): boolean {
  if (!/^[1-8]\d{16}[\dXx]$/.test(id)) return false
  const year = Number(id.slice(6, 10))
  if (year < 1800 || year > 2099) return false
  if (!isCalendarDate(year, Number(id.slice(10, 12)), Number(id.slice(12, 14)))) return false
  return cnIdCheckChar(id.slice(0, 17)) === id.charAt(17).toUpperCase()
}

/**
 * An 18-character resident ID's layout without its check: area code starting 1-8, a real birth
 * date in 1900-2099, a sequence and a digit or `X` where the check character goes.
 */
export function cnIdShape(id: string): boolean {
  if (!/^[1-8]\d{5}(?:19|20)\d{9}[\dXx]$/.test(id)) return false
  return isCalendarDate(Number(id.slice(6, 10)), Number(id.slice(10, 12)), Number(id.slice(12, 14)))
}

/**
 * The legacy 15-digit ID (GB 11643-1989): area + YYMMDD (born 19YY) + sequence, no check digit.
 * The area code starts with a mainland province (11–15, 21–23, 31–37, 41–46, 50–54, 61–65) and
 * names a city in it (not `00`).
 */
export function cnLegacyIdShape(id: string): boolean {
  if (!/^(?:1[1-5]|2[1-3]|3[1-7]|4[1-6]|5[0-4]|6[1-5])(?!00)\d{13}$/.test(id)) return false
  return isCalendarDate(1900 + Number(id.slice(6, 8)), Number(id.slice(8, 10)), Number(id.slice(10, 12)))
}
