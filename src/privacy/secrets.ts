/**
 * Secrets named by the words around them: one-time codes, CVV, PIN and passwords, in zh-CN,
 * zh-TW and English sentences. The phrase may come before the value ("my code is 384921",
 * "验证码\n3 8 4 9 2 1") or after it ("384921 是验证码"). Only the value is hidden.
 *
 * Reads the normalised text (ASCII digits, no invisibles), so every pattern here is ASCII- and
 * ideograph-only, and each is either a bounded hand-written scan or a regex without nested
 * unbounded repetition: the cost stays linear in the text length.
 */
import type { ScanContext } from './detectors.js'
import { push } from './detectors.js'
import { isCalendarDate } from './checksums.js'
import { SECRET_MASK } from './mask.js'
import { ZH_DIGITS, isAsciiLetter, isDigit } from './scan.js'

type Family = 'cvv' | 'pin' | 'code' | 'password'

/** Digits a value of each family may have. */
// A card's "security code" is its CVV (3–4 digits), a bank's is an SMS code (6–8): the family takes both.
const LENGTHS: Record<Family, readonly [number, number]> = { cvv: [3, 8], pin: [4, 8], code: [4, 8], password: [4, 12] }

// `背面三位`, `卡背面的三位数`, `背面3位数字`, `背面末三碼`, `背面後三碼`: the three digits printed on the back of the card.
const ZH_CVV = String.raw`安全[码碼]|(?:卡)?背(?:面|后|後)?(?:后|後)?的?(?:末|最[后後])?[三3](?:位(?:数字|數字|数|數|[码碼])?|[码碼])`
/** Where a card's security code is printed: "on the back", "on the back of my card". */
const ON_BACK = String.raw`[- ]on[- ](?:the[- ])?back(?:[- ]of[- ](?:the|my|your|a)[- ]card)?`
// `CVV2` is a name, but in `CVV2345` the 2 is the value's first digit.
const EN_CVV = String.raw`\b(?:CVV|CVC|CVN|CID|CSC)(?:2(?!\d))?(?:[码碼]|${ON_BACK}(?![A-Za-z]))?|\b(?:card[- ])?security[- ]code(?:${ON_BACK})?(?![A-Za-z])|\b(?:3|4|three|four)[- ]digits?(?:[- ]code)?${ON_BACK}(?![A-Za-z])`
const ZH_CODE = String.raw`(?:短信|簡訊|手机|手機)?(?:验证|驗證|校验|校驗|动态|動態|确认|確認|认证|認證|授权|授權|短信|簡訊)[码碼]`
// "code" alone is weak: "error code 1001" or "promo code" are not secrets.
const CODE_QUALIFIERS = String.raw`error|status|response|reason|result|http|zip|postal|post|area|country|dial|promo|coupon|discount|voucher|gift|invite|invitation|referral|bank|branch|swift|sort|merchant|product|item|tracking|qr|bar|source|exit|return|app|reference|ref|order|tax|currency|region|city|colou?r|style|program|sample|example|fault|failure|rejection|decline|declined|transaction|txn|country|iso|mcc|bic|routing|postcode`
const EN_CODE = String.raw`\b(?:OTP|2FA|MFA|TAN|one[- ]?time[- ](?:pass(?:word|code)?|code|pin)|dynamic[- ]password|(?:verification|verify|sms|text|login|log-in|sign-in|signin|auth|authentication|authori[sz]ation|confirmation|access|activation|otp|2fa|one[- ]?time|dynamic)[- ]code|pass ?code)(?![A-Za-z])|(?<!\b(?:${CODE_QUALIFIERS})[ -])\bcode(?![A-Za-z])`
const PIN = String.raw`\bPIN(?:[ -]?(?:code|number)\b|[码碼])?(?![A-Za-z])`
const ZH_PASSWORD = String.raw`(?:动态|動態|一次性|支付|交易|取款|提款|提现|提現|登录|登錄|登入|账户|賬戶|帳戶|账号|帳號|银行卡|銀行卡|网银|網銀|查询|查詢)?密[码碼]|口令`
const EN_PASSWORD = String.raw`\b(?:password|passwd|pwd)(?![A-Za-z])`

