import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { clientIp, networkOf } from '../../../examples/server/limits.js'
import { startServer, type RunningServer } from '../../../examples/server/server.js'

/**
 * Rate limits and failed-sign-in counters are kept per client address. An IPv6 client is handed
 * a whole /64 (2^64 addresses) by its provider and can send each request from a fresh one: per
 * full address, no limit ever bites. Counted per /64, as one IPv4 address is.
 */
const dir = mkdtempSync(join(tmpdir(), 'ipv6-'))
let server: RunningServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

const req = (xff: string) => ({ headers: { 'x-forwarded-for': xff }, socket: { remoteAddress: '10.0.0.1' } }) as never

describe('client address of an IPv6 client behind a trusted proxy', () => {
  it('is its /64: addresses of one network share a bucket, other networks do not', () => {
    expect(clientIp(req('2001:db8:1:2::1'), 1)).toBe(clientIp(req('2001:db8:1:2:ffff:1:2:3'), 1))
    expect(clientIp(req('2001:db8:1:2::1'), 1)).toBe(clientIp(req('2001:0DB8:0001:0002:0:0:0:9'), 1))
    expect(clientIp(req('2001:db8:1:2::1'), 1)).not.toBe(clientIp(req('2001:db8:1:3::1'), 1))
    // An IPv4 client written as IPv4-mapped IPv6 is that IPv4 address.
    expect(clientIp(req('::ffff:203.0.113.7'), 1)).toBe('203.0.113.7')
    expect(clientIp(req('203.0.113.7'), 1)).toBe('203.0.113.7')
  })

  it('is the same /64 however the address is written (full, compressed, upper case)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 0xffff }), { minLength: 8, maxLength: 8 }), (g) => {
        const full = g.map((x) => x.toString(16).padStart(4, '0').toUpperCase()).join(':')
        const short = g.map((x) => x.toString(16)).join(':')
        // The longest run of zero groups compressed, as inet_ntop writes it.
        const compressed = short.replace(/(^|:)0(:0)+(:|$)/, '::').replace(/:{3,}/, '::')
        const expected = `${g
          .slice(0, 4)
          .map((x) => x.toString(16))
          .join(':')}::/64`
        expect(networkOf(full)).toBe(expected)
        expect(networkOf(short)).toBe(expected)
        expect(networkOf(compressed)).toBe(expected)
      }),
    )
  })

  it('cannot skip the request limit by sending each request from another address of its /64', async () => {
    server = await startServer({
      port: 0,
      dbPath: join(dir, 'rl.db'),
      secret: 'test-secret',
      hours: null,
      trustProxy: 1,
      rateLimit: { perMinute: 3, burst: 3 },
    })
    const statuses: number[] = []
    for (let i = 1; i <= 6; i++) {
      const res = await fetch(`${server.url}/v1/availability`, {
        headers: { 'X-Forwarded-For': `2001:db8:77:1::${i.toString(16)}` },
      })
      statuses.push(res.status)
    }
    expect(statuses.slice(0, 3)).toEqual([200, 200, 200])
    expect(statuses.slice(3)).toEqual([429, 429, 429])
    // Another network is not held back.
    const other = await fetch(`${server.url}/v1/availability`, { headers: { 'X-Forwarded-For': '2001:db8:78:1::1' } })
    expect(other.status).toBe(200)
  })
})
