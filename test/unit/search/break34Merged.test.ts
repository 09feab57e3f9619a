import fc from 'fast-check'
import { afterEach, describe, expect, it } from 'vitest'
import { createSearchIndex, loadIndex, serializeIndex } from '../../../src/search/index.js'
import { reference, type SearchIndex, type SearchIndexOptions } from '../../../src/search/searchIndex.js'
import type { Article } from '../../../src/types.js'

/*
 * Merged synonym lists (one list per group, each article's three best variants) against the
 * variant-by-variant walk, on inputs the tuning queries do not reach: own synonym tables,
 * translations, field weights, saved and reloaded indexes, `suggest`, locale fallbacks.
 */
afterEach(() => {
  reference.variants = false
})

type Call = 'search' | 'suggest'
/** Hits as [id, score], merged lists on, then variant by variant. */
function both(index: SearchIndex, call: Call, q: string, locale?: string, limit = 10): [unknown, unknown] {
  const o = locale === undefined ? { limit } : { locale, limit }
  const merged = index[call](q, o).map((h) => [h.id, h.score])
  reference.variants = true
  const walked = index[call](q, o).map((h) => [h.id, h.score])
  reference.variants = false
  return [merged, walked]
}

const words = [
  '银行',
  '银行卡',
  '卡',
  '绑卡',
  '绑定银行卡',
  '钱包',
  '余额',
  '提现',
  '取钱',
  '退款',
  '退钱',
  '帳號',
  '账号',
  '账户',
  'card',
  'cards',
  'bank',
  'bank card',
  'refund',
  'refunds',
  'money',
  'wallet',
  'pin',
  'password',
  'pasword',
  'x',
  '的',
  '',
  'qr码',
  '扫码',
  'freeze',
  'frozen',
  'lock',
  '锁定',
  '冻结',
  '凍結',
  'not me',
  'me',
  'a',
  '提',
  '現',
]

describe('merged synonym lists, generated tables, translations, weights, reloads', () => {
  const text = fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 8 })
  const table = fc.dictionary(
    fc.constantFrom('zh-CN', 'zh-TW', 'en', 'zh'),
    fc.array(fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 7 }), { minLength: 1, maxLength: 5 }),
  )
  const article = fc.record({
    key: fc.nat(12),
    title: text.map((w) => w.join('')),
    body: text.map((w) => w.join(' ')),
    tags: fc.array(fc.constantFrom(...words), { maxLength: 3 }),
    locale: fc.constantFrom('zh-CN', 'en', 'zh-TW'),
    questions: fc.array(
      text.map((w) => w.join('')),
      { maxLength: 2 },
    ),
    popularity: fc.nat(3),
  })
  const toArticle = ({ key, ...a }: { key: number } & Omit<Article, 'id'>): Article => ({
    id: `${a.locale == 'en' ? 'en' : a.locale == 'zh-TW' ? 'zh-TW' : 'zh'}-k${key}`,
    ...a,
  })
  const weights = fc.option(
    fc.record({
      title: fc.constantFrom(0, 1, 2.5, 7),
      tags: fc.constantFrom(0, 3, 0.5),
      body: fc.constantFrom(1, 0.1, 4),
      questions: fc.constantFrom(0, 2, 9),
    }),
    { nil: undefined },
  )
  const op = fc.oneof(
    {
      arbitrary: fc.record({
        q: fc.tuple(text, fc.constantFrom('', ' ')).map(([w, sep]) => w.join(sep)),
        locale: fc.constantFrom('zh-CN', 'en', 'zh-TW', '', 'fr', undefined),
        call: fc.constantFrom<Call>('search', 'suggest'),
        limit: fc.constantFrom(1, 3, 10),
      }),
      weight: 6,
    },
    { arbitrary: fc.record({ add: article }), weight: 2 },
    { arbitrary: fc.record({ remove: fc.nat(12), locale: fc.constantFrom('zh-CN', 'en', 'zh-TW') }), weight: 2 },
    { arbitrary: fc.record({ reload: fc.option(table, { nil: undefined }) }), weight: 1 },
    { arbitrary: fc.constant({ clear: true }), weight: 1 },
  )

  it('give the same hits and scores as walking each variant', () => {
    fc.assert(
      fc.property(
        fc.array(article, { minLength: 1, maxLength: 30 }),
        table,
        weights,
        fc.array(op, { minLength: 1, maxLength: 25 }),
        (docs, synonyms, w, ops) => {
          const options: SearchIndexOptions = w ? { synonyms, weights: w } : { synonyms }
          let index = createSearchIndex(docs.map(toArticle), options)
          for (const o of ops) {
            if ('add' in o) index.add(toArticle(o.add))
            else if ('remove' in o)
              index.remove(`${o.locale == 'en' ? 'en' : o.locale == 'zh-TW' ? 'zh-TW' : 'zh'}-k${o.remove}`)
            else if ('reload' in o)
              index = o.reload
                ? loadIndex(serializeIndex(index), { synonyms: o.reload })
                : loadIndex(JSON.stringify(serializeIndex(index)))
            else if ('clear' in o) for (const d of docs.map(toArticle)) index.remove(d.id)
            else {
              const [merged, walked] = both(index, o.call, o.q, o.locale, o.limit)
              expect(merged).toEqual(walked)
            }
          }
        },
      ),
      { numRuns: 300 },
    )
  })
})

describe('merged synonym lists, field weights so small that a synonym weighs 0', () => {
  // Title weight 85 × 5e-324: the saturation step is the smallest double, so a synonym's weight
  // (0.8 × idf × step, idf 0.6 here) rounds to 0 while the typed word's (idf × step) does not.
  const mk = (id: string, body: string): Article => ({ id, locale: 'en', title: body, tags: [], body })
  const articles = [
    mk('a1', 'card'),
    mk('a2', 'card'),
    mk('a3', 'card'),
    mk('a4', 'card'),
    mk('a5', 'bank'),
    mk('a6', 'cash'),
  ]
  const index = createSearchIndex(articles, {
    synonyms: { en: [['card', 'bank', 'cash']] },
    weights: { title: 85 * Number.MIN_VALUE, tags: 0, body: 0, questions: 0 },
  })

  it('find no article through the synonyms (adding 0 finds none), as walking each variant', () => {
    const [merged, walked] = both(index, 'search', 'card', 'en')
    expect((walked as unknown[]).length).toBe(4)
    expect(merged).toEqual(walked)
  })
})
