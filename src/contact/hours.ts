/**
 * Business hours in the operator's IANA time zone, computed with Intl.DateTimeFormat only (no
 * date library). A schedule is turned into concrete open intervals (instants), so daylight
 * saving, midnight-spanning windows and holidays are handled in one place and every question
 * ("open now?", "closes at?", "opens at?") is a lookup in that list.
 */
import type { BusinessHours } from '../types.js'

/** One weekly window: day 0 = Sunday; `close` ≤ `open` means it ends the next day. */
export type WeeklyWindow = BusinessHours['weekly'][number]

/** The wall clock in a time zone at one instant. */
export interface WallClock {
  y: number
  m: number
  d: number
  /** 0 = Sunday. */
  weekday: number
  /** Minutes since local midnight. */
  minutes: number
}

/** Where a schedule stands at one instant. Instants are epoch milliseconds. */
export type HoursStatus =
  | { open: true; /** Undefined: open for the whole look-ahead (24/7). */ closesAt?: number }
  | { open: false; /** Undefined: no opening in the look-ahead. */ opensAt?: number; holiday: boolean }

const DAY = 86_400_000
/** How far ahead "opens at" and "closes at" look; a longer gap reads as "closed" / "always open". */
export const LOOK_AHEAD_DAYS = 14
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']
const formatters = new Map<string, Intl.DateTimeFormat>()

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone)
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      weekday: 'short',
      hour: 'numeric',
      minute: 'numeric',
    })
    formatters.set(timeZone, f)
  }
  return f
}

/** The wall-clock date and time of instant `t` in `timeZone`. */
export function wallClock(t: number, timeZone: string): WallClock {
  const p: Record<string, string> = {}
  for (const part of formatter(timeZone).formatToParts(new Date(t))) p[part.type] = part.value
  return {
    y: Number(p.year),
    m: Number(p.month),
    d: Number(p.day),
    weekday: WEEKDAYS.indexOf(p.weekday ?? ''),
    minutes: (Number(p.hour) % 24) * 60 + Number(p.minute),
  }
}

/** UTC offset of `timeZone` at instant `t`, in ms (Asia/Shanghai → +8 h). Minute precision. */
export function offsetAt(t: number, timeZone: string): number {
  const w = wallClock(t, timeZone)
  return Date.UTC(w.y, w.m - 1, w.d, 0, w.minutes) - Math.floor(t / 60_000) * 60_000
}

/**
 * The instant at which the wall clock in `timeZone` reads y-m-d plus `minutes` (which may
 * exceed 1440 and roll into the next day). Like Temporal's "compatible" disambiguation: a time
 * skipped by a DST jump moves forward by the jump; a time that occurs twice is the earlier one.
 */
export function zonedInstant(y: number, m: number, d: number, minutes: number, timeZone: string): number {
  const asUtc = Date.UTC(y, m - 1, d, 0, minutes)
  const before = offsetAt(asUtc - DAY, timeZone)
  const after = offsetAt(asUtc + DAY, timeZone)
  const candidates = [...new Set([before, after])]
    .map((o) => asUtc - o)
    .filter((t) => {
      const w = wallClock(t, timeZone)
      return Date.UTC(w.y, w.m - 1, w.d, 0, w.minutes) === asUtc
    })
    .sort((a, b) => a - b)
  return candidates[0] ?? asUtc - before
}

/** Minutes of an `HH:MM` string; `24:00` → 1440. */
export function toMinutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number)
  return (h ?? 0) * 60 + (m ?? 0)
}

