import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { splitMessage } from '../../../src/chat/compose.js'

const noSpace = (s: string) => s.replace(/\s+/g, '')
const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/

describe('splitMessage', () => {
  it('keeps a message that fits as it is', () => {
    expect(splitMessage('hello  world', 12)).toEqual(['hello  world'])
    expect(splitMessage('x'.repeat(5000))).toEqual(['x'.repeat(5000)])
  })

  it('cuts at the last space that fits, else at the limit, never inside a surrogate pair', () => {
    expect(splitMessage('aaa bbb ccc', 8)).toEqual(['aaa bbb', 'ccc'])
    expect(splitMessage('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij'])
    expect(splitMessage('abc😀def', 4)).toEqual(['abc', '😀de', 'f'])
    expect(splitMessage('x'.repeat(5001))).toEqual(['x'.repeat(5000), 'x'])
  })

  it('parts fit, are not empty, keep every non-space character in order and split no pair', () => {
    const unit = fc.constantFrom('a', 'b', ' ', '\n', '😀', 'م', '中', '🇨🇳', '\u3000')
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 80 }), fc.integer({ min: 2, max: 12 }), (units, max) => {
        const text = units.join('').trim()
        const parts = splitMessage(text, max)
        for (const p of parts) {
          expect(p.length).toBeGreaterThan(0)
          expect(p.length).toBeLessThanOrEqual(max)
          expect(p).toBe(p.trim())
          expect(loneSurrogate.test(p)).toBe(false)
        }
        expect(noSpace(parts.join(''))).toBe(noSpace(text))
      }),
    )
  })
})
