import type { IncomingMessage } from 'node:http'
import { describe, expect, it } from 'vitest'
import { mintSession, verifySession } from '../../../examples/server/auth.js'
import { checkDeployment, modeOf } from '../../../examples/server/config.js'
import { defaultHours, isOpenAt, nextOpenAt } from '../../../examples/server/hours.js'
import { clientIp } from '../../../examples/server/limits.js'
import { createRateLimiter } from '../../../examples/server/rateLimit.js'
import { safeName } from '../../../examples/server/routes/attachments.js'
import { parseArticle } from '../../../examples/server/seed.js'
import { isoTime } from '../../../examples/server/model.js'
import fc from 'fast-check'
import { canonicalJson } from '../../../examples/server/http.js'
import { stableStringify } from '../../../src/stableStringify.js'

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

  it('remembers a verified token without letting it outlive its expiry or another secret', () => {
    const { token } = mintSession('s2', 'cached-user', 1000, 0)
    expect(verifySession('s2', token, 10)).toBe('cached-user')
    expect(verifySession('s2', token, 20)).toBe('cached-user')
    expect(verifySession('s2', token, 1000)).toBeUndefined()
    expect(verifySession('other', token, 20)).toBeUndefined()
    expect(verifySession('s2', `${token.slice(0, -2)}xx`, 20)).toBeUndefined()
    const [id, , sig] = token.split('.')
    expect(verifySession('s2', `${id}.999999999.${sig}`, 20)).toBeUndefined()
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
    const a = parseArticle(
      '---\nid: refund-time\ntitle: "退款多久到账？"\ntags: [退款, 到账]\ncategory: refund\n---\n\n正文',
      'file',
      'zh-CN',
    )
    expect(a).toMatchObject({
      id: 'refund-time',
      title: '退款多久到账？',
      tags: ['退款', '到账'],
      category: 'refund',
      locale: 'zh-CN',
      body: '正文',
    })
    const b = parseArticle('---\ntags:\n  - a\n  - "b"\n---\n# Heading title\n\nText', 'fallback', 'en')
    expect(b).toMatchObject({ id: 'fallback', title: 'Heading title', tags: ['a', 'b'] })
    expect(parseArticle('---\ntitle: x\n---\n', 'empty', 'en')).toBeUndefined()
    expect(parseArticle('no front matter, no heading', 'f', 'en')).toBeUndefined()
  })
})

describe('client address behind proxies', () => {
  const req = (remote: string, xff?: string): IncomingMessage =>
    ({
      socket: { remoteAddress: remote },
      headers: xff === undefined ? {} : { 'x-forwarded-for': xff },
    }) as unknown as IncomingMessage

  it('uses the socket address unless proxies are trusted', () => {
    expect(clientIp(req('10.0.0.1', '6.6.6.6'), 0)).toBe('10.0.0.1')
  })

  it('takes the entry the last trusted hop wrote, not whatever the client put on the left', () => {
    expect(clientIp(req('10.0.0.1', '6.6.6.6, 203.0.113.5'), 1)).toBe('203.0.113.5')
    expect(clientIp(req('10.0.0.2', '6.6.6.6, 203.0.113.5, 10.0.0.1'), 2)).toBe('203.0.113.5')
    // Fewer entries than hops: the farthest address we have.
    expect(clientIp(req('10.0.0.1', '203.0.113.5'), 3)).toBe('203.0.113.5')
    expect(clientIp(req('10.0.0.1'), 1)).toBe('10.0.0.1')
  })
})

describe('served attachment names', () => {
  it('keep the stem and take the extension of the sniffed type', () => {
    expect(safeName('evil.html', 'image/png')).toBe('evil.png')
    expect(safeName('scan.PDF.exe', 'application/pdf')).toBe('scan.PDF.pdf')
    expect(safeName('photo', 'image/jpeg')).toBe('photo.jpg')
  })
})