/** `YYYY-MM-DD` of a calendar date. */
export function dateKey(y: number, m: number, d: number): string {
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`
}

/** Calendar date `offset` days after y-m-d (proleptic Gregorian, no time zone involved). */
function addDays(y: number, m: number, d: number, offset: number): [number, number, number, number] {
  const date = new Date(Date.UTC(y, m - 1, d + offset))
  return [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), date.getUTCDay()]
}

/**
 * Open intervals `[start, end)` of `hours` that overlap `[from, to)`, merged and sorted.
 * A window whose close is not after its open runs past midnight into the next day
 * (`22:00`–`02:00`); `open === close` is a 24-hour window. A holiday closes its whole
 * wall-clock date in the operator's zone, including the tail of the previous night's window.
 */
export function openIntervals(hours: BusinessHours, from: number, to: number): Array<[number, number]> {
  const { timeZone } = hours
  const start = wallClock(from, timeZone)
  const days = Math.ceil((to - from) / DAY) + 2
  const raw: Array<[number, number]> = []
  for (let i = -1; i <= days; i++) {
    const [y, m, d, weekday] = addDays(start.y, start.m, start.d, i)
    for (const w of hours.weekly) {
      if (w.day !== weekday) continue
      const open = toMinutes(w.open)
      let close = toMinutes(w.close)
      if (close <= open) close += 1440
      raw.push([zonedInstant(y, m, d, open, timeZone), zonedInstant(y, m, d, close, timeZone)])
    }
  }
  let intervals = merge(raw)
  for (const holiday of hours.holidays ?? []) {
    const [y, m, d] = holiday.split('-').map(Number) as [number, number, number]
    const cut: [number, number] = [zonedInstant(y, m, d, 0, timeZone), zonedInstant(y, m, d, 1440, timeZone)]
    intervals = intervals.flatMap(([a, b]): Array<[number, number]> => {
      if (b <= cut[0] || a >= cut[1]) return [[a, b]]
      const parts: Array<[number, number]> = []
      if (a < cut[0]) parts.push([a, cut[0]])
      if (b > cut[1]) parts.push([cut[1], b])
      return parts
    })
  }
  return intervals.filter(([a, b]) => b > from && a < to && b > a)
}

/** Sort and merge overlapping or touching intervals (Mon 09:00–24:00 + Tue 00:00–02:00 is one). */
function merge(list: Array<[number, number]>): Array<[number, number]> {
  const sorted = list.filter(([a, b]) => b > a).sort((x, y) => x[0] - y[0])
  const out: Array<[number, number]> = []
  for (const [a, b] of sorted) {
    const last = out[out.length - 1]
    if (last && a <= last[1]) last[1] = Math.max(last[1], b)
    else out.push([a, b])
  }
  return out
}

/** Whether the operator's wall-clock date at instant `t` is one of the schedule's holidays. */
export function isHoliday(hours: BusinessHours, t: number): boolean {
  if (!hours.holidays?.length) return false
  const w = wallClock(t, hours.timeZone)
  return hours.holidays.includes(dateKey(w.y, w.m, w.d))
}

/**
 * Open now? When open: until when. When closed: when it opens next and whether today is a
 * holiday. Looks {@link LOOK_AHEAD_DAYS} days ahead.
 * @example hoursStatus({ timeZone: 'Asia/Shanghai', weekly: [{ day: 1, open: '09:00', close: '21:00' }] }, Date.now())
 */
export function hoursStatus(hours: BusinessHours, now: number): HoursStatus {
  const horizon = now + LOOK_AHEAD_DAYS * DAY
  const intervals = openIntervals(hours, now - DAY, horizon)
  const current = intervals.find(([a, b]) => a <= now && now < b)
  if (current) return current[1] >= horizon ? { open: true } : { open: true, closesAt: current[1] }
  const next = intervals.find(([a]) => a > now)
  const holiday = isHoliday(hours, now)
  return next ? { open: false, opensAt: next[0], holiday } : { open: false, holiday }
}

/** Holidays from the operator's today on, in date order. */
export function upcomingHolidays(hours: Pick<BusinessHours, 'timeZone' | 'holidays'>, now: number): string[] {
  const w = wallClock(now, hours.timeZone)
  const today = dateKey(w.y, w.m, w.d)
  return [...new Set(hours.holidays ?? [])].filter((h) => h >= today).sort()
}
