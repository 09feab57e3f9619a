import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { editDistance } from '../../../src/editDistance.js'

/** Optimal string alignment distance, the whole matrix, no cut-off: the reference. */
function reference(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => i + j * +!i))
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1))
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1)
    }
  return d[a.length]![b.length]!
}

const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'e', 'n'), maxLength: 9 })

describe('editDistance', () => {
  it('counts two swapped neighbours as one edit', () => {
    expect(editDistance('refnud', 'refund', 1)).toBe(1)
    expect(editDistance('rfeund', 'refund', 1)).toBe(1)
    expect(editDistance('scma', 'scam', 1)).toBe(1)
    expect(editDistance('ab', 'ba', 0)).toBe(1)
  })

  it('agrees with the full-matrix reference, and past max it only says so (a value over max)', () => {
    fc.assert(
      fc.property(word, word, fc.integer({ min: 0, max: 3 }), (a, b, max) => {
        const want = reference(a, b)
        const got = editDistance(a, b, max)
        if (want <= max) expect(got).toBe(want)
        else expect(got).toBeGreaterThan(max)
      }),
      { numRuns: 3000 },
    )
  })
})
