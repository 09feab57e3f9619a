/**
 * "Is this really you?": one verdict for a phone number, web address, e-mail address or social
 * account, checked against the official list. Pure and synchronous, so the panel can answer as
 * the user types and tests can run a large table of cases.
 */
import { type DomainLookalike, domainLookalike, isUnder, registrableDomain } from './domain.js'
import { type OfficialAccount, type OfficialList, foldHandle, handleFromUrl } from './official.js'
import { type PhoneLookalike, parsePhone, phoneKey, phoneLookalike } from './phone.js'
import { hostToUnicode } from './punycode.js'
import { editDistance, fold, hasNonAscii, skeleton } from './skeleton.js'

export type CheckKind = 'phone' | 'web' | 'email' | 'social'

export type LookalikeReason =
  | DomainLookalike
  | PhoneLookalike
  /** Letters that fold to ours (full-width, compatibility forms): we never write our address so. */
  | 'disguised'
  /** `https://example.com@evil.cn`: the part before @ is a user name, the site is after it. */
  | 'userinfo'
  /** A free-mail or other foreign mailbox named after us (`example.service@qq.com`). */
  | 'mailbox'
  /** An account one or two letters (or look-alike characters) away from ours. */
  | 'similarHandle'

/** The official channel a contact matched. */
export type OfficialMatch =
  | { channel: 'hotline'; value: string }
  | { channel: 'website'; value: string }
  | { channel: 'email'; value: string }
  | { channel: 'social'; value: string; platform: string }

export type CheckResult =
  | { verdict: 'official'; kind: CheckKind; match: OfficialMatch }
  | {
      verdict: 'lookalike'
      kind: CheckKind
      reason: LookalikeReason
      imitates: string
      owner?: string
      knownScam: boolean
    }
  | { verdict: 'notOurs'; kind: CheckKind; owner?: string; knownScam: boolean }
  /** Nothing we can read as a number, address or account. */
  | { verdict: 'unreadable' }

const EMAIL = /^[^\s@/]+@[^\s@/]+\.[^\s@/.]+$/u
/** A host name with a common top-level domain before the `@`. */
const DOMAIN_BEFORE_AT = /^(?!mailto:)[^\s@/]+\.(?:com|cn|net|org|top|xyz|vip|info|io|cc|hk|tw|mo)(?::[^\s@/]*)?@/iu

/**
 * What the input looks like: a URL (scheme, or dotted host), an e-mail address, a phone
 * number, or else an account name.
 */
