/**
 * A long message with no space near the limit is cut hard. The cut must fall between
 * user-perceived characters: a flag (two regional indicators), a family emoji (joined by ZWJ), a
 * letter and its combining accent or a skin tone stay in one part, or the agent gets half a flag
 * and a stray accent at the start of the next message.
 */
import fc from 'fast-check'
import { afterEach, describe, expect, it } from 'vitest'
import { splitMessage } from '../../../src/chat/split.js'

const CLUSTERS = ['a', '中', 'e\u0301', 'a\u0301\u0323', '🇨🇳', '🇺🇸', '👨‍👩‍👧', '👩🏽‍💻', '👍🏽', '😀', '❤️', 'क्षि', '🏴󠁧󠁢󠁳󠁣󠁴󠁿']
const SPACES = [' ', '\n', '\u3000']

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' })
/** Offsets where a cluster starts, by the engine's own segmenter (taken before any test removes it). */
const boundaries = (s: string) => new Set([...Array.from(segmenter.segment(s), (x) => x.index), s.length])

/** Half a flag: a regional indicator after an odd number of them. */
const halfFlag = (text: string, offset: number) =>
  /^\p{Regional_Indicator}/u.test(text.slice(offset)) &&
  (text.slice(0, offset).match(/\p{Regional_Indicator}+$/u)?.[0].length ?? 0) % 4 !== 0

const Segmenter = Intl.Segmenter
afterEach(() => {
  Object.defineProperty(Intl, 'Segmenter', { value: Segmenter, configurable: true, writable: true })
})

function check(units: string[], max: number) {
  const text = units.join('')
  const parts = splitMessage(text, max)
  const cuts = boundaries(text)
  let at = 0
  for (const part of parts) {
    at = text.indexOf(part, at)
    expect(at).toBeGreaterThanOrEqual(0)
    expect(part.length).toBeLessThanOrEqual(max)
    // Starts and ends between clusters: no combining mark, ZWJ continuation, skin tone, low
    // surrogate or second half of a flag at the start of a part.
    expect(cuts.has(at) && cuts.has(at + part.length)).toBe(true)
    expect(/^[\p{M}\u200d\p{Emoji_Modifier}\udc00-\udfff]/u.test(part)).toBe(false)
    expect(halfFlag(text, at)).toBe(false)
    at += part.length
  }
  return { text, parts }
}

describe('splitMessage cuts between grapheme clusters', () => {
  it('keeps a flag, a family, an accented letter and a surrogate pair whole at a hard cut', () => {
    expect(splitMessage('abc🇨🇳', 5)).toEqual(['abc', '🇨🇳'])
    expect(splitMessage('a🇨🇳🇺🇸', 7)).toEqual(['a🇨🇳', '🇺🇸'])
    expect(splitMessage('abc👨‍👩‍👧', 8)).toEqual(['abc', '👨‍👩‍👧'])
    expect(splitMessage('abe\u0301', 3)).toEqual(['ab', 'e\u0301'])
    expect(splitMessage('ab😀', 3)).toEqual(['ab', '😀'])
    // A space an accent sits on is a character, not a place to cut.
    expect(splitMessage('ab \u0301cd', 4)).toEqual(['ab \u0301', 'cd'])
  })

  it('joined, the parts are the text; no part starts inside a cluster (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...CLUSTERS), { minLength: 1, maxLength: 60 }),
        fc.integer({ min: 15, max: 40 }),
        (units, max) => {
          const { text, parts } = check(units, max)
          expect(parts.join('')).toBe(text)
        },
      ),
      { numRuns: 2000, seed: 20261204 },
    )
  })

  it('with spaces too, the parts keep every non-space character in order (property)', () => {
    const units = fc.array(fc.constantFrom(...CLUSTERS, ...SPACES, ' \u0301'), { minLength: 1, maxLength: 80 })
    fc.assert(
      fc.property(units, fc.integer({ min: 15, max: 40 }), (list, max) => {
        const { text, parts } = check(list, max)
        const noSpace = (s: string) => s.replace(/[ \n\u3000](?!\u0301)/g, '')
        expect(noSpace(parts.join(''))).toBe(noSpace(text))
      }),
      { numRuns: 2000, seed: 20261204 },
    )
  })

  it('without Intl.Segmenter, still never cuts a mark, a joined emoji, a flag or a pair', () => {
    // @ts-expect-error: an engine without Intl.Segmenter
    delete Intl.Segmenter
    expect(typeof Intl.Segmenter).toBe('undefined')
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...CLUSTERS.filter((c) => c !== 'क्षि')), { minLength: 1, maxLength: 60 }),
        fc.integer({ min: 15, max: 40 }),
        (units, max) => {
          const { text, parts } = check(units, max)
          expect(parts.join('')).toBe(text)
        },
      ),
      { numRuns: 1000, seed: 20261204 },
    )
  })
})
