/**
 * Help search as an outsider uses it: articles added, replaced, removed and added again, the index
 * saved and loaded, odd limits and queries, locale filters, ties, and highlights that must always
 * mark the matched words of the snippet shown.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createSearchIndex, loadIndex, serializeIndex, walletSynonyms } from '../../../src/search/index.js'
import type { Article, ArticleHit } from '../../../src/types.js'

const WORD = /[\p{L}\p{N}]/u

/** Every highlight non-empty, inside the snippet, sorted and apart from the next. */
function wellFormed(hit: ArticleHit): void {
  let last = -1
  for (const [s, e] of hit.highlights) {
    expect(Number.isInteger(s) && Number.isInteger(e), JSON.stringify(hit)).toBe(true)
    expect(s, JSON.stringify(hit)).toBeGreaterThan(last)
    expect(e, JSON.stringify(hit)).toBeGreaterThan(s)
    expect(e, JSON.stringify(hit)).toBeLessThanOrEqual(hit.snippet.length)
    last = e
  }
}

/** A highlight of Latin text starts at a word start and ends at a word end. */
function onWordBoundaries(hit: ArticleHit): void {
  for (const [s, e] of hit.highlights) {
    const text = hit.snippet.slice(s, e)
    if (!/^[a-z]/i.test(text)) continue
    expect(WORD.test(hit.snippet[s - 1] ?? ' '), `${JSON.stringify(hit.snippet)} [${s},${e}) "${text}"`).toBe(false)
    expect(WORD.test(hit.snippet[e] ?? ' '), `${JSON.stringify(hit.snippet)} [${s},${e}) "${text}"`).toBe(false)
  }
}

const marked = (hit: ArticleHit): string[] => hit.highlights.map(([s, e]) => hit.snippet.slice(s, e))

const art = (id: string, body: string, over: Partial<Article> = {}): Article => ({
  id,
  locale: 'en',
  title: `Article ${id}`,
  body,
  tags: [],
  ...over,
})

describe('highlights', () => {
  it('mark the matched word when the text holds a ligature before it and a combining mark after it', () => {
    // "ﬁ" folds to two characters and "é" (e + U+0301) to one: the folded text has the original's
    // length, but not its offsets between the two.
    const index = createSearchIndex([art('a', 'ﬁ refund e\u0301 more about the refund')])
    const [hit] = index.search('refund')
    expect(hit).toBeDefined()
    wellFormed(hit!)
    expect(marked(hit!)).toEqual(['refund', 'refund'])
  })

  it('mark the matched word after a ™ sign or full-width letters that fold longer or shorter', () => {
    for (const body of ['Wallet™ refund \u1e9b\u0323 rest', 'ＡＢ refund ﬀ x', 'ﬃ card re\u0301fund card']) {
      const index = createSearchIndex([art('a', body)])
      for (const hit of index.search('card refund')) {
        wellFormed(hit)
        onWordBoundaries(hit)
      }
    }
  })

  const ODD = ['ﬁ', 'ﬀ', '™', '…', 'e\u0301', 'Ａ', '①', 'İ', 'ß', '😀', '\u3000', '取不出来', '提現', '钱', 'Ⅻ']
  const WORDS = ['refund', 'card', 'wallet', 'top-up', 'balance', 'no', 'not', 'the', 'seller', 'shop', 'frozen']
  const text = fc
    .array(
      fc.oneof({ arbitrary: fc.constantFrom(...WORDS), weight: 4 }, { arbitrary: fc.constantFrom(...ODD), weight: 1 }),
      {
        minLength: 1,
        maxLength: 40,
      },
    )
    .map((ws) => ws.join(' '))

  it('are inside the snippet, sorted and apart, whatever the text and query (random)', () => {
    fc.assert(
      fc.property(
        fc.array(text, { minLength: 1, maxLength: 6 }),
        text,
        fc.integer({ min: 8, max: 200 }),
        (bodies, q, len) => {
          const index = createSearchIndex(
            bodies.map((b, i) => art(`a${i}`, b)),
            { synonyms: walletSynonyms, snippetLength: len },
          )
          for (const hit of index.search(q, { limit: 50 })) wellFormed(hit)
          for (const hit of index.suggest(q, { limit: 50 })) wellFormed(hit)
        },
      ),
      { numRuns: 300 },
    )
  })

  it('start and end on word boundaries in Latin text without length-changing characters (random)', () => {
    const plain = fc
      .array(fc.constantFrom(...WORDS, '钱', '取不出来', '.', ','), { minLength: 1, maxLength: 40 })
      .map((ws) => ws.join(' '))
    fc.assert(
      fc.property(fc.array(plain, { minLength: 1, maxLength: 6 }), plain, (bodies, q) => {
        const index = createSearchIndex(bodies.map((b, i) => art(`a${i}`, b)))
        for (const hit of index.search(q, { limit: 50 })) {
          wellFormed(hit)
          onWordBoundaries(hit)
        }
      }),
      { numRuns: 300 },
    )
  })

  it('mark the colloquial words a user typed when the article says them verbatim', () => {
    const index = createSearchIndex(
      [art('c', '钱取不出来怎么办，提现失败', { locale: 'zh-CN', title: '提现失败', tags: ['提现'] })],
      { synonyms: walletSynonyms },
    )
    const [hit] = index.search('取不出来')
    expect(hit?.id).toBe('c')
    wellFormed(hit!)
    expect(marked(hit!).join('')).toContain('取不出来')
  })
})

