/**
 * Registrable domains: who owns a host name. Apart from the look-alike tests so that marking
 * external links (help and chat chunks) does not bring the confusables table along.
 *
 * Public suffixes: the full Public Suffix List (tldts) costs ~38 KB brotli, ten times this
 * whole checker, and it is only needed to name the owner of a host. The verdict itself never
 * depends on it (a host is ours only when it is an official domain or below one), so a short
 * list of the two-level suffixes where wallet operators and their imitators register (China,
 * Hong Kong, Macau, Taiwan and a few common ones) is enough to name the owner correctly there;
 * elsewhere the last two labels are named, which at worst names a wider owner.
 */
const SECOND_LEVEL = new Set([
  'com.cn',
  'net.cn',
  'org.cn',
  'gov.cn',
  'edu.cn',
  'ac.cn',
  'com.hk',
  'net.hk',
  'org.hk',
  'gov.hk',
  'edu.hk',
  'com.mo',
  'net.mo',
  'org.mo',
  'gov.mo',
  'com.tw',
  'net.tw',
  'org.tw',
  'gov.tw',
  'edu.tw',
  'com.sg',
  'com.my',
  'co.jp',
  'ne.jp',
  'co.kr',
  'co.uk',
  'org.uk',
  'com.au',
  'co.nz',
  'co.in',
  'com.br',
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
