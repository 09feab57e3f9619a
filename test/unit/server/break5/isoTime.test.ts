import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { isoTime } from '../../../../examples/server/model.js'

// Shows isoTime(ms) gives toISOString's text (or its RangeError) for any ms, in any call order.

const reference = (ms: number): string => {
  try {
    return new Date(ms).toISOString()
  } catch (e) {
    return `throws ${(e as Error).name}`
  }
}
const actual = (ms: number): string => {
  try {
    return isoTime(ms)
  } catch (e) {
    return `throws ${(e as Error).name}`
  }
}
const MAX = 8.64e15
const edges = [
  0,
  -0,
  -1,
  1,
  999,
  1000,
  1001,
  -999,
  -1000,
  -1001,
  MAX,
  -MAX,
  MAX - 1,
  -MAX + 1,
  MAX + 1,
  -MAX - 1,
  Date.UTC(1999, 11, 31, 23, 59, 59, 999),
  Date.UTC(2000, 0, 1),
  Date.UTC(2016, 11, 31, 23, 59, 59, 999),
  Date.UTC(9999, 11, 31, 23, 59, 59, 999),
  Date.UTC(10000, 0, 1),
  Date.UTC(-1, 11, 31, 23, 59, 59, 999),
  Date.UTC(0, 0, 1) - 1,
  -62198755200000,
  -62198755200001,
  253402300799999,
  253402300800000,
  NaN,
  Infinity,
  -Infinity,
  0.5,
  -0.5,
  999.9999,
  -999.5,
  1e21,
  Number.MAX_SAFE_INTEGER,
  Number.MIN_VALUE,
  Number.EPSILON,
  2 ** 53,
  -(2 ** 53),
  1.5e15 + 0.25,
]

describe('isoTime against toISOString', () => {
  it('edge values, each asked twice and in reverse', () => {
    for (const ms of [...edges, ...[...edges].reverse(), ...edges]) expect(actual(ms), String(ms)).toBe(reference(ms))
  })

  it('any integer ms in range and out, in any order (the per-second cache)', () => {
    const ms = fc.oneof(
      fc.integer({ min: -MAX - 5000, max: MAX + 5000 }),
      fc.integer({ min: -5000, max: 5000 }),
      fc.integer({ min: 1_700_000_000_000, max: 1_700_000_003_000 }),
      fc.double({ noNaN: false }),
      fc.constantFrom(...edges),
    )
    fc.assert(
      fc.property(fc.array(ms, { minLength: 1, maxLength: 50 }), (list) => {
        for (const m of list) expect(actual(m), String(m)).toBe(reference(m))
      }),
      { numRuns: 2000 },
    )
  })

  it('two seconds alternating with a third: the cache never answers for the wrong second', () => {
    const base = 1_767_225_599_000 // 2025-12-31T23:59:59Z
    for (let i = 0; i < 3000; i++) {
      const m = base + (i % 3) * 1000 + ((i * 7919) % 1000)
      expect(actual(m)).toBe(reference(m))
      expect(actual(m - 3600_000)).toBe(reference(m - 3600_000))
    }
  })
})
