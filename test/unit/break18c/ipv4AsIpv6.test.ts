import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { networkOf } from '../../../examples/server/limits.js'

/**
 * An IPv4 client seen as an IPv6 address counts as its IPv4 address, however the address is
 * written: IPv4-mapped in full or in hex (`0:0:0:0:0:ffff:1.2.3.4`, `::ffff:102:304`) and the
 * NAT64 prefix (`64:ff9b::1.2.3.4`, a server reached by IPv4 clients through a translator). Only
 * `::ffff:a.b.c.d` was; the others were counted per /64, and every IPv4 client shared one bucket
 * (`0:0:0:0::/64`, `64:ff9b:0:0::/64`): one of them spending the limit locked out all the others.
 */
describe('an IPv4 client written as IPv6', () => {
  it.each([
    ['0:0:0:0:0:ffff:203.0.113.7', '203.0.113.7'],
    ['::ffff:cb00:7107', '203.0.113.7'],
    ['0000:0000:0000:0000:0000:FFFF:CB00:7107', '203.0.113.7'],
    ['64:ff9b::203.0.113.7', '203.0.113.7'],
    ['64:ff9b::cb00:7107', '203.0.113.7'],
  ])('%s is %s', (ip, v4) => {
    expect(networkOf(ip)).toBe(v4)
  })

  it('two IPv4 clients never share a bucket, whichever way they are written', () => {
    const v4 = fc.tuple(...Array.from({ length: 4 }, () => fc.integer({ min: 0, max: 255 })))
    const writings = (b: number[]) => {
      const hi = ((b[0]! << 8) | b[1]!).toString(16)
      const lo = ((b[2]! << 8) | b[3]!).toString(16)
      const dotted = b.join('.')
      return [
        `::ffff:${dotted}`,
        `0:0:0:0:0:ffff:${dotted}`,
        `::ffff:${hi}:${lo}`,
        `64:ff9b::${dotted}`,
        `64:ff9b::${hi}:${lo}`,
      ]
    }
    fc.assert(
      fc.property(v4, v4, fc.nat(4), fc.nat(4), (a, b, i, j) => {
        fc.pre(a.join('.') !== b.join('.'))
        expect(networkOf(writings(a)[i]!)).toBe(a.join('.'))
        expect(networkOf(writings(a)[i]!)).not.toBe(networkOf(writings(b)[j]!))
      }),
      { numRuns: 500, seed: 20261204 },
    )
  })

  it('other IPv6 addresses still count per /64', () => {
    expect(networkOf('::1')).toBe('0:0:0:0::/64')
    expect(networkOf('2001:db8:1:2::9')).toBe('2001:db8:1:2::/64')
    expect(networkOf('64:ff9b:1::1')).toBe('64:ff9b:1:0::/64')
  })
})
