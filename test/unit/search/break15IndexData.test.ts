import { describe, expect, it } from 'vitest'
import { MalformedResponseError } from '../../../src/errors/index.js'
import { checkIndex } from '../../../src/help/source.js'
import {
  createSearchIndex,
  loadIndex,
  serializeIndex,
  walletSynonyms,
  type SerializedIndex,
} from '../../../src/search/index.js'
import { fixtures } from './fixtures.js'

/**
 * `checkIndex` stands between a downloaded or cached index and `loadIndex`: whatever it lets
 * through must load and search without throwing or scoring NaN, so every count and number the
 * engine reads is checked there.
 */
const valid = (): SerializedIndex =>
  JSON.parse(
    JSON.stringify(serializeIndex(createSearchIndex(fixtures, { synonyms: walletSynonyms }))),
  ) as SerializedIndex

/** The same index as version 1 wrote it: three fields, title/tags/body tfs in 6/6/rest bits. */
const version1 = (): SerializedIndex => {
  const now = valid()
  return {
    ...now,
    version: 1,
    weights: now.weights.slice(0, 3),
    docs: now.docs.map((d) => d && { ...d, lengths: d.lengths.slice(0, 3) }),
    terms: Object.fromEntries(
      Object.entries(now.terms).map(([t, p]) => [
        t,
        p.map((x, j) => (j % 2 ? (x & 15) + 64 * ((x >> 4) & 15) + 4096 * ((x >> 8) & 15) : x)),
      ]),
    ),
  }
}

const rejected = (data: unknown): void => {
  expect(() => checkIndex(data)).toThrow(MalformedResponseError)
}

/** A copy of a valid index with `edit` applied. */
const edited = (edit: (x: SerializedIndex) => void, base = valid()): SerializedIndex => {
  edit(base)
  return base
}
const firstTerm = (x: SerializedIndex): number[] => Object.values(x.terms).find((p) => p.length >= 4)!

describe('checkIndex: counts and numbers', () => {
  it('accepts what serializeIndex writes, version 2 and version 1, and it loads and searches', () => {
    for (const data of [valid(), version1()]) {
      expect(checkIndex(data)).toBe(data)
      expect(loadIndex(data).search('退款', { locale: 'zh-CN' }).length).toBeGreaterThan(0)
    }
  })

  it('rejects weights of the wrong count for the version, or not finite non-negative numbers', () => {
    rejected(edited((x) => x.weights.pop()))
    rejected(edited((x) => x.weights.push(1)))
    rejected(edited((x) => x.weights.push(1), version1()))
    rejected(edited((x) => x.weights.pop(), version1()))
    for (const bad of [NaN, Infinity, -1, '2', null]) rejected(edited((x) => ((x.weights as unknown[])[1] = bad)))
  })

  it('rejects per-article lengths of the wrong count, or not finite non-negative numbers', () => {
    rejected(edited((x) => x.docs[0]!.lengths.pop()))
    rejected(edited((x) => x.docs[0]!.lengths.push(3), version1()))
    for (const bad of [NaN, -Infinity, -2, '3', null])
      rejected(edited((x) => ((x.docs[1]!.lengths as unknown[])[2] = bad)))
  })

  it('rejects posting lists of odd length, slots out of range or out of order, packed tfs that are not 16-bit counts', () => {
    rejected(edited((x) => firstTerm(x).push(0)))
    const slot = (v: unknown) => edited((x) => ((firstTerm(x) as unknown[])[0] = v))
    for (const bad of [-1, 0.5, fixtures.length, NaN, '0', null]) rejected(slot(bad))
    // Slots of one term ascend (the posting store's contract); a repeated one would count twice.
    rejected(edited((x) => (firstTerm(x)[2] = firstTerm(x)[0]!)))
    const tf = (v: unknown) => edited((x) => ((firstTerm(x) as unknown[])[1] = v))
    for (const bad of [-1, 1.5, 65536, Infinity, '1', null]) rejected(tf(bad))
    // Version 1 packed body tfs from bit 12 up: larger numbers are fine there.
    expect(() => checkIndex(edited((x) => (firstTerm(x)[1] = 65536 * 4), version1()))).not.toThrow()
    rejected(edited((x) => (firstTerm(x)[1] = -4096), version1()))
  })
})