describe('adding, replacing and removing articles', () => {
  it('shows the new text of a replaced article, and never the old one', () => {
    const index = createSearchIndex([art('a', 'The refund arrives in three days.'), art('b', 'Card binding help.')])
    expect(index.search('refund')[0]?.id).toBe('a')
    index.add(art('a', 'Locked wallet: call support.'))
    expect(index.search('refund').map((h) => h.id)).toEqual([])
    const [hit] = index.search('locked')
    expect(hit?.id).toBe('a')
    expect(hit!.snippet).toContain('Locked wallet')
    expect(marked(hit!)).toEqual(['Locked'])
    expect(index.remove('a')).toBe(true)
    expect(index.remove('a')).toBe(false)
    expect(index.search('locked')).toEqual([])
    index.add(art('a', 'Refund again'))
    expect(index.search('refund').map((h) => h.id)).toEqual(['a'])
    expect(index.search('locked')).toEqual([])
    expect(index.size).toBe(2)
  })

  it('marks the word an inflected query found ("frozen" finds "Frozen" and must mark it)', () => {
    const index = createSearchIndex([art('a', 'Frozen wallet: call support.'), art('b', 'Card help.')])
    const [hit] = index.search('frozen')
    expect(hit?.id).toBe('a')
    expect(marked(hit!)).toEqual(['Frozen'])
  })

  type Op = { kind: 'add'; id: string; body: string } | { kind: 'remove'; id: string } | { kind: 'search'; q: string }
  const WORDS = [
    'refund',
    'card',
    'wallet',
    'balance',
    'frozen',
    'seller',
    'shop',
    'top-up',
    '提现',
    '钱',
    'not',
    'the',
  ]
  const body = fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 12 }).map((ws) => ws.join(' '))
  const id = fc.constantFrom('a', 'b', 'c', 'd', 'e')
  const op: fc.Arbitrary<Op> = fc.oneof(
    fc.record({ kind: fc.constant('add' as const), id, body }),
    fc.record({ kind: fc.constant('remove' as const), id }),
    fc.record({ kind: fc.constant('search' as const), q: fc.constantFrom(...WORDS) }),
  )
  const view = (hits: ArticleHit[]) =>
    Object.fromEntries(
      hits.map((h) => [h.id, { snippet: h.snippet, highlights: h.highlights, score: h.score.toFixed(9) }]),
    )

  it('answers after any sequence of changes as an index built from the final articles does, and as its saved copy does (random)', () => {
    fc.assert(
      fc.property(
        fc.array(op, { maxLength: 30 }),
        fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 3 }),
        (ops, qs) => {
          const live = createSearchIndex([], { synonyms: walletSynonyms })
          const current = new Map<string, Article>()
          for (const o of ops) {
            if (o.kind === 'add') {
              const a = art(o.id, o.body)
              live.add(a)
              current.delete(o.id)
              current.set(o.id, a)
            } else if (o.kind === 'remove') expect(live.remove(o.id)).toBe(current.delete(o.id))
            else for (const h of live.search(o.q, { limit: 50 })) expect(current.has(h.id)).toBe(true)
          }
          expect(live.size).toBe(current.size)
          const fresh = createSearchIndex([...current.values()], { synonyms: walletSynonyms })
          const saved = loadIndex(JSON.stringify(serializeIndex(live)))
          const q = qs.join(' ')
          const got = live.search(q, { limit: 50 })
          expect(saved.search(q, { limit: 50 })).toEqual(got)
          expect(view(got)).toEqual(view(fresh.search(q, { limit: 50 })))
          for (const h of got) {
            expect(current.has(h.id)).toBe(true)
            wellFormed(h)
          }
          expect(saved.popular({ limit: 50 })).toEqual(live.popular({ limit: 50 }))
        },
      ),
      { numRuns: 300 },
    )
  })

  it('keeps translated copies right through changes: one hit per article, live = fresh = saved (random)', () => {
    const copies: Array<[id: string, locale: string]> = [
      ['en-a', 'en'],
      ['zh-CN-a', 'zh-CN'],
      ['zh-TW-a', 'zh-TW'],
      ['en-b', 'en'],
      ['zh-b', 'zh-CN'],
      ['c', 'zh-TW'],
      ['zh-TW-d', 'zh-TW'],
      ['zh-CN-d', 'zh-CN'],
    ]
    const ZH = ['提现', '提現', '钱', '錢', '退款', '商家', '店铺', '取不出来', '冻结', '凍結']
    const EN = ['refund', 'shop', 'seller', 'frozen', 'card', 'wallet']
    const change = fc.oneof(
      fc.record({
        kind: fc.constant('add' as const),
        which: fc.integer({ min: 0, max: copies.length - 1 }),
        words: fc.array(fc.constantFrom(...ZH, ...EN), { minLength: 1, maxLength: 8 }),
        popularity: fc.integer({ min: 0, max: 3 }),
      }),
      fc.record({ kind: fc.constant('remove' as const), which: fc.integer({ min: 0, max: copies.length - 1 }) }),
    )
    fc.assert(
      fc.property(
        fc.array(change, { maxLength: 25 }),
        fc.array(fc.constantFrom(...ZH, ...EN), { minLength: 1, maxLength: 3 }),
        fc.constantFrom('en', 'zh-CN', 'zh-TW', 'zh-HK', 'fr'),
        (changes, qs, locale) => {
          const live = createSearchIndex([], { synonyms: walletSynonyms })
          const current = new Map<string, Article>()
          for (const c of changes) {
            const [id, loc] = copies[c.which]!
            if (c.kind === 'remove') expect(live.remove(id)).toBe(current.delete(id))
            else {
              const a = art(id, c.words.join(' '), { locale: loc, popularity: c.popularity, title: c.words[0]! })
              live.add(a)
              current.delete(id)
              current.set(id, a)
            }
            // A search between changes compacts the postings at odd moments.
            live.search(qs[0]!, { locale })
          }
          const fresh = createSearchIndex([...current.values()], { synonyms: walletSynonyms })
          const saved = loadIndex(JSON.stringify(serializeIndex(live)))
          const q = qs.join(' ')
          for (const o of [{ locale, limit: 50 }, { limit: 50 }]) {
            const got = live.search(q, o)
            expect(saved.search(q, o)).toEqual(got)
            expect(view(got)).toEqual(view(fresh.search(q, o)))
            const keys = got.map((h) => h.id.replace(/^(en|zh-CN|zh-TW|zh)-/, ''))
            expect(new Set(keys).size).toBe(keys.length)
            for (const h of got) expect(current.has(h.id)).toBe(true)
            expect(saved.suggest(q, o)).toEqual(live.suggest(q, o))
            expect(saved.popular(o)).toEqual(live.popular(o))
          }
        },
      ),
      { numRuns: 300 },
    )
  })

  it('a saved index answers a Chinese UI as the live one after the last Chinese article is removed', () => {
    const art2 = (id: string, locale: string) => art(id, '提现', { locale, title: '提现' })
    const live = createSearchIndex([art2('zh-CN-d', 'zh-CN'), art2('en-a', 'en')], { synonyms: walletSynonyms })
    live.remove('zh-CN-d')
    const saved = loadIndex(JSON.stringify(serializeIndex(live)))
    const fresh = createSearchIndex([art2('en-a', 'en')], { synonyms: walletSynonyms })
    // Live: [] (it still knows zh-CN); saved and fresh: en-a (no Chinese article, so every locale).
    expect(live.search('提现', { locale: 'zh-HK' })).toEqual(saved.search('提现', { locale: 'zh-HK' }))
    expect(live.search('提现', { locale: 'zh-HK' })).toEqual(fresh.search('提现', { locale: 'zh-HK' }))
  })

  it('a saved index shows the same copy of a translated article as the live one (no locale given)', () => {
    const art2 = (id: string, locale: string) => art(id, '提现', { locale, title: '提现' })
    const live = createSearchIndex([], { synonyms: walletSynonyms })
    for (const a of [art2('c', 'zh-TW'), art2('en-a', 'en'), art2('c', 'zh-TW'), art2('zh-TW-a', 'zh-TW')]) live.add(a)
    const saved = loadIndex(JSON.stringify(serializeIndex(live)))
    // Live shows zh-TW-a (zh-TW was seen first), saved shows en-a (the first surviving slot is English).
    expect(saved.search('提现').map((h) => h.id)).toEqual(live.search('提现').map((h) => h.id))
  })

  it('an article replaced under the same id in another locale, or with an empty body, answers from its new self', () => {
    const index = createSearchIndex([art('x', 'refund the card'), art('y', 'card help')], { synonyms: walletSynonyms })
    index.add(art('x', '退款到银行卡', { locale: 'zh-CN', title: '退款' }))
    expect(index.search('refund', { locale: 'en' }).map((h) => h.id)).toEqual([])
    expect(index.search('退款', { locale: 'zh-CN' }).map((h) => h.id)).toEqual(['x'])
    // An empty body: the snippet is the title, and its highlights point into the title.
    index.add(art('x', '', { title: 'Refund of a card payment' }))
    const [hit] = index.search('refund', { locale: 'en' })
    expect(hit?.id).toBe('x')
    expect(hit!.snippet).toBe('Refund of a card payment')
    expect(marked(hit!)).toEqual(['Refund'])
    expect(index.search('退款', { locale: 'zh-CN' })).toEqual([])
    // Markdown is stripped before highlights are placed.
    index.add(art('x', '## Steps\n- **Refund** the [card](https://x.test/refund) `now`'))
    const [md] = index.search('refund card', { locale: 'en' })
    expect(md?.id).toBe('x')
    wellFormed(md!)
    expect(marked(md!).map((m) => m.toLowerCase())).toEqual(['refund', 'card'])
    expect(index.size).toBe(2)
  })

  it('a saved and loaded index keeps answering the same after its own changes', () => {
    const live = createSearchIndex([art('a', 'refund card'), art('b', 'card wallet'), art('c', 'wallet refund')])
    live.remove('b')
    const saved = loadIndex(serializeIndex(live))
    for (const ix of [live, saved]) {
      ix.add(art('b', 'seller refund'))
      ix.remove('a')
      ix.add(art('a', 'card only'))
    }
    for (const q of ['refund', 'card', 'wallet seller', 'shop'])
      expect(saved.search(q, { limit: 20 }), q).toEqual(live.search(q, { limit: 20 }))
  })
})

