/**
 * A long message split into parts: no part may be made only of characters that show nothing
 * (zero-width space, joiners, direction marks). Text copied from a web page often ends with one;
 * at a split it became a part of its own, which the server takes (its trim() keeps them) and the
 * agent got as a blank bubble: what prepareOutgoing already refuses for a whole message.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { MAX_MESSAGE_LENGTH, prepareOutgoing, splitMessage } from '../../../src/chat/compose.js'

describe('splitMessage and characters that show nothing', () => {
  it('a 5,000-character message and a trailing zero-width space: one part', () => {
    const text = prepareOutgoing('a'.repeat(MAX_MESSAGE_LENGTH) + '\u200b').text
    expect(splitMessage(text)).toEqual(['a'.repeat(MAX_MESSAGE_LENGTH)])
  })

  it('words, then a run of invisible characters past the limit: the words only', () => {
    const text = prepareOutgoing('hello ' + '\u200b\u200e'.repeat(MAX_MESSAGE_LENGTH)).text
    expect(splitMessage(text)).toEqual(['hello'])
  })

  it('no part is empty of visible characters; parts fit and keep the visible text (property)', () => {
    const unit = fc.constantFrom('a', 'é', ' ', '\n', '\r\n', '😀', '\u0301', '\u200b', '\u200d', '\u2060', '\u00a0')
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 120 }), fc.integer({ min: 2, max: 12 }), (units, max) => {
        const text = prepareOutgoing(units.join('')).text
        const parts = splitMessage(text, max)
        for (const part of parts) {
          expect(part.length).toBeLessThanOrEqual(max)
          expect(prepareOutgoing(part).text).not.toBe('')
        }
        const visible = (s: string) => s.replace(/\s|\u200b|\u200d|\u2060/g, '')
        expect(visible(parts.join(''))).toBe(visible(text))
      }),
      { numRuns: 3000, seed: 20261204 },
    )
  })
})
