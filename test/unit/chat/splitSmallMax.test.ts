/**
 * `splitMessage` is exported with its `max`: with a `max` smaller than a code point it cannot cut
 * (an emoji outside the BMP is two UTF-16 units), the hard cut backed off to 0 and the loop never
 * ended. A code point now goes whole into its own part; a cluster longer than `max` is still cut
 * between code points. Each call runs under a watchdog (`vm`'s timeout interrupts a synchronous
 * loop, which a test timeout cannot), so a hang fails the test rather than the run.
 */
import fc from 'fast-check'
import vm from 'node:vm'
import { afterEach, describe, expect, it } from 'vitest'
import { splitMessage, VISIBLE } from '../../../src/chat/split.js'

const context = vm.createContext({})
/** `splitMessage(text, max)`, or an error when it does not return within a second. */
function split(text: string, max: number): string[] {
  context.run = () => splitMessage(text, max)
  try {
    return vm.runInContext('run()', context, { timeout: 1000 }) as string[]
  } catch (e) {
    if ((e as { code?: string }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT')
      throw new Error(`splitMessage(${JSON.stringify(text)}, ${max}) did not return`, { cause: e })
    throw e
  }
}

/**
 * The contract: the parts are pieces of the text, in order, each at most `max` long unless it is
 * one code point (an astral one when `max` is 1); what lies between them (a cut's whitespace, a
 * part that would show nothing) has nothing visible in it.
 */
function check(text: string, max: number) {
  const parts = split(text, max)
  let from = 0
  for (const part of parts) {
    expect(VISIBLE.test(part)).toBe(true)
    expect(part.length <= max || [...part].length === 1).toBe(true)
    const at = text.indexOf(part, from)
    expect(at).toBeGreaterThanOrEqual(0)
    expect(VISIBLE.test(text.slice(from, at))).toBe(false)
    from = at + part.length
  }
  expect(VISIBLE.test(text.slice(from))).toBe(false)
  return parts
}

const UNITS = [
  'a',
  '中',
  ' ',
  '\r\n',
  '\n',
  '。',
  '😀',
  '𠀀',
  'e\u0301',
  'a\u0301\u0323',
  ' \u0301',
  '🇨🇳',
  '👍🏽',
  '👨‍👩‍👧',
  '👩🏽‍💻',
  '❤️',
  '🏴󠁧󠁢󠁳󠁣󠁴󠁿',
]
const texts = fc.array(fc.constantFrom(...UNITS), { minLength: 0, maxLength: 30 }).map((u) => u.join(''))

const Segmenter = Intl.Segmenter
afterEach(() => {
  Object.defineProperty(Intl, 'Segmenter', { value: Segmenter, configurable: true, writable: true })
})

describe('splitMessage with a max smaller than what it cannot cut', () => {
  it('puts an astral character whole in its own part when max is 1', () => {
    expect(split('😀', 1)).toEqual(['😀'])
    expect(split('a😀b', 1)).toEqual(['a', '😀', 'b'])
    expect(split('🇨🇳', 1)).toEqual(['🇨', '🇳'])
    expect(split('😀😀', 2)).toEqual(['😀', '😀'])
  })

  it('cuts a cluster longer than max between code points', () => {
    expect(split('👨‍👩‍👧', 3)).toEqual(['👨‍', '👩‍', '👧'])
    expect(split('e\u0301\u0301', 1)).toEqual(['e', '\u0301', '\u0301'])
  })

  it('refuses a max below 1', () => {
    expect(() => split('ab', 0)).toThrow(RangeError)
    expect(() => split('ab', -1)).toThrow(RangeError)
  })

  it('ends, keeps every visible character in order and keeps parts within max (property)', () => {
    fc.assert(
      fc.property(texts, fc.integer({ min: 1, max: 8 }), (text, max) => void check(text, max)),
      { numRuns: 1500, seed: 20261206 },
    )
  })

  it('the same without Intl.Segmenter (property)', () => {
    // @ts-expect-error: an engine without Intl.Segmenter
    delete Intl.Segmenter
    fc.assert(
      fc.property(texts, fc.integer({ min: 1, max: 8 }), (text, max) => void check(text, max)),
      { numRuns: 800, seed: 20261206 },
    )
  })
})
