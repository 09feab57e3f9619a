/**
 * Registrable domains and the look-alike tests for host names. The registrable domain decides
 * who owns an address: `wallet.example.com.evil.cn` belongs to `evil.cn`.
 *
 * Public suffixes: the full Public Suffix List (tldts) costs ~38 KB brotli, ten times this
 * whole checker, and it is only needed to name the owner of a host. The verdict itself never
 * depends on it (a host is ours only when it is an official domain or below one), so a short
 * list of the two-level suffixes where wallet operators and their imitators register (China,
 * Hong Kong, Macau, Taiwan and a few common ones) is enough to name the owner correctly there;
 * elsewhere the last two labels are named, which at worst names a wider owner.
 */
import { editDistance, skeleton } from './skeleton.js'

const SECOND_LEVEL = new Set([
  'com.cn', 'net.cn', 'org.cn', 'gov.cn', 'edu.cn', 'ac.cn',
  'com.hk', 'net.hk', 'org.hk', 'gov.hk', 'edu.hk',
  'com.mo', 'net.mo', 'org.mo', 'gov.mo',
  'com.tw', 'net.tw', 'org.tw', 'gov.tw', 'edu.tw',
  'com.sg', 'com.my', 'co.jp', 'ne.jp', 'co.kr', 'co.uk', 'org.uk', 'com.au', 'co.nz', 'co.in', 'com.br',
])

/** The registrable part of a lower-case host: `a.b.example.com.cn` → `example.com.cn`. */
export function registrableDomain(host: string): string {
  const labels = host.replace(/\.$/, '').split('.')
  if (labels.length <= 2) return labels.join('.')
  const lastTwo = labels.slice(-2).join('.')
  return labels.slice(SECOND_LEVEL.has(lastTwo) ? -3 : -2).join('.')
}

/** The registrable domain without its public suffix: `example.com.cn` → `example`. */
export function brandLabel(domain: string): string {
  const labels = domain.split('.')
  const lastTwo = labels.slice(-2).join('.')
  return labels.slice(0, SECOND_LEVEL.has(lastTwo) ? -2 : -1).join('.')
}

/** Whether `host` is `domain` or a subdomain of it. */
export const isUnder = (host: string, domain: string) => host === domain || host.endsWith(`.${domain}`)

export type DomainLookalike =
  /** Same skeleton as an official host: Cyrillic а, Greek ο, `examp1e`, `exarnple` … */
  | 'homograph'
  /** The official domain appears as labels of someone else's domain. */
  | 'subdomain'
  /** Same name under another public suffix: `example.cn` for `example.com`. */
  | 'otherSuffix'
  /** The brand name with words or hyphens added: `wallet-example.com`, `example-pay.cn`. */
  | 'combo'
  /** One or two letters away from the brand: `exmaple.com`, `examples.com`. */
  | 'typo'

/**
 * How a foreign host imitates an official domain, or undefined when it does not.
 * `host` is lower-case; `unicodeHost` is the same host with punycode labels decoded.
 */
export function domainLookalike(host: string, unicodeHost: string, official: string): DomainLookalike | undefined {
  const sk = skeleton(unicodeHost)
  const officialSk = skeleton(official)
  if (isUnder(sk, officialSk)) return 'homograph'
  const brand = skeleton(brandLabel(official))
  const theirs = skeleton(brandLabel(registrableDomain(unicodeHost.toLowerCase())))
  if (brand.length >= 3 && theirs === brand) return 'otherSuffix'
  const labels = sk.split('.')
  const officialLabels = officialSk.split('.')
  // The whole official domain as consecutive labels anywhere but at the end.
  for (let i = 0; i + officialLabels.length <= labels.length - 1; i++) {
    if (labels.slice(i, i + officialLabels.length).join('.') === officialSk) return 'subdomain'
  }
  if (brand.length < 3) return undefined
  if (editDistance(theirs, brand, 2) <= (brand.length >= 6 ? 2 : 1)) return 'typo'
  if (theirs.split(/[-_]/).includes(brand) || (brand.length >= 5 && theirs.includes(brand))) return 'combo'
  // A subdomain spelling out the brand on a foreign domain: `example.com-secure.cn`, `example.evil.cn`.
  if (labels.slice(0, -2).some((l) => l === brand || l.split(/[-_]/).includes(brand))) return 'subdomain'
  return undefined
}
