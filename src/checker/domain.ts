/**
 * Registrable domains and the look-alike tests for host names. The registrable domain decides
 * who owns an address: `wallet.example.com.evil.cn` belongs to `evil.cn` (see suffix.ts).
 */
import { editDistance, skeleton } from './skeleton.js'
import { brandLabel, isUnder, registrableDomain } from './suffix.js'

export { brandLabel, isUnder, registrableDomain } from './suffix.js'

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
