import { describe, expect, it } from 'vitest'
import { describeStatus, formatDateKey, weeklySummary, type FormatContext } from '../../../src/contact/format.js'
import { hoursStatus } from '../../../src/contact/hours.js'
import { catalogs, createTranslator } from '../../../src/i18n/index.js'
import type { BusinessHours, Locale } from '../../../src/types.js'

const at = (iso: string) => Date.parse(iso)
const ctx = (locale: Locale, now: number, displayTimeZone = 'Asia/Shanghai'): FormatContext => ({
  t: createTranslator(catalogs[locale]!),
  locale,
  displayTimeZone,
  now,
})
const daily: BusinessHours = {
  timeZone: 'Asia/Shanghai',
  weekly: [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, open: '09:00', close: '21:00' })),
  holidays: ['2026-10-01'],
}
const line = (hours: BusinessHours, now: number, c: FormatContext) =>
  describeStatus(hoursStatus(hours, now), hours.timeZone, c)

describe('status lines', () => {
  it('open: "Open now · closes at 21:00" in each locale', () => {
    const now = at('2026-09-30T04:00:00Z') // 12:00 in Shanghai
    expect(line(daily, now, ctx('en', now))).toBe('Open now · closes at 21:00')
    expect(line(daily, now, ctx('zh-CN', now))).toBe('正在服务 · 21:00 结束服务')
    expect(line(daily, now, ctx('zh-TW', now))).toBe('服務中 · 21:00 結束服務')
  })

  it('closed before opening today: "opens at 09:00"; after closing: "opens tomorrow at 09:00"', () => {
    const early = at('2026-09-29T23:30:00Z') // 07:30 on 30 Sep
    expect(line(daily, early, ctx('en', early))).toBe('Closed · opens at 09:00')
    const late = at('2026-09-28T14:00:00Z') // 22:00 on 28 Sep
    expect(line(daily, late, ctx('en', late))).toBe('Closed · opens tomorrow at 09:00')
    expect(line(daily, late, ctx('zh-CN', late))).toBe('休息中 · 明天 09:00 开始服务')
  })

  it('on a holiday it says so and names the weekday it opens', () => {
    const now = at('2026-10-01T04:00:00Z')
    expect(line(daily, now, ctx('en', now))).toBe('Closed for a public holiday · opens tomorrow at 09:00')
    const eve = at('2026-09-30T14:00:00Z') // 22:00 on 30 Sep: next opening is Friday 2 Oct
    expect(line(daily, eve, ctx('en', eve))).toBe('Closed · opens Friday at 09:00')
    expect(line(daily, eve, ctx('zh-TW', eve))).toBe('休息中 · 星期五 09:00 開始服務')
  })

  it('a user in another zone sees their own clock with the operator time and zone in brackets', () => {
    const now = at('2026-09-30T04:00:00Z')
    expect(line(daily, now, ctx('en', now, 'Europe/Berlin'))).toBe(
      'Open now · closes at 15:00 (21:00 China Standard Time)',
    )
    expect(line(daily, now, ctx('zh-CN', now, 'Europe/Berlin'))).toBe('正在服务 · 15:00（中国标准时间 21:00） 结束服务')
  })

  it('an overnight shift closing after midnight still reads "closes at 02:00"; a multi-day span names the day', () => {
    const late: BusinessHours = { timeZone: 'Asia/Shanghai', weekly: [{ day: 5, open: '22:00', close: '02:00' }] }
    const now = at('2026-10-02T15:00:00Z') // Fri 23:00
    expect(line(late, now, ctx('en', now))).toBe('Open now · closes at 02:00')
    const long: BusinessHours = {
      timeZone: 'Asia/Shanghai',
      weekly: [1, 2, 3].map((day) => ({ day, open: '00:00', close: '24:00' })),
    }
    const mon = at('2026-10-05T02:00:00Z') // Mon 10:00
    expect(line(long, mon, ctx('en', mon))).toBe('Open now · closes Thursday at 00:00')
  })

  it('round the clock: "Open 24 hours"; never opening: just "Closed"', () => {
    const now = at('2026-10-05T02:00:00Z')
    expect(
      line(
        {
          timeZone: 'Asia/Shanghai',
          weekly: [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, open: '00:00', close: '24:00' })),
        },
        now,
        ctx('en', now),
      ),
    ).toBe('Open 24 hours')
    expect(line({ timeZone: 'Asia/Shanghai', weekly: [] }, now, ctx('en', now))).toBe('Closed')
  })
})

describe('weekly summary', () => {
  const hours: BusinessHours = {
    timeZone: 'Asia/Shanghai',
    weekly: [
      ...[1, 2, 3, 4, 5].map((day) => ({ day, open: '09:00', close: '18:00' })),
      { day: 5, open: '22:00', close: '02:00' },
      { day: 6, open: '10:00', close: '16:00' },
      { day: 0, open: '10:00', close: '16:00' },
    ],
  }

  it('groups runs of equal days, Monday first, overnight windows marked', () => {
    const t = createTranslator(catalogs.en!)
    expect(weeklySummary(hours, { t, locale: 'en' })).toEqual([
      { days: 'Mon–Thu', hours: '09:00–18:00' },
      { days: 'Fri', hours: '09:00–18:00, 22:00–02:00 (next day)' },
      { days: 'Sat, Sun', hours: '10:00–16:00' },
    ])
  })

  it('uses the locale’s weekday names and separators', () => {
    const rows = weeklySummary(hours, { t: createTranslator(catalogs['zh-CN']!), locale: 'zh-CN' })
    expect(rows[0]).toEqual({ days: '周一至周四', hours: '09:00–18:00' })
    expect(rows[2]).toEqual({ days: '周六、周日', hours: '10:00–16:00' })
    expect(weeklySummary(hours, { t: createTranslator(catalogs['zh-TW']!), locale: 'zh-TW' })[1]).toEqual({
      days: '週五',
      hours: '09:00–18:00、22:00–隔天 02:00',
    })
  })

  it('shows closed days between open ones, and nothing for an empty schedule', () => {
    const t = createTranslator(catalogs.en!)
    expect(
      weeklySummary(
        {
          timeZone: 'UTC',
          weekly: [
            { day: 1, open: '09:00', close: '17:00' },
            { day: 3, open: '09:00', close: '17:00' },
          ],
        },
        { t, locale: 'en' },
      ),
    ).toEqual([
      { days: 'Mon', hours: '09:00–17:00' },
      { days: 'Tue', hours: 'Closed' },
      { days: 'Wed', hours: '09:00–17:00' },
      { days: 'Thu–Sun', hours: 'Closed' },
    ])
    expect(weeklySummary({ timeZone: 'UTC', weekly: [] }, { t, locale: 'en' })).toEqual([])
  })
})

describe('holiday dates', () => {
  it('are calendar dates, not instants: the same day in every zone', () => {
    expect(formatDateKey('2026-10-01', 'en')).toBe('Thu, October 1, 2026')
    expect(formatDateKey('2026-10-01', 'zh-CN')).toBe('2026年10月1日周四')
  })
})