// One capture group per family, in this order.
const PHRASE_SOURCE = `(${ZH_CVV}|${EN_CVV})|(${PIN})|(${ZH_CODE}|${EN_CODE})|(${ZH_PASSWORD}|${EN_PASSWORD})`
const PHRASE = new RegExp(PHRASE_SOURCE, 'gi')
const FAMILIES: readonly Family[] = ['cvv', 'pin', 'code', 'password']

/** The phrases of a pass's text, found once for the two rules that read them. */
const phraseCache = new WeakMap<object, { text: string; matches: RegExpExecArray[] }>()
function phrases(ctx: ScanContext): RegExpExecArray[] {
  const hit = phraseCache.get(ctx.claims)
  if (hit?.text === ctx.text) return hit.matches
  const matches = [...ctx.text.matchAll(PHRASE)]
  phraseCache.set(ctx.claims, { text: ctx.text, matches })
  return matches
}

function familyOf(m: RegExpMatchArray): Family {
  for (let g = 1; g <= 4; g++) if (m[g] !== undefined) return FAMILIES[g - 1] ?? 'code'
  return 'code'
}

/** Words that end the phrase's sentence ("code … and paid 1234", "PIN … at 2026"): the number after them is something else. */
const STOP_WORDS = new Set([
  'and',
  'but',
  'or',
  'then',
  'paid',
  'pay',
  'charged',
  'charge',
  'amount',
  'order',
  'transaction',
  'txn',
  'ref',
  'reference',
  'step',
  'error',
  'at',
  'on',
  'after',
  'before',
  'since',
  'until',
  'within',
  'expired',
  'expires',
  'expire',
  'version',
  'build',
  'times',
  'attempts',
  'tries',
  'yuan',
  'usd',
  'rmb',
  'cny',
  'dollars',
  'minutes',
  'minute',
  'seconds',
  'hours',
  'days',
  'last',
  'ending',
  'card',
  'account',
  'phone',
  'number',
  'tel',
  'mobile',
  'from',
  'wrong',
  'not',
  "didn't",
  "don't",
  "doesn't",
  "isn't",
  'never',
  'no',
])
/** Ideographs that start another clause (amounts, order numbers, times, errors). */
const STOP_HAN = new Set([...'元块塊次秒天单單额額期错錯误誤败敗订訂金钱錢尾号號卡账賬帳'])
const FILLER_SEP = new Set([...' \n\t:=#"\'“”‘’「」『』()[]【】（）,、_+>|-'])
const MAX_FILLER = 40
const MAX_WORDS = 3
const MAX_HAN = 6

function isHan(ch: string): boolean {
  const c = ch.charCodeAt(0)
  return c >= 0x3400 && c <= 0x9fff
}

/** Skips the words between a phrase and its value; the offset of the value's first digit (or Chinese numeral), or -1. */
function skipFiller(text: string, at: number, family?: Family): number {
  let p = at
  let words = 0
  let han = 0
  while (p < text.length && p - at <= MAX_FILLER) {
    const ch = text[p] ?? ''
    if (isDigit(ch)) return p
    if (FILLER_SEP.has(ch)) {
      p++
    } else if (isAsciiLetter(ch)) {
      let q = p
      while (q < text.length && (isAsciiLetter(text[q]) || text[q] === "'")) q++
      if (++words > MAX_WORDS || STOP_WORDS.has(text.slice(p, q).toLowerCase())) return -1
      p = q
    } else if (family !== undefined && readZhValue(text, p, family)) {
      return p
    } else if (isHan(ch)) {
      if (++han > MAX_HAN || STOP_HAN.has(ch)) return -1
      p++
    } else {
      // Sentence punctuation: the phrase's sentence ended without a value.
      return -1
    }
  }
  return -1
}

