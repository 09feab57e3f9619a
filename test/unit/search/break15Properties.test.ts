import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { MalformedResponseError } from '../../../src/errors/index.js'
import { checkIndex } from '../../../src/help/source.js'
import {
  createSearchIndex,
  loadIndex,
  serializeIndex,
  walletSynonyms,
  type SearchIndex,
} from '../../../src/search/index.js'
import type { Article } from '../../../src/types.js'
import { fixtures } from './fixtures.js'

/**
 * What `checkIndex` lets through must load and search: a prebuilt index round-trips exactly, and a
 * damaged one (a field dropped, a wrong type or count, NaN) is either rejected up front with a
 * typed error or searches without throwing and without NaN scores.
 */
const WORDS = [
  '退款',
  '没到账',
  '轉帳',
  '验证码',
  '提现',
  '失败',
  '银行卡',
  'refund',
  'password',
  'reset',
  'card',
  'code',
]
const QUERIES: Array<[string, string]> = [
  ['退款没到账', 'zh-CN'],
  ['轉帳失敗', 'zh-TW'],
  ['验证码', 'zh-CN'],
  ['refund card', 'en'],
  ['pasword reset', 'en'],
  ['提现 failed', 'zh-CN'],
  ['钱提不出来', ''],
]
const words = (max: number) =>
  fc
    .array(fc.constantFrom(...WORDS, ' ', '，', '的', '钱', 'money'), { minLength: 1, maxLength: max })
    .map((xs) => xs.join(''))

const article = fc.record({
  id: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'),
  locale: fc.constantFrom('zh-CN', 'zh-TW', 'en'),
  title: words(4),
  tags: fc.array(fc.constantFrom(...WORDS), { maxLength: 3 }),
  body: words(30),
  questions: fc.option(fc.array(words(5), { maxLength: 4 }), { nil: undefined }),
  popularity: fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }),
})

/** Every result a user can see, for comparing two indexes. */
const answers = (index: SearchIndex) => [
  ...QUERIES.map(([q, locale]) => index.search(q, locale ? { locale } : {})),
  ...QUERIES.map(([q, locale]) => index.suggest(q, locale ? { locale, limit: 5 } : {})),
  index.popular(),
  index.popular({ locale: 'zh-TW' }),
]

describe('serialized index properties', () => {
  it('(a) any serializeIndex output passes checkIndex and loads to identical results', () => {
    fc.assert(
      fc.property(
        fc.array(article, { maxLength: 12 }),
        fc.array(fc.constantFrom('a', 'b', 'c'), { maxLength: 2 }),
        (articles, removed) => {
          const live = createSearchIndex(articles as Article[], { synonyms: walletSynonyms })
          for (const id of removed) live.remove(id)
          // As it arrives: over the network (JSON) or from IndexedDB (a structured clone).
          for (const copy of [
            JSON.parse(JSON.stringify(serializeIndex(live))),
            structuredClone(serializeIndex(live)),
          ]) {
            const loaded = loadIndex(checkIndex(copy))
            expect(answers(loaded)).toEqual(answers(live))
          }
        },
      ),
      { numRuns: 60 },
    )
  })

  // A valid index to damage: articles with and without questions, a removed one (a null doc), synonyms.
  const base = (() => {
    const index = createSearchIndex(
      [...fixtures, { id: 'q', locale: 'zh-CN', title: '余额', tags: [], body: '余额提现', questions: ['钱提不出来'] }],
      { synonyms: { 'zh-CN': walletSynonyms['zh-CN']!.slice(0, 6), en: walletSynonyms.en!.slice(0, 4) } },
    )
    index.remove('bind')
    return JSON.stringify(serializeIndex(index))
  })()

  type Json = Record<string, unknown> | unknown[]
  /** Places in the index by kind, each a parent object and a key. */
  const places = (x: Record<string, unknown>): Record<string, Array<[Json, string | number]>> => {
    const docs = x.docs as Array<Record<string, unknown> | null>
    const terms = x.terms as Record<string, number[]>
    const syn = x.synonyms as Record<string, string[][]>
    const live = docs.filter((d): d is Record<string, unknown> => !!d)
    return {
      top: Object.keys(x).map((k) => [x, k]),
      weights: (x.weights as number[]).map((_, i) => [x.weights as Json, i]),
      docs: docs.map((_, i) => [docs, i]),
      fields: live.flatMap((d) => Object.keys(d).map((k): [Json, string] => [d, k])),
      lengths: live.flatMap((d) => (d.lengths as number[]).map((_, i): [Json, number] => [d.lengths as Json, i])),
      tags: live.flatMap((d) => (d.tags as string[]).map((_, i): [Json, number] => [d.tags as Json, i])),
      terms: Object.keys(terms).map((t) => [terms, t]),
      postings: Object.values(terms).flatMap((p) => p.map((_, i): [Json, number] => [p, i])),
      synonyms: [
        ...Object.keys(syn).map((l): [Json, string] => [syn, l]),
        ...Object.values(syn).flatMap((gs) => gs.map((_, i): [Json, number] => [gs, i])),
        ...Object.values(syn).flatMap((gs) => gs.flatMap((g) => g.map((_, i): [Json, number] => [g, i]))),
      ],
    }
  }
  const OPS = [
    'delete',
    'string',
    'null',
    'object',
    'array',
    'NaN',
    'Infinity',
    '-1',
    '0',
    '0.5',
    '1',
    '70000',
    'push',
    'pop',
  ] as const
  const mutate = (parent: Json, key: string | number, op: (typeof OPS)[number]): void => {
    const p = parent as Record<string | number, unknown>
    const v = p[key]
    if (op == 'delete') Array.isArray(parent) ? parent.splice(key as number, 1) : delete p[key]
    else if (op == 'push' || op == 'pop')
      Array.isArray(v) ? (op == 'push' ? v.push(v[0] ?? 1) : v.pop()) : (p[key] = [])
    else
      p[key] =
        { string: 'x', null: null, object: {}, array: [], NaN: NaN, Infinity: Infinity }[op as string] ?? Number(op)
  }
  const mutation = fc.record({
    kind: fc.constantFrom('top', 'weights', 'docs', 'fields', 'lengths', 'tags', 'terms', 'postings', 'synonyms'),
    at: fc.nat(),
    op: fc.constantFrom(...OPS),
  })

  it('(b) a damaged index is rejected by checkIndex with MalformedResponseError, or loads and searches cleanly', () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 3 }), (mutations) => {
        const data = JSON.parse(base) as Record<string, unknown>
        for (const { kind, at, op } of mutations) {
          let list: Array<[Json, string | number]>
          try {
            list = places(data)[kind]!
          } catch {
            list = places(JSON.parse(base))[kind]!.slice(0, 0)
          }
          if (list.length) mutate(...list[at % list.length]!, op)
        }
        let checked
        try {
          checked = checkIndex(data)
        } catch (error) {
          expect(error).toBeInstanceOf(MalformedResponseError)
          return
        }
        const index = loadIndex(checked)
        for (const hits of answers(index))
          for (const h of hits) {
            expect(Number.isFinite(h.score)).toBe(true)
            expect(typeof h.snippet).toBe('string')
          }
        expect(() => JSON.stringify(serializeIndex(index))).not.toThrow()
      }),
      { numRuns: 400 },
    )
  })
})
