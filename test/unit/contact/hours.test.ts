import { describe, expect, it } from 'vitest'
import { hoursStatus, openIntervals, upcomingHolidays, wallClock, zonedInstant } from '../../../src/contact/hours.js'
import type { BusinessHours } from '../../../src/types.js'

const at = (iso: string) => Date.parse(iso)
const iso = (t: number | undefined) => (t === undefined ? undefined : new Date(t).toISOString())
const everyDay = (open: string, close: string) => [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, open, close }))
const shanghai: BusinessHours = {
  timeZone: 'Asia/Shanghai',
  weekly: everyDay('09:00', '21:00'),
  holidays: ['2026-10-01'],
}

describe('hours in the operator zone (Asia/Shanghai, no DST)', () => {
  it('is open inside the window and says when it closes, on the operator clock', () => {
    // 12:00 UTC = 20:00 in Shanghai.
    expect(hoursStatus(shanghai, at('2026-09-30T12:00:00Z'))).toEqual({
      open: true,
      closesAt: at('2026-09-30T13:00:00Z'),
    })
  })

  it('is closed before opening and after closing, and names the next opening', () => {
    expect(hoursStatus(shanghai, at('2026-09-29T00:30:00Z'))).toEqual({
      open: false,
      opensAt: at('2026-09-29T01:00:00Z'),
      holiday: false,
    })
    // 21:00 sharp is closed: windows are [open, close).
    expect(hoursStatus(shanghai, at('2026-09-29T13:00:00Z'))).toMatchObject({
      open: false,
      opensAt: at('2026-09-30T01:00:00Z'),
    })
  })

  it('skips a holiday: closed all day, flagged, and the next opening is the day after', () => {
    expect(hoursStatus(shanghai, at('2026-10-01T04:00:00Z'))).toEqual({
      open: false,
      opensAt: at('2026-10-02T01:00:00Z'),
      holiday: true,
    })
    // The evening before the holiday: after closing, the next opening jumps over 1 October.
    expect(hoursStatus(shanghai, at('2026-09-30T13:30:00Z'))).toEqual({
      open: false,
      opensAt: at('2026-10-02T01:00:00Z'),
      holiday: false,
    })
  })

  it('the holiday is the operator date, not the UTC date', () => {
    // 2026-09-30T17:00Z is already 1 October 01:00 in Shanghai.
    expect(wallClock(at('2026-09-30T17:00:00Z'), 'Asia/Shanghai')).toMatchObject({ y: 2026, m: 10, d: 1 })
    const night: BusinessHours = {
      timeZone: 'Asia/Shanghai',
      weekly: everyDay('00:00', '24:00'),
      holidays: ['2026-10-01'],
    }
    expect(hoursStatus(night, at('2026-09-30T15:59:00Z')).open).toBe(true)
    expect(hoursStatus(night, at('2026-09-30T16:00:00Z'))).toMatchObject({
      open: false,
      holiday: true,
      opensAt: at('2026-10-01T16:00:00Z'),
    })
  })
})

describe('midnight-spanning and merged windows', () => {
  const late: BusinessHours = { timeZone: 'Asia/Shanghai', weekly: [{ day: 5, open: '22:00', close: '02:00' }] }

  it('a Friday 22:00–02:00 window is open early Saturday and closes at 02:00', () => {
    // Sat 2026-10-03 01:00 in Shanghai.
    expect(hoursStatus(late, at('2026-10-02T17:00:00Z'))).toEqual({ open: true, closesAt: at('2026-10-02T18:00:00Z') })
    expect(hoursStatus(late, at('2026-10-02T18:00:00Z'))).toMatchObject({
      open: false,
      opensAt: at('2026-10-09T14:00:00Z'),
    })
    // Friday 21:00: opens at 22:00 the same evening.
    expect(hoursStatus(late, at('2026-10-02T13:00:00Z'))).toMatchObject({
      open: false,
      opensAt: at('2026-10-02T14:00:00Z'),
    })
  })

  it('touching windows merge: Mon 09:00–24:00 and Tue 00:00–02:00 close on Tuesday at 02:00', () => {
    const h: BusinessHours = {
      timeZone: 'Asia/Shanghai',
      weekly: [
        { day: 1, open: '09:00', close: '24:00' },
        { day: 2, open: '00:00', close: '02:00' },
      ],
    }
    expect(hoursStatus(h, at('2026-10-05T15:00:00Z'))).toEqual({ open: true, closesAt: at('2026-10-05T18:00:00Z') })
  })

  it('a holiday cuts the tail of the previous night at midnight', () => {
    const h: BusinessHours = {
      timeZone: 'Asia/Shanghai',
      weekly: [{ day: 3, open: '22:00', close: '02:00' }],
      holidays: ['2026-10-01'],
    }
    // Wed 2026-09-30 23:00 → the shift would run to Thu 02:00, but Thursday is a holiday.
    expect(hoursStatus(h, at('2026-09-30T15:00:00Z'))).toEqual({ open: true, closesAt: at('2026-09-30T16:00:00Z') })
  })

  it('open === close is a 24-hour window; all week round the clock is "always open"', () => {
    const day: BusinessHours = { timeZone: 'Asia/Shanghai', weekly: [{ day: 4, open: '08:00', close: '08:00' }] }
    // Thursday 2026-10-01 20:00 in Shanghai: inside Thu 08:00 → Fri 08:00.
    expect(hoursStatus(day, at('2026-10-01T12:00:00Z'))).toEqual({ open: true, closesAt: at('2026-10-02T00:00:00Z') })
    expect(
      openIntervals(day, at('2026-09-28T00:00:00Z'), at('2026-10-05T00:00:00Z')).map(([a, b]) => (b - a) / 3_600_000),
    ).toEqual([24])
    expect(
      hoursStatus({ timeZone: 'Asia/Shanghai', weekly: everyDay('00:00', '24:00') }, at('2026-10-02T00:00:00Z')),
    ).toEqual({ open: true })
  })

  it('round the clock with a holiday ahead closes at the start of the holiday', () => {
    const h: BusinessHours = { timeZone: 'Asia/Shanghai', weekly: everyDay('00:00', '24:00'), holidays: ['2026-10-01'] }
    expect(hoursStatus(h, at('2026-09-28T00:00:00Z'))).toEqual({ open: true, closesAt: at('2026-09-30T16:00:00Z') })
  })

  it('no windows: closed with no next opening', () => {
    expect(hoursStatus({ timeZone: 'Asia/Shanghai', weekly: [] }, at('2026-10-02T00:00:00Z'))).toEqual({
      open: false,
      holiday: false,
    })
  })
})