// `，5分钟内有效`, `。10 minutes`: what follows the separator is a duration, so the separator ended the clause.
const DURATION = /^\d{1,3}\s?(?:分钟|分鐘|秒|小时|小時|天|min|minute|sec|second|hour)/i
const VALUE_SEP = new Set([' ', '\n', '-', '.', '_'])
const UNIT_AFTER =
  /^\s?(?:元|块|塊|%|分|秒|次|位|个|個|月|日|年|号|號|yuan|rmb|usd|cny|min|sec|hour|day|digit|time|am\b|pm\b)/i

interface Value {
  start: number
  end: number
  digits: string
  /** Group sizes, to tell `2026-11-23` from `384-921`. */
  sizes: number[]
}

/** Reads a possibly spread-out number (`384921`, `3 8 4 9 2 1`, `384-921`, split over a line) of at most `max` digits. */
function readValue(ctx: ScanContext, p: number, max: number, phraseEnd = -1): Value | null {
  const { text, claims } = ctx
  const before = text[p - 1]
  // `M889900`, `M-889900`, `v1.2.3456`: part of an identifier, not a value. The phrase's own
  // letters do not count: `CVV123` and `OTP-384921` are the phrase and its value.
  if (isAsciiLetter(before) && p - 1 >= phraseEnd) return null
  if (
    (before === '-' || before === '_' || before === '.' || before === '/') &&
    p - 2 >= phraseEnd &&
    /[A-Za-z0-9]/.test(text[p - 2] ?? '')
  )
    return null
  let end: number
  let digits = ''
  const sizes: number[] = []
  let q = p
  for (;;) {
    const s = q
    while (q < text.length && isDigit(text[q])) q++
    // Groups running past the family's length (`验证码发到 138 1234 5678`) are one longer number:
    // not this secret, and not to be cut so that its last group shows.
    if (digits.length + (q - s) > max) return null
    digits += text.slice(s, q)
    sizes.push(q - s)
    end = q
    let k = q
    while (k < text.length && k - q < 3 && VALUE_SEP.has(text[k] ?? '')) k++
    // `384921。10分钟内有效`: the next number is the code's validity, not more of it.
    if (k === q || !isDigit(text[k]) || !claims.free(k, k + 1) || DURATION.test(text.slice(k, k + 12))) break
    q = k
  }
  const after = text[end]
  if (isAsciiLetter(after) || isDigit(after)) return null
  // `128.50`, `14:30`, `1,234`: an amount or a time.
  if ((after === '.' || after === ',' || after === ':' || after === '/') && isDigit(text[end + 1])) {
    if (!clauseAfter(text, end, sizes[sizes.length - 1] ?? 0)) return null
  }
  if (UNIT_AFTER.test(text.slice(end, end + 6))) return null
  return { start: p, end, digits, sizes }
}

/**
 * Whether the separator at `end` (`.`, `,`, `:` or `/` before a digit) ends the value's clause
 * rather than joining an amount or a time: a bank SMS reads `验证码为384921，5分钟内有效`, and a
 * six-digit group before a comma is never a thousands group.
 */
function clauseAfter(text: string, end: number, lastGroup: number): boolean {
  if (DURATION.test(text.slice(end + 1, end + 12))) return true
  const sep = text[end]
  return (sep === ',' && lastGroup > 3) || (sep === ':' && lastGroup > 2)
}

/** The digit at `k`, also a Chinese numeral. */
const digitAt = (text: string, k: number): string | undefined =>
  ZH_DIGITS[text[k] ?? ''] ?? (isDigit(text[k]) ? text[k] : undefined)

/**
 * A value spelled in Chinese numerals at `p` (`验证码是三八四九二一`, `支付密码是一二三四五六`),
 * also mixed with digits (`三8四921`): at least `min` in a row (spaces allowed), so `一个`, `三位`
 * stay words, and at least one numeral (digits alone are read by {@link readValue}). Digits after
 * a spelled value may be none of it (`三八四九二一120秒`): too long read mixed, it is read spelled.
 */
const readZhValue = (text: string, p: number, family: Family): Value | null =>
  readZhRun(text, p, family, digitAt) ?? readZhRun(text, p, family, (s, k) => ZH_DIGITS[s[k] ?? ''])

