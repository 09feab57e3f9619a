/**
 * The detectors, one per kind. Each reads the width-folded text, skips what an earlier rule
 * already claimed, and claims what it hides. The caller runs them in the reference order:
 * CN ID → IBAN → card → CN mobile → e-mail → secrets.
 */
import { cnIdValid, cnLegacyIdShape, ibanValid, isCalendarDate, luhnValid } from './checksums.js'
import { IBAN_LENGTHS } from './ibanLengths.js'
import { SECRET_MASK, maskCard, maskCnId, maskEmail, maskIban, maskPhone } from './mask.js'
import { type Claims, type DigitGroup, idLabelBefore, isAsciiAlnum, orderLabelBefore } from './scan.js'
import type { FindingKind, Hit } from './types.js'

/** Shared state of one redaction pass. */
export interface ScanContext {
  text: string
  runs: DigitGroup[][]
  claims: Claims
  hits: Hit[]
  reference: boolean
}

function push(ctx: ScanContext, kind: FindingKind, start: number, end: number, replacement: string): void {
  ctx.claims.claim(start, end)
  ctx.hits.push({ kind, start, end, replacement })
}

/** A candidate accepted by a digit rule: what to show instead, and an optional earlier start. */
interface Accepted {
  replacement: string
  start?: number
}

/**
 * Tries every contiguous slice of whole groups of `minLen`–`maxLen` characters and keeps the
 * longest accepted slice from each starting group. Cost: groups × maxLen, i.e. linear.
 */
function scanDigitRule(
  ctx: ScanContext,
  kind: FindingKind,
  [minLen, maxLen]: readonly [number, number],
  accept: (chars: string, start: number) => Accepted | null,
): void {
  const { text, claims } = ctx
  for (const groups of ctx.runs) {
    // One compact string per run plus group offsets: candidates are plain slices of it.
    let compact = ''
    const offsets: number[] = [0]
    const open: boolean[] = []
    for (const g of groups) {
      compact += text.slice(g.start, g.end)
      offsets.push(compact.length)
      open.push(g.usable && claims.free(g.start, g.end))
    }
    let i = 0
    while (i < groups.length) {
      const first = groups[i]
      const from = offsets[i] ?? 0
      if (!first) break
      let best: { j: number; accepted: Accepted } | null = null
      for (let j = i; j < groups.length && open[j] === true; j++) {
        const len = (offsets[j + 1] ?? 0) - from
        if (len > maxLen) break
        if (len < minLen) continue
        const accepted = accept(compact.slice(from, from + len), first.start)
        if (accepted) best = { j, accepted }
      }
      const last = best ? groups[best.j] : undefined
      if (best && last) {
        push(ctx, kind, best.accepted.start ?? first.start, last.end, best.accepted.replacement)
        for (let k = i; k <= best.j; k++) open[k] = false
        i = best.j + 1
      } else {
        i++
      }
    }
  }
}

/** 18-character resident IDs (check character + birth date); 15-digit legacy IDs only after an ID label. */
export function detectCnIds(ctx: ScanContext): void {
  scanDigitRule(ctx, 'cn_id', [15, 18], (chars, start) => {
    if (chars.length === 18 && cnIdValid(chars)) return { replacement: maskCnId(chars) }
    if (chars.length === 15 && cnLegacyIdShape(chars) && idLabelBefore(ctx.text, start)) {
      return { replacement: maskCnId(chars) }
    }
    return null
  })
}

const CN_PHONE = /^(?:0086|86)?1[3-9]\d{9}$/
const CN_PHONE_WITH_CC = /^(?:0086|86)1[3-9]\d{9}$/

/** `YYYYMMDDhhmmss`: a compact timestamp, common in order numbers and logs. */
function compactTimestamp(chars: string): boolean {
  const year = Number(chars.slice(0, 4))
  if (year < 1970 || year > 2099) return false
  if (!isCalendarDate(year, Number(chars.slice(4, 6)), Number(chars.slice(6, 8)))) return false
  return Number(chars.slice(8, 10)) < 24 && Number(chars.slice(10, 12)) < 60 && Number(chars.slice(12, 14)) < 60
}

/** Card numbers: 13–19 digits passing Luhn, or UnionPay `62` + 16–19 digits even without Luhn. */
export function detectCards(ctx: ScanContext): void {
  if (ctx.reference) return
  scanDigitRule(ctx, 'card', [13, 19], (chars, start) => {
    if (!/^\d{13,19}$/.test(chars)) return null
    const unionPay = chars.startsWith('62') && chars.length >= 16
    if (!unionPay && !luhnValid(chars)) return null
    // Shaped like a phone number (`+…`, `86 138…`) or a timestamp: not a card.
    if (ctx.text[start - 1] === '+' || CN_PHONE_WITH_CC.test(chars)) return null
    if (chars.length === 14 && compactTimestamp(chars)) return null
    if (orderLabelBefore(ctx.text, start)) return null
    return { replacement: maskCard(chars) }
  })
}

/** Mainland mobile numbers, `+86`/`86`/`0086` optional, digits grouped or not. */
export function detectPhones(ctx: ScanContext): void {
  if (ctx.reference) return
  scanDigitRule(ctx, 'phone', [11, 15], (chars, start) => {
    if (!CN_PHONE.test(chars) || orderLabelBefore(ctx.text, start)) return null
    const plus = ctx.text[start - 1] === '+'
    return plus ? { replacement: maskPhone(chars, true), start: start - 1 } : { replacement: maskPhone(chars, false) }
  })
}

