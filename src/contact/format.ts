/**
 * Words for hours: "Open now · closes at 21:00", "Closed · opens tomorrow at 09:00", a weekly
 * summary and holiday dates. Times are shown on the user's clock in the user's locale; when the
 * user's zone differs from the operator's, the operator's time and zone name follow in brackets.
 */
import type { Translate } from '../i18n/translate.js'
import type { BusinessHours } from '../types.js'
import { offsetAt, toMinutes, wallClock, type HoursStatus } from './hours.js'

/** What every formatter needs: translator, locale, the user's zone and the current instant. */
export interface FormatContext {
  t: Translate
  locale: string
  /** The user's IANA zone (default: the device's). */
  displayTimeZone: string
  now: number
}

const DAY = 86_400_000
const cache = new Map<string, Intl.DateTimeFormat>()
function dtf(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`
  let f = cache.get(key)
  if (!f) cache.set(key, (f = new Intl.DateTimeFormat(locale, options)))
  return f
}

/** The device's time zone, `UTC` when the engine does not say. */
export function deviceTimeZone(): string {
  return new Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'
}

/** `09:00` in `timeZone`, 24-hour clock, in the locale's digits. */
export function formatTime(at: number, locale: string, timeZone: string): string {
  return dtf(locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }).format(at)
}

/** The localized long name of a zone at an instant ("China Standard Time", "中国标准时间"). */
export function zoneName(timeZone: string, locale: string, at: number): string {
  const part = dtf(locale, { timeZone, timeZoneName: 'long' })
    .formatToParts(at)
    .find((p) => p.type === 'timeZoneName')
  return part?.value ?? timeZone
}

/** Calendar days between the user's today and the user's date of `at` (0 = today). */
function dayDiff(at: number, ctx: FormatContext): number {
  const a = wallClock(at, ctx.displayTimeZone)
  const n = wallClock(ctx.now, ctx.displayTimeZone)
  return Math.round((Date.UTC(a.y, a.m - 1, a.d) - Date.UTC(n.y, n.m - 1, n.d)) / DAY)
}

/** A time on the user's clock, with the operator's own time when the two clocks differ. */
export function timeLabel(at: number, operatorZone: string, ctx: FormatContext): string {
  const time = formatTime(at, ctx.locale, ctx.displayTimeZone)
  if (offsetAt(at, operatorZone) === offsetAt(at, ctx.displayTimeZone)) return time
  return ctx.t('contact.time.otherZone', {
    time,
    operatorTime: formatTime(at, ctx.locale, operatorZone),
    zone: zoneName(operatorZone, ctx.locale, at),
  })
}

function dayLabel(at: number, ctx: FormatContext): string {
  const diff = dayDiff(at, ctx)
  const options: Intl.DateTimeFormatOptions =
    diff < 7 ? { weekday: 'long' } : { month: 'long', day: 'numeric', weekday: 'short' }
  return dtf(ctx.locale, { ...options, timeZone: ctx.displayTimeZone }).format(at)
}

/**
 * One line for a channel's status, e.g. "Open now · closes at 21:00".
 * A closing time within the next 24 hours reads "closes at" even past midnight (overnight shifts).
 */
export function describeStatus(status: HoursStatus, operatorZone: string, ctx: FormatContext): string {
  const { t } = ctx
  const join = (state: string, next: string) => t('contact.status.join', { state, next })
  if (status.open) {
    if (status.closesAt === undefined) return t('contact.state.always')
    const time = timeLabel(status.closesAt, operatorZone, ctx)
    const next =
      status.closesAt - ctx.now < DAY
        ? t('contact.next.closesAt', { time })
        : t('contact.next.closesOn', { day: dayLabel(status.closesAt, ctx), time })
    return join(t('contact.state.open'), next)
  }
  const state = t(status.holiday ? 'contact.state.holiday' : 'contact.state.closed')
  if (status.opensAt === undefined) return state
  const time = timeLabel(status.opensAt, operatorZone, ctx)
  const diff = dayDiff(status.opensAt, ctx)
  const next =
    diff <= 0
      ? t('contact.next.opensAt', { time })
      : diff === 1
        ? t('contact.next.opensTomorrow', { time })
        : t('contact.next.opensOn', { day: dayLabel(status.opensAt, ctx), time })
  return join(state, next)
}

/** Short weekday names indexed by day (0 = Sunday); 2026-01-04 was a Sunday. */
export function weekdayNames(locale: string, width: 'short' | 'long' = 'short'): string[] {
  const f = dtf(locale, { weekday: width, timeZone: 'UTC' })
  return [0, 1, 2, 3, 4, 5, 6].map((d) => f.format(Date.UTC(2026, 0, 4 + d)))
}

/** One row of the weekly summary: "Mon–Fri" → "09:00–21:00". */
export interface WeeklyRow {
  days: string
  hours: string
}

/**
 * The weekly schedule grouped into runs of days with the same windows, Monday first, in the
 * operator's own times (the caption names the zone). Empty when no window is set.
 */
export function weeklySummary(hours: BusinessHours, ctx: Pick<FormatContext, 't' | 'locale'>): WeeklyRow[] {
  if (hours.weekly.length === 0) return []
  const { t } = ctx
  const names = weekdayNames(ctx.locale)
  const sep = t('contact.list.separator')
  const textOf = (day: number): string => {
    const windows = hours.weekly.filter((w) => w.day === day).sort((a, b) => toMinutes(a.open) - toMinutes(b.open))
    if (windows.length === 0) return t('contact.hours.closed')
    return windows
      .map((w) => {
        if (w.open === w.close || (w.open === '00:00' && w.close === '24:00')) return t('contact.hours.allDay')
        const key = toMinutes(w.close) <= toMinutes(w.open) ? 'contact.hours.overnight' : 'contact.hours.window'
        return t(key, { open: w.open, close: w.close })
      })
      .join(sep)
  }
  const order = [1, 2, 3, 4, 5, 6, 0]
  const runs: Array<{ days: number[]; text: string }> = []
  for (const day of order) {
    const text = textOf(day)
    const last = runs[runs.length - 1]
    if (last && last.text === text) last.days.push(day)
    else runs.push({ days: [day], text })
  }
  return runs.map(({ days, text }) => ({
    days:
      days.length >= 3
        ? t('contact.days.range', { from: names[days[0]!]!, to: names[days[days.length - 1]!]! })
        : days.map((d) => names[d]!).join(sep),
    hours: text,
  }))
}

/** A holiday `YYYY-MM-DD` as a localized date ("Thu, October 1, 2026", "2026年10月1日周四"). */
export function formatDateKey(key: string, locale: string): string {
  const [y, m, d] = key.split('-').map(Number) as [number, number, number]
  return dtf(locale, { year: 'numeric', month: 'long', day: 'numeric', weekday: 'short', timeZone: 'UTC' }).format(
    Date.UTC(y, m - 1, d),
  )
}
