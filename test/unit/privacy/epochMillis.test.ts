/**
 * A millisecond timestamp (13 digits starting with 1: 2001–2033) passes Luhn one time in ten; it
 * names a photo (`photo-1784811759453.jpg`, `wx_camera_…`), a log line or a JSON field, and no card
 * network issues 13-digit numbers starting with 1. It stays readable; cards do not.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { luhnValid, redact, redactFields } from '../../../src/privacy/index.js'
import { maskText } from '../../../examples/server/mask.js'
import { seeded } from './both.js'

const params = seeded(3000)

const AROUND: ReadonlyArray<readonly [string, string]> = [
  ['', ''],
  ['photo-', '.jpg'],
  ['wx_camera_', '.jpg'],
  ['timestamp ', ''],
  ['{"ts":', '}'],
  ['时间戳 ', '。'],
  ['uploaded at ', ' ms'],
]

describe('millisecond timestamps', () => {
  it('stay readable, in text, file names and records (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1_000_000_000_000, max: 1_999_999_999_999 }).filter((t) => luhnValid(String(t))),
        fc.constantFrom(...AROUND),
        (ms, [before, after]) => {
          const text = before + String(ms) + after
          expect(redact(text).findings, text).toEqual([])
          expect(maskText(text)).toBe(text)
          expect(redactFields({ createdAt: ms }).value).toEqual({ createdAt: ms })
        },
      ),
      params,
    )
  })

  it('examples', () => {
    expect(redact('photo-1784811759453.jpg').text).toBe('photo-1784811759453.jpg')
    // Grouped, or with a network prefix, a 13-digit number is still a card.
    expect(redact('4222222222222').text).toBe('*********2222')
    expect(redact('card 1784 8117 59453').text).toBe('card *********9453')
  })
})
