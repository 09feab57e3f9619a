/**
 * `splitMessage`'s `max`: below 1 was a RangeError, but NaN (a limit read from a bad setting)
 * gave the text back whole, as if there were no limit. NaN is a RangeError too; Infinity means
 * no limit (every text is one part), as a number larger than any text does.
 */
import { describe, expect, it } from 'vitest'
import { splitMessage } from '../../../src/chat/split.js'

describe('splitMessage max', () => {
  it.each([Number.NaN, 0, 0.5, -1, -Infinity])('%s is a RangeError', (max) => {
    expect(() => splitMessage('a'.repeat(10), max)).toThrow(RangeError)
  })

  it('Infinity is no limit', () => {
    const text = 'a '.repeat(10_000)
    expect(splitMessage(text, Infinity)).toEqual([text])
    expect(splitMessage(text, Infinity)).toEqual(splitMessage(text, Number.MAX_SAFE_INTEGER))
    expect(splitMessage(' \u200b', Infinity)).toEqual([])
  })
})