describe('limits, locales, ties and odd queries', () => {
  const many: Article[] = [
    ...Array.from({ length: 3 }, (_, i) => art(`en${i}`, `refund number ${'x'.repeat(i + 1)}`)),
    ...Array.from({ length: 30 }, (_, i) => art(`zh${i}`, `refund 退款 第${i}`, { locale: 'zh-CN' })),
  ]
  const index = createSearchIndex(many, { synonyms: walletSynonyms })

  it('returns every match of a locale with fewer matches than the limit', () => {
    expect(
      index
        .search('refund', { locale: 'en', limit: 10 })
        .map((h) => h.id)
        .sort(),
    ).toEqual(['en0', 'en1', 'en2'])
    expect(index.search('refund', { locale: 'en', limit: 1 })).toHaveLength(1)
    expect(index.search('refund', { locale: 'zh-CN', limit: 100 })).toHaveLength(30)
    expect(index.search('refund', { limit: 1000 })).toHaveLength(33)
  })

  it('fills the limit when each article has three Chinese copies (translations must not eat the candidates)', () => {
    const copies: Article[] = []
    for (let i = 0; i < 15; i++)
      for (const locale of ['zh-CN', 'zh-TW', 'zh-HK'])
        copies.push(art(`${locale}-a${i}`, '提现到银行卡' + '说明'.repeat(i), { locale, title: `提现 ${i}` }))
    const ix = createSearchIndex(copies, { synonyms: walletSynonyms })
    // 15 articles match; one hit per article, so 10 of them.
    for (const o of [{ locale: 'zh-TW', limit: 10 }, { limit: 10 }, { locale: 'zh-CN', limit: 12 }])
      expect(ix.search('提现', o), JSON.stringify(o)).toHaveLength(o.limit)
  })

  it('gives nothing for a limit of 0, below 0 or NaN, and at most floor(limit) hits otherwise', () => {
    for (const limit of [0, -1, -Infinity, NaN, 0.5]) expect(index.search('refund', { limit }), `${limit}`).toEqual([])
    expect(index.search('refund', { limit: Infinity })).toHaveLength(33)
    for (const limit of [1.5, 2.9]) expect(index.search('refund', { limit }).length, `${limit}`).toBe(Math.floor(limit))
  })

  it('keeps the best of the top when a locale filter rejects most candidates (random limits)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.constantFrom('en', 'zh-CN', 'zh-TW'), (limit, locale) => {
        const all = index.search('refund 退款', { locale, limit: 1000 })
        const some = index.search('refund 退款', { locale, limit })
        expect(some).toEqual(all.slice(0, limit))
      }),
    )
  })

  it('orders equal articles the same whatever order they were added in', () => {
    const twins = ['p', 'q', 'r', 's'].map((id) => art(id, 'wallet frozen after too many attempts'))
    const forward = createSearchIndex(twins).search('frozen wallet')
    const backward = createSearchIndex([...twins].reverse()).search('frozen wallet')
    expect(backward.map((h) => h.id)).toEqual(forward.map((h) => h.id))
  })

  it('answers queries of stop words, blanks, emoji, mixed scripts and very long text without failing', () => {
    const queries = [
      'no',
      'not',
      'what is the',
      'no not',
      '',
      '   ',
      '\u3000\t\n',
      '😀',
      '😀 refund',
      'refund退款',
      '退款 refund 提現',
      '\ud800',
      'x'.repeat(20_000),
      'refund '.repeat(2000),
      '退'.repeat(5000),
    ]
    for (const q of queries)
      for (const o of [{}, { locale: 'en' }, { locale: 'zh-TW' }, { locale: 'xx' }]) {
        for (const h of index.search(q, o)) wellFormed(h)
        for (const h of index.suggest(q, o)) wellFormed(h)
      }
    expect(index.search('   ')).toEqual([])
    expect(index.search('refund '.repeat(2000), { locale: 'en' }).map((h) => h.id)).toContain('en0')
  })

  it('finds the merchant article for seller, shop, store, 卖家, 店铺, and marks what the article says', () => {
    const ix = createSearchIndex(
      [
        art('m', 'Ask the merchant for a refund of the order.', { title: 'Contact the merchant' }),
        art('x', 'Daily limits for cards.', { title: 'Card limits' }),
        art('s', '请联系商户处理退款。', { locale: 'zh-CN', title: '联系商户' }),
      ],
      { synonyms: walletSynonyms },
    )
    for (const q of ['seller', 'the shop', 'store', 'vendor', 'retailer']) {
      const [hit] = ix.search(q, { locale: 'en' })
      expect(hit?.id, q).toBe('m')
      expect(marked(hit!), q).toContain('merchant')
    }
    for (const q of ['卖家', '店铺', '店家', '商铺', 'seller']) {
      const [hit] = ix.search(q, { locale: 'zh-CN' })
      expect(hit?.id, q).toBe('s')
      expect(marked(hit!), q).toContain('商户')
    }
  })

  it('drops no/not beside other words but still matches them alone and inside synonym keys', () => {
    const ix = createSearchIndex(
      [
        art('u', 'If you see an unauthorized payment, freeze the card.', { title: 'Payment I did not make' }),
        art('n', 'No network? Not connected? Try again.', { title: 'Offline' }),
        art('c', 'Connected devices list.', { title: 'Devices' }),
      ],
      { synonyms: walletSynonyms },
    )
    expect(ix.search('not mine')[0]?.id).toBe('u')
    expect(ix.search('no').map((h) => h.id)).toEqual(['n'])
    // "not" carries nothing next to "connected": both articles saying it are found.
    expect(
      ix
        .search('not connected')
        .map((h) => h.id)
        .sort(),
    ).toEqual(['c', 'n'])
  })

  it('finds the withdrawal article for colloquial cannot-forms in Simplified and Traditional', () => {
    const ix = createSearchIndex(
      [
        art('w', '提现失败怎么办，请检查银行卡。', { locale: 'zh-CN', title: '提现失败' }),
        art('o', '订单详情页可以查看物流。', { locale: 'zh-CN', title: '查看物流' }),
      ],
      { synonyms: walletSynonyms },
    )
    for (const [q, locale] of [
      ['钱取不出来', 'zh-CN'],
      ['錢取不出來', 'zh-TW'],
      ['提不出来', 'zh-CN'],
      ['余额取不出来怎么办', 'zh-CN'],
    ] as const) {
      const hits = ix.search(q, { locale })
      expect(hits[0]?.id, q).toBe('w')
      for (const h of hits) wellFormed(h)
    }
  })

  it('gives finite positive scores in non-increasing order (random)', () => {
    const WORDS = ['refund', 'card', 'wallet', 'seller', 'shop', '提现', '钱', '退款', '取不出来', 'no', 'not', 'the']
    const body = fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 20 }).map((w) => w.join(' '))
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            body,
            fc.constantFrom('en', 'zh-CN', 'zh-TW'),
            fc.array(fc.constantFrom(...WORDS), { maxLength: 3 }),
          ),
          {
            minLength: 1,
            maxLength: 12,
          },
        ),
        body,
        (docs, q) => {
          const ix = createSearchIndex(
            docs.map(([b, locale, tags], i) => art(`d${i}`, b, { locale, tags })),
            { synonyms: walletSynonyms },
          )
          for (const o of [{}, { locale: 'en' }, { locale: 'zh-TW' }]) {
            const hits = ix.search(q, o)
            for (let i = 0; i < hits.length; i++) {
              expect(Number.isFinite(hits[i]!.score) && hits[i]!.score > 0).toBe(true)
              if (i) expect(hits[i]!.score).toBeLessThanOrEqual(hits[i - 1]!.score)
              wellFormed(hits[i]!)
            }
          }
        },
      ),
      { numRuns: 120 },
    )
  })

  it('finds a Simplified article for a Traditional query in zh-TW, with the typed words marked', () => {
    const zh = createSearchIndex([art('w', '提现失败怎么办', { locale: 'zh-CN', title: '提现失败' })], {
      synonyms: walletSynonyms,
    })
    const [hit] = zh.search('提現失敗', { locale: 'zh-TW' })
    expect(hit?.id).toBe('w')
    wellFormed(hit!)
    expect(marked(hit!).join('')).toContain('提现失败')
  })
})
