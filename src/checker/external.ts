/**
 * Which links lead outside the operator's own domains, so the panel can mark them before the
 * user opens them. Small on purpose: the help and chat chunks import it.
 */
import type { ChannelsOption } from '../contact/channels.js'
import { isUnder, registrableDomain } from './suffix.js'

/** The operator's registrable domains: the website's and the support mailbox's. */
export function officialDomains(channels: ChannelsOption | undefined): string[] {
  const out = new Set<string>()
  try {
    if (channels?.website?.url) out.add(registrableDomain(new URL(channels.website.url).hostname))
  } catch {
    // An invalid website URL is reported by the option check; it just adds no domain here.
  }
  const email = channels?.email?.address
  if (email?.includes('@')) out.add(registrableDomain(email.slice(email.lastIndexOf('@') + 1).toLowerCase()))
  return [...out]
}

/**
 * Whether a vetted link leaves the official domains: web pages and mailboxes elsewhere are
 * external; phone links are not web addresses and are left alone. Without official domains
 * (no website or mailbox configured) nothing can be told apart, so nothing is marked.
 *
 * @example isExternalHref('https://help.example.com/a', ['example.com']) // false
 * @example isExternalHref('https://example.com.evil.cn', ['example.com']) // true
 */
export function isExternalHref(href: string, domains: readonly string[]): boolean {
  if (domains.length === 0) return false
  let host: string
  try {
    const url = new URL(href)
    if (url.protocol === 'tel:') return false
    host = url.protocol === 'mailto:' ? url.pathname.slice(url.pathname.lastIndexOf('@') + 1) : url.hostname
    // user:pass@host links are where look-alikes hide a foreign host: never treat them as ours.
    if (url.username || url.password) return true
  } catch {
    return true
  }
  host = host.toLowerCase().replace(/\.$/, '')
  return !domains.some((d) => isUnder(host, d))
}
