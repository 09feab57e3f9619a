/**
 * Similar questions (Article.questions) as an outsider feeds them: wrong shapes from plain
 * JavaScript, articles added, replaced and removed with and without questions, saved and loaded
 * indexes, and question words that must never show in a hit or in the stored articles.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createSearchIndex, loadIndex, serializeIndex, walletSynonyms } from '../../../src/search/index.js'
import type { Article, ArticleHit } from '../../../src/types.js'

const reset: Article = {
  id: 'a',
  locale: 'en',
  title: 'Reset your password',
  body: 'Tap settings, then reset.',
  tags: ['password'],
}
const send: Article = {
  id: 'b',
  locale: 'en',
  title: 'Send money',
  body: 'Tap send and enter an amount.',
  tags: ['send'],
}

describe('an article with questions of the wrong shape (plain JavaScript, a CMS field)', () => {
  it.each([
    ['a string', 'forgot my pin'],
    ['a number', 42],
    ['an object', { 0: 'forgot my pin' }],
  ])('as %s: add throws and the index stays as it was, saved copy included', (_, questions) => {
    const index = createSearchIndex([reset, send], { synonyms: walletSynonyms })
    const before = JSON.stringify(serializeIndex(index))
    const hits = (i: typeof index): ArticleHit[] => i.search('tap reset send', { limit: 10 })
    const expected = hits(index)
    expect(() => index.add({ ...reset, title: 'Changed', questions } as unknown as Article)).toThrow(TypeError)
    expect(index.size).toBe(2)
    expect(hits(index)).toEqual(expected)
    expect(JSON.stringify(serializeIndex(index))).toBe(before)
    const saved = loadIndex(JSON.stringify(serializeIndex(index)))
    expect(saved.size).toBe(2)
    expect(hits(saved)).toEqual(expected)
  })
})

describe('questions through changes and saved copies (random)', () => {
  /** Article words and question words are disjoint: a question word in a hit or a stored article is a leak. */
  const WORDS = ['wallet', 'refund', 'card', 'send', 'limit', '转账', '提现', '没到账', '冻结', '余额']
  const ASKED = ['zorp', 'quibble', 'glimmer', 'flonk', '咕噜', '嘀嗒', '喵呜']
  const phrase = (words: string[], max: number) =>
    fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: max }).map((ws) => ws.join(' '))
  const question = fc.oneof(
    phrase(ASKED, 6),
    fc.constant(''),
    fc.constant('   '),
    // Words the articles have, with question words: the questions add to their counts.
    fc.tuple(phrase(WORDS, 3), phrase(ASKED, 3)).map(([a, b]) => `${a}\r\n${b}`),
  )
  type Op =
    { kind: 'add'; id: string; locale: string; body: string; questions?: string[] } | { kind: 'remove'; id: string }
  const op: fc.Arbitrary<Op> = fc.oneof(
    fc.record(
      {
        kind: fc.constant('add' as const),
        id: fc.constantFrom('a', 'b', 'c', 'd'),
        locale: fc.constantFrom('en', 'zh-CN'),
        body: phrase(WORDS, 12),
        questions: fc.array(question, { maxLength: 8 }),
      },
      { requiredKeys: ['kind', 'id', 'locale', 'body'] },
    ),
    fc.record({ kind: fc.constant('remove' as const), id: fc.constantFrom('a', 'b', 'c', 'd') }),
  )
  const view = (hits: ArticleHit[]) =>
    hits.map((h) => [h.id, h.title, h.snippet, JSON.stringify(h.highlights), h.score.toFixed(9)])

  it('live = fresh = saved, and no question word in a hit, a title or the stored articles', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 25 }), phrase([...WORDS, ...ASKED], 4), (ops, q) => {
        const live = createSearchIndex([], { synonyms: walletSynonyms })
        const current = new Map<string, Article>()
        for (const o of ops) {
          if (o.kind == 'remove') expect(live.remove(o.id)).toBe(current.delete(o.id))
          else {
            const a: Article = {
              id: o.id,
              locale: o.locale,
              title: `Article ${o.id}`,
              body: o.body,
              tags: [],
              ...(o.questions && { questions: o.questions }),
            }
            live.add(a)
            current.delete(o.id)
            current.set(o.id, a)
          }
        }
        expect(live.size).toBe(current.size)
        const fresh = createSearchIndex([...current.values()], { synonyms: walletSynonyms })
        const saved = loadIndex(JSON.parse(JSON.stringify(serializeIndex(live))))
        for (const o of [{}, { locale: 'en' }, { locale: 'zh-CN' }]) {
          const got = live.search(q, { limit: 50, ...o })
          expect(view(saved.search(q, { limit: 50, ...o }))).toEqual(view(got))
          expect(view(fresh.search(q, { limit: 50, ...o }))).toEqual(view(got))
          for (const h of [...got, ...live.suggest(q, { limit: 50, ...o })])
            for (const w of ASKED) expect(h.snippet + h.title).not.toContain(w)
        }
        const stored = JSON.stringify(serializeIndex(live).docs)
        for (const w of ASKED) expect(stored).not.toContain(w)
      }),
      { numRuns: 300 },
    )
  })
})
