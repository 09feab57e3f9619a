import type { BusinessHours } from '../../src/types.js'

/** Asia/Shanghai, every day 09:00–21:00: the demo operator's hours. */
export const defaultHours: BusinessHours = {
  timeZone: 'Asia/Shanghai',
  weekly: [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, open: '09:00', close: '21:00' })),
}

interface Wall {
  y: number
  m: number
  d: number
  weekday: number
  minutes: number
}

const formatters = new Map<string, Intl.DateTimeFormat>()
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']

/** Wall-clock date and time of `t` in `timeZone`. */
function wall(t: number, timeZone: string): Wall {
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
      second: 'numeric',
    })
    formatters.set(timeZone, f)
  }
  const p: Record<string, string> = {}
  for (const part of f.formatToParts(new Date(t))) p[part.type] = part.value
  return {
    y: Number(p.year),
    m: Number(p.month),
    d: Number(p.day),
    weekday: WEEKDAYS.indexOf(p.weekday ?? ''),
    minutes: Number(p.hour) * 60 + Number(p.minute),
  }
}

const toMinutes = (hhmm: string): number => {
  const [h, m] = hhmm.split(':').map(Number)
  return (h ?? 0) * 60 + (m ?? 0)
}
const dateKey = (y: number, m: number, d: number): string =>
  `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`

/** Offset of `timeZone` at instant `t`, in ms (UTC+8 → 28 800 000). */
function offsetAt(t: number, timeZone: string): number {
  const w = wall(t, timeZone)
  const asUtc = Date.UTC(w.y, w.m - 1, w.d, Math.floor(w.minutes / 60), w.minutes % 60)
  return asUtc - Math.floor(t / 60_000) * 60_000
}

/** The instant at which the wall clock in `timeZone` shows y-m-d hh:mm (DST-safe to one hop). */
function zonedInstant(y: number, m: number, d: number, minutes: number, timeZone: string): number {
  const guess = Date.UTC(y, m - 1, d, 0, minutes)
  const first = guess - offsetAt(guess, timeZone)
  const second = guess - offsetAt(first, timeZone)
  return second
}

/** Whether `hours` are open at `now`. Windows are [open, close) on one day; close may be "24:00". */
export function isOpenAt(hours: BusinessHours | null, now: number): boolean {
  if (!hours) return true
  const w = wall(now, hours.timeZone)
  if (hours.holidays?.includes(dateKey(w.y, w.m, w.d))) return false
  return hours.weekly.some(
    (win) => win.day === w.weekday && toMinutes(win.open) <= w.minutes && w.minutes < toMinutes(win.close),
  )
}

/** Next opening instant after `now` within two weeks, or undefined (always closed / always open). */
export function nextOpenAt(hours: BusinessHours | null, now: number): Date | undefined {
  if (!hours) return undefined
  const today = wall(now, hours.timeZone)
  for (let offset = 0; offset <= 14; offset++) {
    const day = new Date(Date.UTC(today.y, today.m - 1, today.d + offset))
    const [y, m, d] = [day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate()]
    if (hours.holidays?.includes(dateKey(y, m, d))) continue
    const opens = hours.weekly
      .filter((win) => win.day === day.getUTCDay())
      .map((win) => zonedInstant(y, m, d, toMinutes(win.open), hours.timeZone))
      .filter((t) => t > now)
      .sort((a, b) => a - b)
    if (opens[0] !== undefined) return new Date(opens[0])
  }
  return undefined
}
