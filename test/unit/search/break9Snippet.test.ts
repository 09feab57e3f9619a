import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { makeSnippet } from '../../../src/search/index.js'

/** Pieces of article text and of the terms a search marks: Han (astral too), Latin stems and forms, long words. */
const piece = fc.constantFrom(
  '钱',
  '钱包',
  '扣款',
  '𠮷',
  '😀',
  'paid',
  'pai',
  'froze',
  'frozen',
  'freez',
  'verify',
  'verifi',
  'ing',
  'ed',
  'x'.repeat(40),
  ' ',
  '。',
  'é',
  'Ａ',
  '1',
)
const text = fc.array(piece, { maxLength: 40 }).map((a) => a.join(''))
const term = fc.array(piece, { minLength: 1, maxLength: 2 }).map((a) => a.join('').trim().toLowerCase())
const call = fc.record({
  text,
  terms: fc.array(fc.oneof(term, fc.constant('')), { maxLength: 4 }),
  length: fc.oneof(fc.constant(96), fc.integer({ min: 1, max: 40 })),
})

describe('makeSnippet', () => {
  it('ignores empty terms: it stops, and marks and opens the window as without them', () => {
    expect(makeSnippet('abc def', ['', 'de'])).toEqual(makeSnippet('abc def', ['de']))
    expect(makeSnippet('abc def', [''])).toEqual({ snippet: 'abc def', highlights: [] })
    fc.assert(
      fc.property(call, ({ text, terms, length }) => {
        expect(makeSnippet(text, terms, length)).toEqual(
          makeSnippet(
            text,
            terms.filter((t) => t),
            length,
          ),
        )
      }),
    )
  })

  it('gives the same snippet whatever was asked before (no marks or terms carried over)', () => {
    fc.assert(
      fc.property(fc.array(call, { minLength: 2, maxLength: 6 }), (calls) => {
        const results = calls.map((c) => makeSnippet(c.text, c.terms, c.length))
        // Each call again, after the other calls in reverse order.
        calls.reverse()
        const again = calls.map((c) => makeSnippet(c.text, c.terms, c.length)).reverse()
        expect(again).toEqual(results)
      }),
    )
  })
})