describe('malformed synonym tables', () => {
  // The shape is locale → groups → variants (`SynonymTable`); each of these threw inside search().
  const bad: unknown[] = [
    { 'zh-CN': '退款,退钱' },
    { 'zh-CN': ['退款', '退钱'] },
    { 'zh-CN': [['退款', 5]] },
    { 'zh-CN': [['退款', null]] },
    { en: [['refund'], 'money back'] },
    [['退款', '退钱']],
    '退款,退钱',
  ]

  it('are rejected by checkIndex with a typed error', () => {
    for (const synonyms of bad) rejected(edited((x) => ((x as { synonyms: unknown }).synonyms = synonyms)))
  })

  it('are rejected by loadIndex and createSearchIndex with a TypeError, stored or passed in', () => {
    for (const synonyms of bad) {
      const data = edited((x) => ((x as { synonyms: unknown }).synonyms = synonyms))
      expect(() => loadIndex(data)).toThrow(TypeError)
      expect(() => loadIndex(valid(), { synonyms: synonyms as never })).toThrow(/synonym/)
      expect(() => createSearchIndex(fixtures, { synonyms: synonyms as never })).toThrow(/synonym/)
    }
  })

  it('a missing table is an empty one', () => {
    for (const synonyms of [undefined, null, {}]) {
      const data = edited((x) => ((x as { synonyms: unknown }).synonyms = synonyms))
      expect(checkIndex(data)).toBe(data)
      expect(loadIndex(data).search('退款', { locale: 'zh-CN' }).length).toBeGreaterThan(0)
    }
  })
})

describe('weights and popularity', () => {
  it('createSearchIndex rejects weights that are negative, not finite numbers, or all zero', () => {
    for (const weights of [
      { title: -1 },
      { body: NaN },
      { tags: Infinity },
      { questions: '2' as unknown as number },
      { title: 0, tags: 0, body: 0, questions: 0 },
    ])
      expect(() => createSearchIndex(fixtures, { weights })).toThrow(/weights/)
  })

  it('zero weights for some fields are fine: questions alone still find', () => {
    const index = createSearchIndex(
      [{ id: 'q', locale: 'en', title: 'a', tags: [], body: 'b', questions: ['zorbix broken'] }],
      { weights: { title: 0, tags: 0, body: 0 } },
    )
    expect(index.search('zorbix', { locale: 'en' }).map((h) => h.id)).toEqual(['q'])
  })

  it('loadIndex rejects stored weights that are missing, negative or all zero with a TypeError', () => {
    for (const weights of [undefined, 'x', [0, 0, 0, 0], [2.5, -3, 1, 2], [2.5, 3, 1]]) {
      const data = edited((x) => ((x as { weights: unknown }).weights = weights))
      expect(() => loadIndex(data)).toThrow(TypeError)
      rejected(data)
    }
    // Version 1: three stored weights, the questions' added on load.
    expect(() => loadIndex(edited((x) => x.weights.push(2), version1()))).toThrow(TypeError)
    expect(() => loadIndex(edited((x) => x.weights.fill(0), version1()))).toThrow(/weights/)
  })

  it('a popularity that is not a finite number is rejected by checkIndex and read as 0 by the engine', () => {
    const data = edited((x) =>
      x.docs.forEach((d, i) => d && ((d as { popularity: unknown }).popularity = i ? 'many' : 4)),
    )
    rejected(data)
    const loaded = loadIndex(data)
    const popular = loaded.popular({ locale: 'zh-CN', limit: 3 })
    expect(popular.map((h) => h.score)).toEqual([4, 0, 0])
    expect(serializeIndex(loaded).docs.every((d) => !d || Number.isFinite(d.popularity))).toBe(true)
    // Missing (older data) is 0 too, and not malformed.
    const missing = edited((x) => x.docs.forEach((d) => d && delete (d as { popularity?: number }).popularity))
    expect(checkIndex(missing)).toBe(missing)
    expect(
      loadIndex(missing)
        .popular({ locale: 'zh-CN' })
        .every((h) => h.score === 0),
    ).toBe(true)
    const live = createSearchIndex([{ ...fixtures[0]!, popularity: 'x' as unknown as number }])
    expect(live.popular()[0]!.score).toBe(0)
  })
})

describe('synonym variants without a searchable term', () => {
  it('are ignored (a one-letter, one-character, punctuation or empty variant threw in every search its group matched)', () => {
    for (const v of ['x', '', '!!', '的', 'a b']) {
      const synonyms = { en: [[v, 'refund', 'money back']], 'zh-CN': [[v, '退款', '退钱']] }
      const articles = [
        { id: 'en', locale: 'en', title: 'Get your money back', tags: [], body: 'How a refund works.' },
        { id: 'zh', locale: 'zh-CN', title: '退钱', tags: [], body: '退款多久到账' },
      ]
      for (const index of [
        createSearchIndex(articles, { synonyms }),
        loadIndex(JSON.stringify(serializeIndex(createSearchIndex(articles, { synonyms })))),
      ]) {
        expect(index.search('refund', { locale: 'en' }).map((h) => h.id)).toEqual(['en'])
        expect(index.search('退款', { locale: 'zh-CN' }).map((h) => h.id)).toEqual(['zh'])
        // The variant itself typed finds nothing through the group.
        expect(index.search(`${v} 的`, { locale: 'en' })).toEqual([])
      }
    }
  })
})