const IBAN_START = /[A-Za-z]{2}\d{2}/g

/**
 * IBANs, compact or printed in groups of four. Known countries must have their registry
 * length; unknown ones are only accepted written without spaces.
 */
export function detectIbans(ctx: ScanContext): void {
  const { text } = ctx
  for (const m of text.matchAll(IBAN_START)) {
    const start = m.index
    if (isAsciiAlnum(text[start - 1])) continue
    const want = IBAN_LENGTHS[text.slice(start, start + 2).toUpperCase()]
    let compact = ''
    let p = start
    let end = -1
    while (p < text.length && compact.length < 34) {
      const ch = text[p] ?? ''
      if (isAsciiAlnum(ch)) {
        compact += ch.toUpperCase()
        p++
        if (want !== undefined && compact.length === want) {
          if (!isAsciiAlnum(text[p])) end = p
          break
        }
      } else if (ch === ' ' && want !== undefined && isAsciiAlnum(text[p + 1])) {
        p++
      } else {
        break
      }
    }
    if (want === undefined && compact.length >= 15 && !isAsciiAlnum(text[p])) end = p
    if (end < 0 || !ibanValid(compact) || !ctx.claims.free(start, end)) continue
    push(ctx, 'iban', start, end, maskIban(compact))
  }
}

const LOCAL_CHAR = /[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]/
const DOMAIN_CHAR = /[A-Za-z0-9.-]/
const DOMAIN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/

/** E-mail addresses (WHATWG `<input type=email>` grammar, plus a dotted domain with a letter TLD). */
export function detectEmails(ctx: ScanContext): void {
  const { text } = ctx
  // Expanding outwards from each `@` keeps the cost linear, unlike a regex anchored on the local part.
  for (let at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
    let l = at
    while (l > 0 && at - l < 64 && LOCAL_CHAR.test(text[l - 1] ?? '')) l--
    while (text[l] === '.') l++
    let r = at + 1
    while (r < text.length && r - at <= 253 && DOMAIN_CHAR.test(text[r] ?? '')) r++
    while (r > at + 1 && (text[r - 1] === '.' || text[r - 1] === '-')) r--
    const local = text.slice(l, at)
    const domain = text.slice(at + 1, r)
    const tld = domain.slice(domain.lastIndexOf('.') + 1)
    if (local === '' || !DOMAIN.test(domain) || !/[A-Za-z]/.test(tld)) continue
    if (!ctx.claims.free(l, r)) continue
    push(ctx, 'email', l, r, maskEmail(local, domain))
  }
}

// Connectors between a keyword and its value: "验证码是 384921", "CVV: 123", "code is 1234".
const JOIN = String.raw`[ \t:=]{0,4}(?:是|为|is)?[ \t:=]{0,4}`
const CODE_WORDS = String.raw`验证码|校验码|动态码|短信码|确认码|动态密码|支付密码|交易密码|取款密码|\bOTP|\bone[- ]?time (?:pass)?code|\b(?:verification|security|sms|login|auth|authentication) code|\bpasscode|\bPIN(?: ?code|码)?`
const CVV_WORDS = String.raw`(?:\bCVV2?|\bCVC2?|\bCVN2?)码?|安全码|(?:卡)?背面(?:后)?三位(?:数字|数)?|卡背(?:后)?三位(?:数字|数)?`
const OTP_RULE = new RegExp(String.raw`(?:${CODE_WORDS})${JOIN}(\d{4,8})(?!\d)`, 'gi')
const CVV_RULE = new RegExp(String.raw`(?:${CVV_WORDS})${JOIN}(\d{3,4})(?!\d)`, 'gi')
const ZH_PASSWORD = new RegExp(
  String.raw`(?:(?:登录|登陆|支付|交易|取款|账户|账号|银行卡)?密码|口令)${JOIN}([A-Za-z0-9!@#$%^&*_+=?~-][\x21-\x7e]{1,63})`,
  'g',
)
const EN_PASSWORD = /\b(?:password|passwd|pwd|passcode)(?![A-Za-z])([ \t]{0,3}(?:[:=]|is\b)?[ \t]{0,3})([\x21-\x7e]{1,64})/gi
const TRAILING_PUNCT = /[.,;:!?)\]}'"]+$/

function pushSecret(ctx: ScanContext, valueEnd: number, value: string): void {
  const trimmed = value.replace(TRAILING_PUNCT, '')
  if (trimmed === '') return
  const start = valueEnd - value.length
  const end = start + trimmed.length
  if (ctx.claims.free(start, end)) push(ctx, 'secret', start, end, SECRET_MASK)
}

/** CVV, PIN, one-time codes and passwords, found by the words around them; only the value is hidden. */
export function detectSecrets(ctx: ScanContext): void {
  for (const rule of [OTP_RULE, CVV_RULE, ZH_PASSWORD]) {
    for (const m of ctx.text.matchAll(rule)) {
      const value = m[1]
      if (value !== undefined) pushSecret(ctx, m.index + m[0].length, value)
    }
  }
  for (const m of ctx.text.matchAll(EN_PASSWORD)) {
    const join = m[1] ?? ''
    const value = m[2]
    if (value === undefined) continue
    // "password is wrong" is prose; "password is hunter2" or "password: abc" is a secret.
    const strong = join.includes(':') || join.includes('=')
    if (!strong && /^[A-Za-z]+[.,;:!?]*$/.test(value)) continue
    pushSecret(ctx, m.index + m[0].length, value)
  }
}