function readZhRun(
  text: string,
  p: number,
  family: Family,
  digit: (s: string, k: number) => string | undefined,
): Value | null {
  const [min, max] = LENGTHS[family]
  let digits = ''
  let end = p
  let q = p
  while (q < text.length && q - p < 2 * max + 2) {
    const d = digit(text, q)
    if (d !== undefined) {
      digits += d
      end = ++q
    } else if (text[q] === ' ' && digit(text, q + 1) !== undefined) q++
    else break
  }
  if (digits.length < min || digits.length > max || digit(text, end) !== undefined) return null
  if (!/[^\d ]/.test(text.slice(p, end))) return null
  return { start: p, end, digits, sizes: [digits.length] }
}

function looksLikeDate(v: Value): boolean {
  if (v.digits.length !== 8 || v.sizes.length !== 3 || v.sizes[0] !== 4) return false
  const y = Number(v.digits.slice(0, 4))
  return y >= 1900 && y <= 2099 && isCalendarDate(y, Number(v.digits.slice(4, 6)), Number(v.digits.slice(6, 8)))
}

function accept(ctx: ScanContext, family: Family, value: Value | null, extra = 0): boolean {
  if (!value) return false
  const [min, max] = LENGTHS[family]
  if (value.digits.length < min || value.digits.length > max + extra || looksLikeDate(value)) return false
  if (!ctx.claims.free(value.start, value.end)) return false
  push(ctx, 'secret', value.start, value.end, SECRET_MASK)
  return true
}

/** A digit or a Chinese numeral (`三八四九二一是验证码`, `幺二三四五六是我的支付密码`), in a regex. */
const NUMERALS = Object.keys(ZH_DIGITS).join('')
const D = `[\\d${NUMERALS}]`
/** The digits of a value read before its name: numerals as their digits, separators dropped. */
const digitsOf = (raw: string): string => raw.replace(/[ -]/g, '').replace(/./g, (ch) => ZH_DIGITS[ch] ?? ch)

// "384921 is my code", "384921 是验证码", "384921 (OTP)": the value comes first, in digits or numerals.
/** What joins a value to the secret's name after it: `is my`, `是我的`, an opening bracket. */
const JOIN_BEFORE = String.raw`[ \t]{0,3}(?:(?:is|was|are)[ \t]+(?:(?:my|the|your|our|a|an|this)[ \t]+)?(?:new[ \t]+)?|(?:就是|是|为|為)(?:我的|你的|您的|新的|的)?|[(（\[【][ \t]*)`
const valueFirst = (d: string, not: string) =>
  new RegExp(
    String.raw`(?<![A-Za-z${not}])(${d}(?:[ -]?${d}){2,11})(?!${d})(?:${JOIN_BEFORE})?(?:${PHRASE_SOURCE})`,
    'gi',
  )
const VALUE_FIRST = valueFirst('\\d', '\\d')
const VALUE_FIRST_SPELLED = valueFirst(D, `\\d${NUMERALS}`)
/**
 * A numeral next to another or to a digit: the patterns that read numerals as digits are slower,
 * and run only on a text that has one (most text has none: `一下`, `十一月`).
 */
const SPELLED = new RegExp(`[${NUMERALS}][ -]?[\\d${NUMERALS}]|\\d[ -]?[${NUMERALS}]`)

/** Ideographs that may follow a secret's name at the end of its clause (`是验证码吗`, `是我的密码了`). */
const PARTICLES = new Set([...'了吗嗎呢吧啊呀哦喔哈啦'])
/** Words after a secret's name that make it name something else (`is my OTP number`, `the PIN phone`). */
const NOUN_AFTER = new Set([
  'number',
  'no',
  'phone',
  'mobile',
  'cell',
  'tel',
  'contact',
  'sms',
  'text',
  'message',
  'sender',
])
const CLAUSE_END = /^[ \t]*(?:$|[\n.,;:!?)\]}'"，。！？；：、）】」』…~～])/

/**
 * Whether a secret's name ending at `at` ends its clause, so the value before it is that secret:
 * `384921是验证码。`, `13812345678 is my PIN, thanks`, but not `13812345678是验证码接收号码`,
 * `…是密码错误导致的` or `13812345678 is my OTP number`.
 */
