/**
 * The official list: what the operator's `channels` option says is theirs, in the normalized
 * forms the checker compares, plus the `knownScams` it ships or serves.
 */
import type { ChannelsOption } from '../contact/channels.js'
import { registrableDomain } from './domain.js'
import { type PhoneKey, parsePhone } from './phone.js'
import { fold } from './skeleton.js'

export interface OfficialPhone {
  key: PhoneKey
  display: string
}
export interface OfficialDomain {
  domain: string
  channel: 'website' | 'email'
}
export interface OfficialAccount {
  /** Platform name as the operator wrote it (微博, WeChat …). */
  name: string
  /** The platform's registrable domain, e.g. `weibo.com`. */
  platform: string
  /** Handle folded (NFKC, lower case, no leading @). */
  handle: string
  display: string
}

export interface OfficialList {
  phones: OfficialPhone[]
  domains: OfficialDomain[]
  emails: string[]
  accounts: OfficialAccount[]
  /** Known scam contacts, raw as shipped or served (classified when checked). */
  knownScams: string[]
}

/** A handle as platforms compare it: NFKC, lower case, without the leading @. */
export const foldHandle = (h: string) => fold(h.trim()).replace(/^[@＠]/, '')

/** The handle in a profile URL: the last non-empty path segment (`/u/examplewallet` → `examplewallet`). */
export function handleFromUrl(url: URL): string | undefined {
  const parts = url.pathname.split('/').filter(Boolean)
  const last = parts[parts.length - 1]
  return last ? decodeURIComponent(last) : undefined
}

const hostOf = (raw: string): string | undefined => {
  try {
    return new URL(raw).hostname.toLowerCase()
  } catch {
    return undefined
  }
}

/**
 * Builds the official list from the `channels` option (invalid entries are skipped: the option
 * check reports them) and the operator's known scams.
 */
export function buildOfficialList(
  channels: ChannelsOption | undefined,
  knownScams: readonly string[] = [],
): OfficialList {
  const list: OfficialList = { phones: [], domains: [], emails: [], accounts: [], knownScams: [...knownScams] }
  const hotline = channels?.hotline?.number
  const key = hotline ? parsePhone(hotline) : undefined
  if (hotline && key) list.phones.push({ key, display: hotline.trim() })
  const site = channels?.website?.url ? hostOf(channels.website.url) : undefined
  if (site) list.domains.push({ domain: registrableDomain(site), channel: 'website' })
  const email = channels?.email?.address?.trim().toLowerCase()
  if (email?.includes('@')) {
    list.emails.push(email)
    const domain = registrableDomain(email.slice(email.lastIndexOf('@') + 1))
    if (!list.domains.some((d) => d.domain === domain)) list.domains.push({ domain, channel: 'email' })
  }
  for (const s of channels?.social ?? []) {
    const host = hostOf(s.url)
    if (!host) continue
    let handle = s.handle
    if (!handle) {
      try {
        handle = handleFromUrl(new URL(s.url))
      } catch {
        handle = undefined
      }
    }
    if (handle)
      list.accounts.push({
        name: s.name,
        platform: registrableDomain(host),
        handle: foldHandle(handle),
        display: handle.trim(),
      })
  }
  return list
}
