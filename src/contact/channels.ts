/**
 * The contact channel model: the host's `channels` option turned into a list of channels with
 * safe links and schedules in the operator's zone. Anything that fails validation is left out
 * (and named in `dropped`), so a bad entry can hide a channel but never render a bad link.
 */
import type { BusinessHours } from '../types.js'
import type { WeeklyWindow } from './hours.js'
import { HHMM, httpsUrl, isDateKey, isEmailAddress, isTimeZone, telHref } from './urls.js'

/** `channels` option: how users can reach the operator besides the in-app chat and messages. */
export interface ChannelsOption {
  hotline?: { number: string; hours?: WeeklyWindow[] }
  email?: { address: string; hours?: WeeklyWindow[] }
  website?: { url: string }
  social?: Array<{ name: string; url: string; handle?: string }>
  servicePoints?: Array<{ name: string; address: string; hours?: WeeklyWindow[]; mapUrl?: string }>
  /** The operator's IANA zone, e.g. `Asia/Shanghai`. Required when any channel has hours. */
  timeZone?: string
  /** Dates the operator is closed, `YYYY-MM-DD` in `timeZone`. */
  holidays?: string[]
  /**
   * Numbers, addresses and accounts known to impersonate the operator, as people see them
   * (`+86 171 0000 1234`, `refund-example.top`, `@examp1ewallet`): the checker names them as
   * known scams. A transport with `knownScams()` can serve more.
   */
  knownScams?: string[]
}

/** Kinds in the order the panel may show them; `chat` and `messages` are in-app channels. */
export type ChannelKind = 'hotline' | 'chat' | 'messages' | 'email' | 'website' | 'social' | 'servicePoints'

export type ContactChannel =
  | { kind: 'hotline'; number: string; href: string; hours?: BusinessHours }
  | { kind: 'email'; address: string; hours?: BusinessHours }
  | { kind: 'website'; url: string; host: string }
  | { kind: 'social'; accounts: Array<{ name: string; url: string; handle?: string }> }
  | { kind: 'servicePoints'; points: Array<{ name: string; address: string; mapUrl?: string; hours?: BusinessHours }> }

export interface ContactModel {
  /** Configured external channels (chat and messages depend on the transport, not on options). */
  channels: ContactChannel[]
  timeZone: string | undefined
  /** Valid holidays, sorted. */
  holidays: string[]
  /** Option paths left out because they failed validation, e.g. `channels.website.url`. */
  dropped: string[]
}

const validWindow = (w: WeeklyWindow): boolean =>
  Number.isInteger(w.day) && w.day >= 0 && w.day <= 6 && HHMM.test(w.open) && w.open !== '24:00' && HHMM.test(w.close)

/** Build the model. Pure: the same option always gives the same model. */
export function buildContactModel(option: ChannelsOption | undefined): ContactModel {
  const dropped: string[] = []
  const o = option ?? {}
  const timeZone = o.timeZone && isTimeZone(o.timeZone) ? o.timeZone : undefined
  if (o.timeZone && !timeZone) dropped.push('channels.timeZone')
  const holidays = [
    ...new Set(
      (o.holidays ?? []).filter((h) => {
        const ok = isDateKey(h)
        if (!ok) dropped.push(`channels.holidays.${h}`)
        return ok
      }),
    ),
  ].sort()

  const schedule = (windows: WeeklyWindow[] | undefined, path: string): BusinessHours | undefined => {
    if (!windows) return undefined
    if (!timeZone) {
      dropped.push(`${path}.hours`)
      return undefined
    }
    const weekly = windows.filter((w, i) => validWindow(w) || (dropped.push(`${path}.hours.${i}`), false))
    return { timeZone, weekly, holidays }
  }
  const withHours = <T extends object>(base: T, hours: BusinessHours | undefined): T & { hours?: BusinessHours } =>
    hours ? { ...base, hours } : base

  const channels: ContactChannel[] = []
  if (o.hotline) {
    const href = telHref(o.hotline.number)
    if (href)
      channels.push(
        withHours(
          { kind: 'hotline' as const, number: o.hotline.number.trim(), href },
          schedule(o.hotline.hours, 'channels.hotline'),
        ),
      )
    else dropped.push('channels.hotline.number')
  }
  if (o.email) {
    if (isEmailAddress(o.email.address))
      channels.push(
        withHours({ kind: 'email' as const, address: o.email.address }, schedule(o.email.hours, 'channels.email')),
      )
    else dropped.push('channels.email.address')
  }
  if (o.website) {
    const url = httpsUrl(o.website.url)
    if (url) channels.push({ kind: 'website', url, host: new URL(url).host })
    else dropped.push('channels.website.url')
  }
  const accounts = (o.social ?? []).flatMap((s, i) => {
    const url = httpsUrl(s.url)
    if (!url || !s.name?.trim()) return (dropped.push(`channels.social.${i}`), [])
    return [s.handle ? { name: s.name, url, handle: s.handle } : { name: s.name, url }]
  })
  if (accounts.length) channels.push({ kind: 'social', accounts })
  const points = (o.servicePoints ?? []).flatMap((p, i) => {
    if (!p.name?.trim() || !p.address?.trim()) return (dropped.push(`channels.servicePoints.${i}`), [])
    const mapUrl = p.mapUrl === undefined ? undefined : httpsUrl(p.mapUrl)
    if (p.mapUrl !== undefined && !mapUrl) dropped.push(`channels.servicePoints.${i}.mapUrl`)
    const point = withHours({ name: p.name, address: p.address }, schedule(p.hours, `channels.servicePoints.${i}`))
    return [mapUrl ? { ...point, mapUrl } : point]
  })
  if (points.length) channels.push({ kind: 'servicePoints', points })
  return { channels, timeZone, holidays, dropped }
}