describe('deployment settings', () => {
  const good = { secret: 'x'.repeat(32), agentKey: 'y'.repeat(32), publicUrl: 'https://help.example' }
  it('names the first missing or unsafe setting', () => {
    expect(() => checkDeployment({})).toThrow(/^HF_SECRET: required/)
    expect(() => checkDeployment({ ...good, secret: 'x'.repeat(31) })).toThrow(/^HF_SECRET: shorter than 32 bytes/)
    expect(() => checkDeployment({ ...good, agentKey: undefined })).toThrow(/^AGENT_KEY: required/)
    expect(() => checkDeployment({ ...good, publicUrl: 'nope' })).toThrow(/^PUBLIC_URL: not a URL/)
    expect(() => checkDeployment(good)).not.toThrow()
  })

  it('counts loopback as a demo and anything else, or NODE_ENV=production, as a deployment', () => {
    expect(modeOf({}, '127.0.0.1')).toBe('demo')
    expect(modeOf({}, '::1')).toBe('demo')
    expect(modeOf({}, '0.0.0.0')).toBe('deployment')
    expect(modeOf({ NODE_ENV: 'production' }, 'localhost')).toBe('deployment')
  })
})

describe('isoTime', () => {
  const MAX = 8.64e15
  it('is toISOString, milliseconds, years past 9999 and before 1970 included', () => {
    const cases = [
      0,
      -1,
      999,
      1000,
      -1000,
      -1001,
      1_764_748_800_123,
      253_402_300_799_999,
      253_402_300_800_000,
      MAX,
      -MAX,
      1.5,
    ]
    for (const ms of cases) expect(isoTime(ms), String(ms)).toBe(new Date(ms).toISOString())
    fc.assert(
      fc.property(fc.integer({ min: -MAX, max: MAX }), fc.integer({ min: -3, max: 3 }), (ms, step) => {
        // Neighbouring calls, as the server makes them (the same second, the next, an hour back).
        for (const t of [ms, ms + step, ms - 3600_000 * step, ms + 1000 * step])
          if (Math.abs(t) <= MAX) expect(isoTime(t)).toBe(new Date(t).toISOString())
      }),
    )
  })

  it('throws for what toISOString refuses', () => {
    for (const ms of [NaN, Infinity, MAX + 1]) expect(() => isoTime(ms)).toThrow(RangeError)
  })
})

describe('canonicalJson (idempotency fingerprint)', () => {
  it('is the text of stableStringify for any parsed JSON body, and the same for any key order or spacing', () => {
    const cases = [
      '{"b":1,"a":[{"d":2,"c":"\\u2028"}]}',
      '{"__proto__":{"z":1,"y":2},"a":null}',
      '{"1":1,"b":2,"0":3,"10":4,"9":5}',
      '{"x":-0,"y":1e21,"z":0.1,"w":-1.5e-7}',
      '{"é":1,"e":2,"E":3,"a b":4,"":5,"\\ud83d\\ude00":6,"ｚ":7}',
      '[]',
      '{}',
      'null',
      '"text"',
      '[[[{"b":[{"b":1,"a":2}],"a":{}}]]]',
    ]
    for (const text of cases) expect(canonicalJson(JSON.parse(text)), text).toBe(stableStringify(JSON.parse(text)))
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const parsed = JSON.parse(JSON.stringify(value)) as unknown
        const reordered = JSON.parse(JSON.stringify(reverseKeys(parsed), null, 2)) as unknown
        expect(canonicalJson(parsed)).toBe(stableStringify(parsed))
        expect(canonicalJson(reordered)).toBe(canonicalJson(parsed))
      }),
      { numRuns: 500 },
    )
  })

  it('falls back to stableStringify for values JSON.parse never makes', () => {
    const odd = [{ a: undefined, b: 1 }, [undefined, 1], { a: NaN }, { d: new Date(0) }, undefined, { n: Infinity }]
    for (const v of odd) expect(canonicalJson(v)).toBe(stableStringify(v))
  })
})

function reverseKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(reverseKeys)
  if (v === null || typeof v !== 'object') return v
  const out: Record<string, unknown> = {}
  for (const k of Object.keys(v).reverse())
    Object.defineProperty(out, k, {
      value: reverseKeys((v as Record<string, unknown>)[k]),
      enumerable: true,
      writable: true,
      configurable: true,
    })
  return out
}
