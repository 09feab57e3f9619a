/**
 * Where a long message is cut. A space or a sentence end is a break only in the last fifth of a
 * part: Chinese text has few spaces, and the last one anywhere in the window (ten characters in)
 * left a tiny part, so a text under 20,000 characters needed five parts and was refused as too
 * long. A break that would cost a fifth part is not taken either: a text that goes in four parts
 * cut at the limit is always sent.
 */
import fc from 'fast-check'
import { afterEach, describe, expect, it } from 'vitest'
import { createChatController, type ChatController } from '../../../src/chat/index.js'
import { MAX_MESSAGE_LENGTH, MAX_MESSAGE_PARTS, splitMessage, VISIBLE } from '../../../src/chat/split.js'
import { harness } from './helpers.js'

const han = (n: number) => '中文字'.repeat(Math.ceil(n / 3)).slice(0, n)
const LIMIT = MAX_MESSAGE_PARTS * MAX_MESSAGE_LENGTH

let chat: ChatController | undefined
afterEach(() => {
  chat?.dispose()
  chat = undefined
})

describe('splitMessage breaks only near the end of a part', () => {
  it('4,990 Han characters, a space, then Han up to 20,000: four full parts, not five', () => {
    const text = han(4990) + ' ' + han(15_009)
    expect(text).toHaveLength(LIMIT)
    const parts = splitMessage(text)
    expect(parts.map((p) => p.length)).toEqual([5000, 5000, 5000, 5000])
    expect(parts.join('')).toBe(text)
  })

  it('a space ten characters in is no break: the part is cut at the limit', () => {
    const text = han(10) + ' ' + han(19_989)
    expect(text).toHaveLength(LIMIT)
    expect(splitMessage(text).map((p) => p.length)).toEqual([5000, 5000, 5000, 5000])
    expect(splitMessage(han(10) + ' ' + han(6000))).toEqual([han(10) + ' ' + han(4989), han(6000).slice(4989)])
  })

  it('a space or a sentence end in the last fifth is still the break when the parts allow it', () => {
    expect(splitMessage(han(4500) + ' ' + han(3000))).toEqual([han(4500), han(3000)])
    expect(splitMessage(han(4500) + '。' + han(3000))).toEqual([han(4500) + '。', han(3000)])
    expect(splitMessage(han(4200) + '！' + han(100) + '？' + han(3000))).toEqual([
      han(4200) + '！' + han(100) + '？',
      han(3000),
    ])
    expect(splitMessage('a'.repeat(4100) + '. ' + 'b'.repeat(3000))).toEqual(['a'.repeat(4100) + '.', 'b'.repeat(3000)])
    // A space beats a later sentence end; one too early leaves the cut at the limit.
    expect(splitMessage(han(4100) + ' ' + han(100) + '。' + han(3000))[0]).toBe(han(4100))
    expect(splitMessage(han(3000) + '。' + han(3000))[0]).toBe(han(3000) + '。' + han(1999))
  })

  it('an emoji across each 5,000th unit: no four parts keep it whole, so five (the limit that remains)', () => {
    const text = 'a'.repeat(4999) + '😀' + 'a'.repeat(14_999)
    expect(text).toHaveLength(LIMIT)
    expect(splitMessage(text)).toHaveLength(5)
    // Three units shorter, it goes in four.
    expect(splitMessage(text.slice(3))).toHaveLength(4)
  })

  it('a 20,000-character Chinese message with a space near a part end is sent, not refused as too long', async () => {
    const h = await harness()
    chat = createChatController(h.client)
    await chat.open()
    const text = han(4990) + ' ' + han(15_009)
    expect(await chat.send(text)).toMatchObject({ status: 'sent' })
  })
})

describe('splitMessage on up to 20,000 characters of mixed text (property)', () => {
  const UNITS = [
    ...'中文字的我们。！？；，',
    'refund',
    'pending',
    'Tuesday',
    ...'.!?,',
    ' ',
    '  ',
    '\n',
    '\u3000',
    '😀',
    '👍🏽',
    '🇨🇳',
    '👨‍👩‍👧',
    'e\u0301',
    'a\u0301\u0323',
    '\u200b',
  ]
  const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' })
  /**
   * Each unit's clusters. No cluster joins two units (none starts with a mark or a joiner, a
   * flag is a pair), so a text's clusters are its units': it need not be segmented again.
   */
  const CLUSTERS = new Map(UNITS.map((u) => [u, Array.from(segmenter.segment(u), (s) => s.segment)]))

  /** Runs of units, cut at a cluster boundary to at most `target` and to the guarantee's bound. */
  const texts = fc
    .tuple(
      fc.array(fc.tuple(fc.constantFrom(...UNITS), fc.integer({ min: 1, max: 600 })), {
        minLength: 1,
        maxLength: 150,
        size: 'max',
      }),
      fc.integer({ min: MAX_MESSAGE_LENGTH, max: LIMIT }),
    )
    .map(([runs, target]) => {
      const used: Array<[string, number]> = []
      for (let i = 0, length = 0; length < target; i++) {
        const [unit, n] = runs[i % runs.length]!
        used.push([unit, n])
        length += unit.length * n
      }
      const longest = Math.max(...used.flatMap(([unit]) => CLUSTERS.get(unit)!.map((c) => c.length)))
      const bound = Math.min(target, LIMIT - (MAX_MESSAGE_PARTS - 1) * (longest - 1))
      let out = ''
      fill: for (const [unit, n] of used)
        for (let k = 0; k < n; k++)
          for (const c of CLUSTERS.get(unit)!) {
            if (out.length + c.length > bound) break fill
            out += c
          }
      // As sent: prepareOutgoing trims the text.
      return out.trim()
    })

  function check(text: string) {
    const parts = splitMessage(text)
    expect(parts.length).toBeLessThanOrEqual(MAX_MESSAGE_PARTS)
    let at = 0
    const starts: number[] = []
    for (const part of parts) {
      expect(part.length).toBeLessThanOrEqual(MAX_MESSAGE_LENGTH)
      expect(VISIBLE.test(part)).toBe(true)
      const found = text.indexOf(part, at)
      expect(found).toBeGreaterThanOrEqual(0)
      // Only whitespace or characters that show nothing are left out, at a cut.
      expect(VISIBLE.test(text.slice(at, found))).toBe(false)
      starts.push(found)
      at = found + part.length
    }
    expect(VISIBLE.test(text.slice(at))).toBe(false)
    // No short part: from one part to what the next shows, at least the last fifth of a window
    // (a part may end early only where nothing visible follows it up to the limit).
    for (let i = 1; i < starts.length; i++) {
      expect(starts[i]! + parts[i]!.search(VISIBLE) - starts[i - 1]!).toBeGreaterThanOrEqual(4000)
    }
  }

  it('at most four parts, each fits and shows something, in order, nothing visible lost, none short', () => {
    fc.assert(fc.property(texts, check), { numRuns: 100, seed: 20261205 })
  })

  it('the same without Intl.Segmenter', () => {
    const Segmenter = Intl.Segmenter
    // @ts-expect-error: an engine without Intl.Segmenter
    delete Intl.Segmenter
    try {
      expect(typeof Intl.Segmenter).toBe('undefined')
      // The texts are still measured with the segmenter made before.
      const samples = fc.sample(texts, { numRuns: 40, seed: 20261205 })
      for (const text of samples) check(text)
    } finally {
      Object.defineProperty(Intl, 'Segmenter', { value: Segmenter, configurable: true, writable: true })
    }
  })
})