function nameEndsClause(text: string, at: number): boolean {
  const rest = text.slice(at, at + 24)
  if (CLAUSE_END.test(rest)) return true
  if (isHan(rest[0] ?? '')) return PARTICLES.has(rest[0] ?? '')
  const word = /^[ \t]+([A-Za-z]+)/.exec(rest)?.[1]
  return word !== undefined && !NOUN_AFTER.has(word.toLowerCase())
}

/**
 * Token passwords: "password: hunter2", "登录密码是Abc12345", also quoted or bracketed
 * (`密码：“Abc12345”`, `密码【Abc12345】`), after a verb saying it was changed (`密码换成了Abc12345`,
 * "password changed to Tiger2026"), or on the next line (`password:⏎Hunter22`, also after a blank
 * line: `password:⏎⏎Hunter22`). Digit-only values are handled above.
 */
const ZH_CHANGED = String.raw`(?:换成|換成|改成|改为|改為|设为|設為|设成|設成|设置为|設置為|设置成|設置成|修改为|修改為|更改为|更改為|变成|變成|重置为|重置為)了?`
const ZH_PASSWORD_TOKEN = new RegExp(
  String.raw`(?:${ZH_PASSWORD})([ \t:=]{0,4}(?:就是|是|为|為|(?:is|was)(?![A-Za-z])|(${ZH_CHANGED}))?[ \t:=]{0,4}(?:\n[ \t]{0,3}){0,2})["'“‘「『【(\[（]?([A-Za-z0-9!@#$%^&*_+=?~-][\x21-\x7e]{1,63})`,
  'g',
)
const EN_PASSWORD_TOKEN =
  /\b(?:password|passwd|pwd|passcode)(?![A-Za-z])([ \t]{0,3}(?:[:=]|(?:is|was)\b(?:[ \t]{0,3}[:=])?|(?:changed|set|reset|updated)[ \t]+to\b)?[ \t]{0,3}(?:\n[ \t]{0,3}){0,2})([\x21-\x7e]{1,64})/gi
const TRAILING_PUNCT = /[.,;:!?)\]}'"]+$/
/** Nothing but punctuation after a value up to the end of its line: it stands alone there. */
const LINE_END = /^[ \t]*[.,;:!?。，；！？]*[ \t]*(?:\n|$)/

/**
 * Whether a password on the line after its name (`password:⏎Hunter22`) is one: the name was joined
 * to it (a colon, `=`, `是`, a verb), and the value has a digit or stands alone on its line
 * ("Password:⏎I forgot it" is prose).
 */
function nextLineValue(text: string, join: string, value: string, valueEnd: number): boolean {
  if (join.trim() === '') return false
  return /\d/.test(value) || LINE_END.test(text.slice(valueEnd))
}

function pushToken(ctx: ScanContext, valueEnd: number, value: string): void {
  const trimmed = value.replace(TRAILING_PUNCT, '')
  if (trimmed === '') return
  const start = valueEnd - value.length
  const end = start + trimmed.length
  if (ctx.claims.free(start, end)) push(ctx, 'secret', start, end, SECRET_MASK)
}

/**
 * What joins a secret's name to its value when the name labels it (`PIN: `, `PIN：`, `pin = `,
 * `my PIN is `, `密码是`, `验证码为`, `PIN是：`, `OTP is: `), then one line break allowed
 * (`password:⏎Abc#2026`), an opening quote or bracket allowed after it.
 */