export function classify(raw: string): CheckKind | undefined {
  const s = raw.normalize('NFKC').trim()
  if (!s) return undefined
  if (/^[a-z][a-z\d+.-]*:\/\//i.test(s)) return 'web'
  if (/^tel:/i.test(s) || (/^[+\d\s().\-\u2010-\u2015\u3000/]+$/.test(s) && (s.match(/\d/g)?.length ?? 0) >= 3))
    return 'phone'
  if (s.startsWith('@')) return 'social'
  // `wallet.example.com@evil.cn` is a link with a decoy user name, not a mailbox.
  if (DOMAIN_BEFORE_AT.test(s)) return 'web'
  if (EMAIL.test(s.replace(/^mailto:/i, ''))) return 'email'
  if (/^[^\s/]+\.[^\s./\d]{2,}\.?(?:[/:?#]|$)/u.test(s)) return 'web'
  if (/^[^\s]{2,}$/u.test(s)) return 'social'
  return undefined
}

/** Checks `raw` against the official list; `kind` overrides the guess of {@link classify}. */
export function checkContact(
  raw: string,
  list: OfficialList,
  kind: CheckKind | undefined = classify(raw),
): CheckResult {
  switch (kind) {
    case 'phone':
      return checkPhone(raw, list)
    case 'web':
      return checkWeb(raw, list)
    case 'email':
      return checkEmail(raw, list)
    case 'social':
      return checkHandle(raw, undefined, list)
    default:
      return { verdict: 'unreadable' }
  }
}

function isKnownScam(raw: string, kind: CheckKind, list: OfficialList): boolean {
  const key = contactKey(raw, kind)
  return (
    key !== undefined &&
    list.knownScams.some((s) => {
      const k = classify(s)
      const other = k ? contactKey(s, k) : undefined
      if (other === undefined || k !== kind) return false
      return kind === 'web' ? isUnder(key, other) : key === other
    })
  )
}

/** The form two equal contacts share: phone key, host, address or folded handle. */
function contactKey(raw: string, kind: CheckKind): string | undefined {
  if (kind === 'phone') {
    const p = parsePhone(raw)
    return p && phoneKey(p)
  }
  if (kind === 'web') return parseWeb(raw)?.url.hostname
  if (kind === 'email')
    return raw
      .normalize('NFKC')
      .trim()
      .replace(/^mailto:/i, '')
      .toLowerCase()
  return foldHandle(raw)
}

function checkPhone(raw: string, list: OfficialList): CheckResult {
  const number = parsePhone(raw)
  if (!number) return { verdict: 'unreadable' }
  const knownScam = isKnownScam(raw, 'phone', list)
  const same = list.phones.find((p) => phoneKey(p.key) === phoneKey(number))
  if (same && !knownScam)
    return { verdict: 'official', kind: 'phone', match: { channel: 'hotline', value: same.display } }
  for (const p of list.phones) {
    const reason = phoneLookalike(number, p.key)
    if (reason) return { verdict: 'lookalike', kind: 'phone', reason, imitates: p.display, knownScam }
  }
  return { verdict: 'notOurs', kind: 'phone', knownScam }
}

function parseWeb(raw: string): { url: URL; typedHost: string } | undefined {
  const s = raw.trim()
  const withScheme = /^[a-z][a-z\d+.-]*:\/\//i.test(s) ? s : `https://${s}`
  let url: URL
  try {
    url = new URL(withScheme)
  } catch {
    return undefined
  }
  if (!/^https?:$/.test(url.protocol) || !url.hostname) return undefined
  // The host as typed, before the parser folded it: full-width letters vanish in `hostname`.
  const typedHost = withScheme.replace(/^[^:]+:\/\/(?:[^/?#]*@)?/, '').split(/[/?#:]/)[0] ?? ''
  return { url, typedHost }
}

function checkWeb(raw: string, list: OfficialList): CheckResult {
  const parsed = parseWeb(raw)
  if (!parsed) return { verdict: 'unreadable' }
  const { url, typedHost } = parsed
  const host = url.hostname.toLowerCase().replace(/\.$/, '')
  const owner = registrableDomain(host)
  const knownScam = isKnownScam(raw, 'web', list)
  const base = { kind: 'web' as const, knownScam, owner }

  const platformAccounts = list.accounts.filter((a) => isUnder(host, a.platform))
  if (platformAccounts.length) {
    const handle = handleFromUrl(url)
    if (handle) return { ...checkHandle(handle, platformAccounts, list), kind: 'web' } as CheckResult
  }
  const ours = list.domains.find((d) => isUnder(host, d.domain))
  if (ours && !knownScam) {
    if (url.username || url.password)
      return { verdict: 'lookalike', ...base, reason: 'userinfo', imitates: ours.domain }
    if (hasNonAscii(typedHost)) return { verdict: 'lookalike', ...base, reason: 'disguised', imitates: ours.domain }
    return { verdict: 'official', kind: 'web', match: { channel: 'website', value: ours.domain } }
  }
  const userinfo = decodeURIComponent(`${url.username}${url.password ? `:${url.password}` : ''}`)
  // The letters the user saw: as typed when they were not ASCII (the parser lower-cases and
  // punycodes them, turning a Greek capital Ι into ι), else the punycode labels decoded.
  const unicodeHost = hasNonAscii(typedHost) ? typedHost.normalize('NFKC') : hostToUnicode(host)
  for (const d of list.domains) {
    if (userinfo && skeleton(userinfo).includes(skeleton(d.domain)))
      return { verdict: 'lookalike', ...base, reason: 'userinfo', imitates: d.domain }
    const reason = domainLookalike(host, unicodeHost, d.domain)
    if (reason) return { verdict: 'lookalike', ...base, reason, imitates: d.domain }
  }
  return { verdict: 'notOurs', ...base }
}

function checkEmail(raw: string, list: OfficialList): CheckResult {
  const s = raw
    .normalize('NFKC')
    .trim()
    .replace(/^mailto:/i, '')
  const at = s.lastIndexOf('@')
  const local = s.slice(0, at)
  let host: string
  try {
    host = new URL(`https://${s.slice(at + 1)}`).hostname.toLowerCase()
  } catch {
    return { verdict: 'unreadable' }
  }
  const typedDomain = raw.trim().slice(raw.trim().lastIndexOf('@') + 1)
  const owner = registrableDomain(host)
  const knownScam = isKnownScam(raw, 'email', list)
  const base = { kind: 'email' as const, knownScam, owner }
  const ours = list.domains.find((d) => isUnder(host, d.domain))
  if (ours && !knownScam) {
    if (hasNonAscii(typedDomain) || hasNonAscii(raw.slice(0, raw.lastIndexOf('@')))) {
      return { verdict: 'lookalike', ...base, reason: 'disguised', imitates: ours.domain }
    }
    const address = `${local.toLowerCase()}@${host}`
    return {
      verdict: 'official',
      kind: 'email',
      match: { channel: 'email', value: list.emails.includes(address) ? address : ours.domain },
    }
  }
  const unicodeHost = hostToUnicode(host)
  for (const d of list.domains) {
    const reason = domainLookalike(host, unicodeHost, d.domain)
    if (reason) return { verdict: 'lookalike', ...base, reason, imitates: d.domain }
  }
  // A foreign mailbox named after us: our brand or our own mailbox name in the local part.
  const localSk = skeleton(local)
  for (const d of list.domains) {
    const brand = skeleton(d.domain.split('.')[0] ?? '')
    if (brand.length >= 3 && localSk.includes(brand))
      return { verdict: 'lookalike', ...base, reason: 'mailbox', imitates: d.domain }
  }
  for (const e of list.emails) {
    if (skeleton(e.slice(0, e.indexOf('@'))) === localSk)
      return { verdict: 'lookalike', ...base, reason: 'mailbox', imitates: e }
  }
  return { verdict: 'notOurs', ...base }
}

/**
 * A social account name against the official ones (of one platform when known): equal after
 * case and width folding is ours; the same skeleton, or one or two edits away, looks like ours.
 */
export function checkHandle(
  raw: string,
  accounts: readonly OfficialAccount[] | undefined,
  list: OfficialList,
): CheckResult {
  const handle = foldHandle(raw)
  if (!handle) return { verdict: 'unreadable' }
  const candidates = accounts ?? list.accounts
  const knownScam = isKnownScam(raw, 'social', list)
  const exact = candidates.find((a) => a.handle === handle)
  // Full-width or other compatibility letters fold to ours, but no platform treats them so.
  const typed = raw
    .trim()
    .replace(/^[@＠]/, '')
    .toLowerCase()
  if (exact && !knownScam && typed === exact.handle) {
    return {
      verdict: 'official',
      kind: 'social',
      match: { channel: 'social', value: exact.display, platform: exact.name },
    }
  }
  const sk = skeleton(handle)
  for (const a of candidates) {
    const theirs = skeleton(a.handle)
    // Ours with a word added (`examplewallet-cs`, `kefu_examplewallet`) reads as ours too.
    const close =
      a.handle === handle ||
      sk === theirs ||
      (theirs.length >= 4 && editDistance(sk, theirs, 2) <= 2) ||
      (theirs.length >= 6 && sk.includes(theirs))
    if (close)
      return {
        verdict: 'lookalike',
        kind: 'social',
        reason: 'similarHandle',
        imitates: `${a.name} ${a.display}`,
        knownScam,
      }
  }
  return { verdict: 'notOurs', kind: 'social', knownScam }
}

export { fold }