describe('a DST zone (Europe/Berlin)', () => {
  const berlin: BusinessHours = { timeZone: 'Europe/Berlin', weekly: everyDay('09:00', '17:00') }

  it('the same wall time is a different UTC instant before and after the spring change; Shanghai stays put', () => {
    expect(iso(zonedInstant(2026, 3, 28, 9 * 60, 'Europe/Berlin'))).toBe('2026-03-28T08:00:00.000Z')
    expect(iso(zonedInstant(2026, 3, 30, 9 * 60, 'Europe/Berlin'))).toBe('2026-03-30T07:00:00.000Z')
    expect(iso(zonedInstant(2026, 3, 28, 9 * 60, 'Asia/Shanghai'))).toBe('2026-03-28T01:00:00.000Z')
    expect(iso(zonedInstant(2026, 3, 30, 9 * 60, 'Asia/Shanghai'))).toBe('2026-03-30T01:00:00.000Z')
  })

  it('a time skipped by the spring jump moves forward; a repeated autumn time is the earlier one', () => {
    // 2026-03-29 02:30 does not exist in Berlin → 03:30 CEST.
    expect(iso(zonedInstant(2026, 3, 29, 150, 'Europe/Berlin'))).toBe('2026-03-29T01:30:00.000Z')
    // 2026-10-25 02:30 happens twice → the first (CEST).
    expect(iso(zonedInstant(2026, 10, 25, 150, 'Europe/Berlin'))).toBe('2026-10-25T00:30:00.000Z')
  })

  it('on the change days a window has its real length (01:00–05:00 is 3 h in spring, 5 h in autumn)', () => {
    const night = (day: number): BusinessHours => ({
      timeZone: 'Europe/Berlin',
      weekly: [{ day, open: '01:00', close: '05:00' }],
    })
    const hoursOf = (h: BusinessHours, from: string, to: string) =>
      openIntervals(h, at(from), at(to)).map(([a, b]) => (b - a) / 3_600_000)
    expect(hoursOf(night(0), '2026-03-28T12:00:00Z', '2026-03-29T12:00:00Z')).toEqual([3])
    expect(hoursOf(night(0), '2026-10-24T12:00:00Z', '2026-10-25T12:00:00Z')).toEqual([5])
  })

  it('status across the spring change: Saturday evening closed, opens Monday 09:00 CEST', () => {
    const weekdays: BusinessHours = {
      timeZone: 'Europe/Berlin',
      weekly: [1, 2, 3, 4, 5].map((day) => ({ day, open: '09:00', close: '17:00' })),
    }
    expect(hoursStatus(weekdays, at('2026-03-28T18:00:00Z'))).toEqual({
      open: false,
      opensAt: at('2026-03-30T07:00:00Z'),
      holiday: false,
    })
    expect(hoursStatus(berlin, at('2026-03-30T14:59:00Z'))).toEqual({
      open: true,
      closesAt: at('2026-03-30T15:00:00Z'),
    })
  })
})

describe('upcoming holidays', () => {
  it('lists holidays from the operator today on, sorted and unique', () => {
    const h = { timeZone: 'Asia/Shanghai', holidays: ['2026-10-02', '2026-01-01', '2026-10-01', '2026-10-01'] }
    // 2026-09-30T17:00Z is 1 October in Shanghai, so 1 October still counts.
    expect(upcomingHolidays(h, at('2026-09-30T17:00:00Z'))).toEqual(['2026-10-01', '2026-10-02'])
    expect(upcomingHolidays(h, at('2026-10-01T17:00:00Z'))).toEqual(['2026-10-02'])
  })
})