const TIGHT_JOIN =
  /[ \t]{0,3}(?:(?:(?:is|was)(?![A-Za-z])|就是|是|为|為)[ \t]{0,3}[:=]?|[:=])[ \t]{0,3}(?:\n[ \t]{0,3})?["'“‘「『【([（]?/iy
/**
 * Only spaces, or a line break, between a secret's name and its value (`PIN 13812345678`,
 * `验证码 138 1234 5678`, `验证码\n…`), or nothing (`验证码13812345678`, `PIN13812345678`: the
 * shorter rule reads `PIN1234` so too).
 */
const LOOSE_JOIN = /[ \t]{0,3}(?:\n[ \t]{0,3})?/y
/** A value of letters and digits (`G-384921`, `Ab1234`): what a one-time code or a PIN with letters looks like. */
const TOKEN = /[A-Za-z0-9][\x21-\x7e]{1,63}/y
/** Separators inside a labelled value: how people group a phone, card or ID number. */
const LABELLED_SEP = new Set([' ', '-'])
/**
 * Digits of the longest value read after a label as one number in groups of any size (a card, an
 * ID or a mobile with its country code fit). Longer, it is one number only when unbroken or in
 * short groups (`1234 5678 … 56`): groups of many digits are numbers of their own (`CVV 123
 * 4111111111111111`), left to their rules.
 */
const LABELLED_MAX = 24

/**
 * The value at `p` after a tight label: digits or Chinese numerals, in groups apart by one or two
 * spaces or dashes, an ID's final `X` included, or a number with `+` and its country code
 * (`+852 9123 4567`, `(+852) 9123 4567`, the `+` and brackets hidden with it). `null` when it runs into letters or more digits
 * (part of an identifier), is an amount, time or date (`2026-11-23`, `1234.50`), or several numbers (see {@link LABELLED_MAX}).
 */
function readLabelledValue(text: string, p: number): Value | null {
  let digits = ''
  const sizes: number[] = []
  let q = text[p] === '+' && isDigit(text[p + 1]) ? p + 1 : p
  let start = p
  // `(+852) 9123 4567`, `+(852) …` (the code in brackets, read as a group), `+ 852 …`.
  const code = CODE_IN_BRACKETS.exec(text.slice(p, p + 12))
  if (code) {
    digits = code[1] ?? ''
    sizes.push(digits.length)
    q = p + code[0].length
    if (text[p] === '+' && text[p - 1] === '(') start = p - 1
  } else if (text[p] === '+' && text[p + 1] === ' ' && isDigit(text[p + 2])) q = p + 2
  let end: number
  for (;;) {
    const s = q
    while (q < text.length && digitAt(text, q) !== undefined) digits += digitAt(text, q++) ?? ''
    if (q === s) return null
    sizes.push(q - s)
    end = q
    let k = q
    while (k < text.length && k - q < 2 && LABELLED_SEP.has(text[k] ?? '')) k++
    if (k === q || digitAt(text, k) === undefined) break
    q = k
  }
  if ((text[end] === 'X' || text[end] === 'x') && digits.length === 17) end++
  if (digits.length > LABELLED_MAX && sizes.length > 1 && Math.max(...sizes) > 6) return null
  const after = text[end]
  if (isAsciiLetter(after) || isDigit(after)) return null
  if ((after === '.' || after === ',' || after === ':' || after === '/') && isDigit(text[end + 1])) return null
  if (UNIT_AFTER.test(text.slice(end, end + 6))) return null
  if (sizes[0] === 4 && /^(?:19|20)\d\d/.test(digits) && sizes.length > 1 && (sizes[1] ?? 0) <= 2) return null
  return { start, end, digits, sizes }
}

/** A country code in brackets before a number (`(+852) `, `+(852)`, `+852) ` after a bracket the label took). */
const CODE_IN_BRACKETS = /^\(?\+ ?\(?(\d{1,4})\)[ \t-]{0,2}(?=\d)/
/** A `+` (also `(+`, `+ `) starts the value: a number with its country code. */
const PLUS_AT = /^\(?\+/

/**
 * `验证码 13812345678 收不到`, `OTP 138 1234 5678 not received`: a mainland mobile (11 digits,
 * `1[3-9]`, in groups apart by a space or dash or none) after a code's name, followed by words
 * saying the code did not arrive, is the phone the code was sent to, not the code: left to the
 * phone rule (`138****5678`). Anything else there stays the code, and so does this in a reference
 * field, where no phone rule runs.
 */
const ZH_NOT_RECEIVED = String.raw`(?:一直|还是|還是|都|还|還)*(?:收不到|[没沒]有?收到|未收到|接收不到)`
const EN_NOT_RECEIVED = String.raw`(?:(?:but|and|still|i|it)[ \t]+){0,3}(?:not[ \t]+(?:received|receiving|getting|arrived)|never[ \t]+(?:received|arrived|got)|(?:did|does|has|have)(?:n['’]?t|[ \t]+not)[ \t]+(?:get|got|receive|received|arrive|arrived|come|came)|can(?:['’]?t|not|[ \t]+not)[ \t]+(?:get|receive))`
const MOBILE_THEN_NOT_RECEIVED = new RegExp(
  String.raw`^1[3-9](?:[ -]?\d){9}(?!\d)[ \t]{0,3}(?:[,，、][ \t]{0,2})?(?:${ZH_NOT_RECEIVED}|${EN_NOT_RECEIVED})`,
  'i',
)

function phoneNotReached(ctx: ScanContext, at: number, family: Family): boolean {
  // In a reference field the phone rule does not run: the number stays the code's, hidden whole.
  if (ctx.reference || family !== 'code' || isAsciiLetter(ctx.text[at - 1])) return false
  return MOBILE_THEN_NOT_RECEIVED.test(ctx.text.slice(at, at + 60))
}

/**
 * A value right after a secret's name and a colon, `=`, `is`, `是` or `为` (`PIN: 13812345678`,
 * `密码：4111111111111111`, `验证码是 138 1234 5678`) is that secret, whatever its shape: hidden
 * whole, before any rule reads it as a phone, card or ID and leaves part of it. Values of a
 * secret's usual length are read by {@link detectSecrets}; this rule takes the longer ones.
 */
export function detectLabelledSecrets(ctx: ScanContext): void {
  const { text } = ctx
  for (const m of phrases(ctx)) {
    const family = familyOf(m)
    const end = m.index + m[0].length
    TIGHT_JOIN.lastIndex = end
    if (!TIGHT_JOIN.exec(text)) {
      // Without a joining word the bare `code` names nothing (`code 13812345678`).
      LOOSE_JOIN.lastIndex = end
      LOOSE_JOIN.exec(text)
      const at = LOOSE_JOIN.lastIndex
      if (m[0].toLowerCase() === 'code' || phoneNotReached(ctx, at, family)) continue
      const value = readLabelledValue(text, at)
      const [min, max] = LENGTHS[family]
      const plus = PLUS_AT.test(text.slice(at, at + 2))
      const long = value !== null && (value.digits.length > max || (plus && value.digits.length >= min))
      if (value && long && ctx.claims.free(value.start, value.end))
        push(ctx, 'secret', value.start, value.end, SECRET_MASK)
      continue
    }
    const at = TIGHT_JOIN.lastIndex
    const value = readLabelledValue(text, at)
    if (value) {
      // Of the secret's length the value is read by detectSecrets; with a `+` (`PIN: +1234`) here, the `+` with it.
      const [min, max] = LENGTHS[family]
      const long = value.digits.length > max || (PLUS_AT.test(text.slice(at, at + 2)) && value.digits.length >= min)
      if (long && ctx.claims.free(value.start, value.end)) push(ctx, 'secret', value.start, value.end, SECRET_MASK)
      continue
    }
    // Letters and at least three digits (`G-384921`, `Ab1234`), not after the bare word `code`
    // (`code: E1001` is an error or product code).
    TOKEN.lastIndex = at
    const token = TOKEN.exec(text)?.[0].replace(TRAILING_PUNCT, '')
    if (token === undefined || m[0].toLowerCase() === 'code' || !/[A-Za-z]/.test(token)) continue
    if ((token.match(/\d/g)?.length ?? 0) < 3 || !ctx.claims.free(at, at + token.length)) continue
    push(ctx, 'secret', at, at + token.length, SECRET_MASK)
  }
  detectNamedAfter(ctx)
}

/**
 * A number named a secret after it (`13812345678 is my PIN`, `4111111111111111是我的密码`,
 * `13812345678（验证码）`): longer than a secret's usual length, it needs a joining word or brackets.
 * Read backwards from each name, on the few characters before it.
 */
const namedBefore = (d: string, not: string) =>
  new RegExp(String.raw`(?<![A-Za-z${not}])(${d}(?:[ -]?${d}){8,23}|${d}(?:[ -]?${d}){16}[Xx])${JOIN_BEFORE}$`, 'i')
const NAMED_BEFORE = namedBefore('\\d', '\\d')
const NAMED_BEFORE_SPELLED = namedBefore(D, `\\d${NUMERALS}`)
const CLOSING = /^[ \t]*[)）\]】]/

function detectNamedAfter(ctx: ScanContext): void {
  const { text } = ctx
  for (const m of phrases(ctx)) {
    if (m[0].toLowerCase() === 'code') continue
    const from = Math.max(0, m.index - 80)
    const before = text.slice(from, m.index)
    const r = (SPELLED.test(before) ? NAMED_BEFORE_SPELLED : NAMED_BEFORE).exec(before)
    if (!r) continue
    const start = from + r.index
    const end = start + (r[1] ?? '').length
    const after = m.index + m[0].length
    // In brackets the name closes with them; after `is` or `是` it must end its clause.
    if (/[(（[【]\s*$/.test(r[0]) ? !CLOSING.test(text.slice(after, after + 4)) : !nameEndsClause(text, after)) continue
    if (/[\dA-Za-z]/.test(text[start - 1] ?? '') || ZH_DIGITS[text[start - 1] ?? ''] !== undefined) continue
    if (!ctx.claims.free(start, end)) continue
    push(ctx, 'secret', start, end, SECRET_MASK)
  }
}

/** CVV, PIN, one-time codes and passwords, found by the words around them; only the value is hidden. */
export function detectSecrets(ctx: ScanContext): void {
  const { text } = ctx
  for (const m of phrases(ctx)) {
    const family = familyOf(m)
    const end = m.index + m[0].length
    const at = skipFiller(text, end, family)
    if (at < 0 || accept(ctx, family, readZhValue(text, at, family)) || !isDigit(text[at])) continue
    // `CVV20000`: "CVV2" and a 4-digit value, or "CVV" and 20000; either way the digits go.
    const cvv2 = family === 'cvv' && at === end && text[at] === '2' && /[VCN]$/i.test(m[0])
    accept(ctx, family, readValue(ctx, at, LENGTHS[family][1] + (cvv2 ? 1 : 0), end), cvv2 ? 1 : 0)
  }
  for (const m of text.matchAll(SPELLED.test(text) ? VALUE_FIRST_SPELLED : VALUE_FIRST)) {
    const raw = m[1] ?? ''
    const family = FAMILIES[[m[2], m[3], m[4], m[5]].findIndex((g) => g !== undefined)] ?? 'code'
    const sizes = raw.split(/[ -]/).map((g) => g.length)
    if (!nameEndsClause(text, m.index + m[0].length)) continue
    accept(ctx, family, { start: m.index, end: m.index + raw.length, digits: digitsOf(raw), sizes })
  }
  for (const m of text.matchAll(ZH_PASSWORD_TOKEN)) {
    const [whole, join = '', changed, value] = m
    if (value === undefined) continue
    const end = m.index + whole.length
    if (join.includes('\n') && !nextLineValue(text, join, value, end)) continue
    // `密码换成了Abc12345`: after 「换成了」 a value without a digit is a word (`换成了 Face ID`).
    if (changed !== undefined && !/\d/.test(value)) continue
    pushToken(ctx, end, value)
  }
  for (const m of text.matchAll(EN_PASSWORD_TOKEN)) {
    const [whole, join = '', value] = m
    if (value === undefined) continue
    const end = m.index + whole.length
    // "password is wrong" is prose; "password is hunter2" or "password: abc" is a secret.
    const strong = join.includes(':') || join.includes('=')
    if (join.includes('\n') && !(strong && nextLineValue(text, join, value, end))) continue
    if (!strong && /^[A-Za-z]+[.,;:!?]*$/.test(value)) continue
    pushToken(ctx, end, value)
  }
}
