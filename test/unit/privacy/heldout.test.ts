/** The scoring `bench:privacy` applies to a case file such as the held-out set (read from a sample fixture here). */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { digitRunsOf, formatScore, parseCaseFile, score, survives } from '../../../bench/privacyCases.js'
import { redact } from '../../../src/privacy/index.js'

const sample = readFileSync(new URL('./fixtures/masking-cases.sample.json', import.meta.url), 'utf8')

describe('survives', () => {
  it('reads any digit script and ignores separators and invisibles', () => {
    expect(survives('code ٣٨٤ ٩٢١', '384921')).toBe(true)
    expect(survives('code 38\u200b4-921', '384921')).toBe(true)
    expect(survives('code ******', '384921')).toBe(false)
  })
  it('lets a card keep its last four, but nothing more', () => {
    expect(survives('************1111', '4111 1111 1111 1111', '1111')).toBe(false)
    expect(survives('card 4111 1111 1111 1111', '4111111111111111', '1111')).toBe(true)
    expect(survives('**************002X', '11010519491231002X', '002X')).toBe(false)
  })
  it('compares a password with letters as a whole token', () => {
    expect(survives('password: ******', 'hunter2')).toBe(false)
    expect(survives('password: hunter2', 'hunter2')).toBe(true)
  })
  it('splits runs at words', () => {
    expect(digitRunsOf('a 12 34 b 56')).toEqual(['1234', '56'])
  })
})

describe('score on a case file', () => {
  it('counts masked and kept cases, per kind', () => {
    const file = parseCaseFile(sample)
    const s = score(file, (t) => redact(t).text)
    expect([s.masked, s.sensitive, s.kept, s.benign]).toEqual([2, 3, 2, 2])
    expect(s.byKind).toEqual({ card: [1, 1], code: [1, 1], other: [0, 1] })
    expect(formatScore('held-out', s)[0]).toBe('held-out masked: 2/3 (66.67%)')
  })
  it('an identity masker masks nothing and keeps everything', () => {
    const s = score(parseCaseFile(sample), (t) => t)
    expect([s.masked, s.kept]).toEqual([0, 2])
  })
  it('rejects a malformed file with the reason', () => {
    expect(() => parseCaseFile('{"sensitive":[{"text":"x"}]}')).toThrow(/secret/)
    expect(() => parseCaseFile('{"benign":[{"text":"x"}]}')).toThrow(/mustKeep/)
  })
})
