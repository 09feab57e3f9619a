import { describe, expect, it } from 'vitest'
import { mintSession, verifySession } from '../../../examples/server/auth.js'
import { defaultHours, isOpenAt, nextOpenAt } from '../../../examples/server/hours.js'
import { createRateLimiter } from '../../../examples/server/rateLimit.js'
import { parseArticle } from '../../../examples/server/seed.js'

describe('business hours', () => {
  // 2026-03-02 is a Monday. Shanghai is UTC+8 all year.
  it('is open 09:00–21:00 Shanghai time and closed outside', () => {
    expect(isOpenAt(defaultHours, Date.parse('2026-03-02T01:00:00Z'))).toBe(true) // 09:00
    expect(isOpenAt(defaultHours, Date.parse('2026-03-02T00:59:00Z'))).toBe(false) // 08:59
    expect(isOpenAt(defaultHours, Date.parse('2026-03-02T13:00:00Z'))).toBe(false) // 21:00
    expect(isOpenAt(null, 0)).toBe(true)
  })

  it('finds the next opening, skipping holidays', () => {
    const night = Date.parse('2026-03-02T14:00:00Z') // 22:00 Monday
    expect(nextOpenAt(defaultHours, night)?.toISOString()).toBe('2026-03-03T01:00:00.000Z')
    const withHoliday = { ...defaultHours, holidays: ['2026-03-03'] }
    expect(nextOpenAt(withHoliday, night)?.toISOString()).toBe('2026-03-04T01:00:00.000Z')
  })

  it('handles a zone with daylight saving time', () => {
    const ny = { timeZone: 'America/New_York', weekly: [{ day: 0, open: '10:00', close: '12:00' }] }
    // Sunday 2026-03-08 is the spring-forward day: 10:00 EDT = 14:00Z.
    expect(nextOpenAt(ny, Date.parse('2026-03-07T12:00:00Z'))?.toISOString()).toBe('2026-03-08T14:00:00.000Z')
  })
})

describe('sessions', () => {
  it('round-trips, expires and rejects another secret', () => {
    const { token } = mintSession('s', 'user.with.dots', 1000, 0)
    expect(verifySession('s', token, 999)).toBe('user.with.dots')
    expect(verifySession('s', token, 1000)).toBeUndefined()
    expect(verifySession('other', token, 1)).toBeUndefined()
  })
})

describe('rate limiter', () => {
  it('refills over time and reports the wait', () => {
    const rl = createRateLimiter({ perMinute: 60, burst: 2 })
    expect([rl.take('a', 0), rl.take('a', 0)]).toEqual([0, 0])
    expect(rl.take('a', 0)).toBe(1000)
    expect(rl.take('a', 1000)).toBe(0)
    expect(rl.take('b', 0)).toBe(0)
  })
})

describe('article front matter', () => {
  it('reads id, title, tags and category in the shapes authors write', () => {
    const a = parseArticle('---\nid: refund-time\ntitle: "退款多久到账？"\ntags: [退款, 到账]\ncategory: refund\n---\n\n正文', 'file', 'zh-CN')
    expect(a).toMatchObject({ id: 'refund-time', title: '退款多久到账？', tags: ['退款', '到账'], category: 'refund', locale: 'zh-CN', body: '正文' })
    const b = parseArticle('---\ntags:\n  - a\n  - "b"\n---\n# Heading title\n\nText', 'fallback', 'en')
    expect(b).toMatchObject({ id: 'fallback', title: 'Heading title', tags: ['a', 'b'] })
    expect(parseArticle('---\ntitle: x\n---\n', 'empty', 'en')).toBeUndefined()
    expect(parseArticle('no front matter, no heading', 'f', 'en')).toBeUndefined()
  })
})
