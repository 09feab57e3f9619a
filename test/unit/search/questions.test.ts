import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { loadArticles, withQuestionsFile } from '../../../scripts/indexArticles.js'
import { createSupportClient } from '../../../src/client.js'
import { createHelpController } from '../../../src/help/help.js'
import {
  createSearchIndex,
  loadIndex,
  parseArticle,
  serializeIndex,
  walletSynonyms,
  type SerializedIndex,
} from '../../../src/search/index.js'
import type { Article } from '../../../src/types.js'
import { articlesTransport } from '../../support/transport.js'

/**
 * Similar questions (相似问法): the ways users asked for an article, e.g. from a search log. The
 * index searches them with the body; they are never shown.
 */
const articles = (withQuestions: boolean): Article[] => [
  {
    id: 'zh-withdraw',
    locale: 'zh-CN',
    title: '如何提现到银行卡',
    tags: ['提现'],
    body: '在钱包首页点击提现，选择银行卡并输入金额。',
    ...(withQuestions && { questions: ['余额怎么弄到卡里', '零钱转出来'] }),
  },
  {
    id: 'zh-topup',
    locale: 'zh-CN',
    title: '如何充值',
    tags: ['充值'],
    body: '从银行卡向余额充值，卡里的钱会转到钱包。充值通常实时到账。',
  },
  {
    id: 'en-withdraw',
    locale: 'en',
    title: 'Withdraw to your bank account',
    tags: ['withdraw'],
    body: 'Open the wallet, tap Withdraw and pick a bank account.',
    ...(withQuestions && { questions: ['send my dollars to checking'] }),
  },
  {
    id: 'en-cash',
    locale: 'en',
    title: 'Cash rewards',
    tags: ['rewards'],
    body: 'Earn cash back in dollars on purchases.',
  },
]

const ids = (index: ReturnType<typeof createSearchIndex>, q: string, locale: string): string[] =>
  index.search(q, { locale }).map((h) => h.id)

describe('similar questions', () => {
  it("rank an article first for the users' own words that its text does not have", () => {
    const plain = createSearchIndex(articles(false), { synonyms: walletSynonyms })
    const asked = createSearchIndex(articles(true), { synonyms: walletSynonyms })
    // Without the questions the top-up article (卡里, 余额 in its body) comes first.
    expect(ids(plain, '余额怎么弄到卡里', 'zh-CN')[0]).toBe('zh-topup')
    expect(ids(asked, '余额怎么弄到卡里', 'zh-CN')[0]).toBe('zh-withdraw')
    expect(ids(plain, 'dollars to checking', 'en')[0]).toBe('en-cash')
    expect(ids(asked, 'dollars to checking', 'en')[0]).toBe('en-withdraw')
  })

  it('are searched, never shown: snippets and stored text hold the article only', () => {
    const asked = createSearchIndex(articles(true), { synonyms: walletSynonyms })
    const hit = asked.search('零钱转出来', { locale: 'zh-CN' })[0]!
    expect(hit.id).toBe('zh-withdraw')
    expect(hit.snippet).not.toMatch(/零钱|转出来/)
    expect(JSON.stringify(serializeIndex(asked))).not.toContain('零钱转出来')
  })

  it('survive serializeIndex/loadIndex: a prebuilt index ranks as the one it was built from', () => {
    const asked = createSearchIndex(articles(true), { synonyms: walletSynonyms })
    const loaded = loadIndex(JSON.parse(JSON.stringify(serializeIndex(asked))))
    for (const [q, locale] of [
      ['余额怎么弄到卡里', 'zh-CN'],
      ['零钱转出来', 'zh-CN'],
      ['dollars to checking', 'en'],
    ] as const)
      expect(ids(loaded, q, locale)).toEqual(ids(asked, q, locale))
    expect(ids(loaded, '余额怎么弄到卡里', 'zh-CN')[0]).toBe('zh-withdraw')
  })

  it('leave a version 1 index (three fields, saved before questions existed) loading and ranking as it did', () => {
    const plain = createSearchIndex(articles(false), { synonyms: walletSynonyms })
    const now = serializeIndex(plain)
    expect(now.version).toBe(2)
    // Version 1 packed title bits 0-5, tags 6-11, body from bit 12, and had three lengths and weights.
    const v1 = {
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
    } as unknown as SerializedIndex
    const old = loadIndex(JSON.stringify(v1))
    for (const [q, locale] of [
      ['余额怎么弄到卡里', 'zh-CN'],
      ['如何充值', 'zh-CN'],
      ['dollars to checking', 'en'],
      ['withdraw bank', 'en'],
    ] as const)
      expect(old.search(q, { locale })).toEqual(plain.search(q, { locale }))
    expect(serializeIndex(old)).toEqual(now)
    expect(() => loadIndex({ ...now, version: 3 } as unknown as SerializedIndex)).toThrow(/version 1 or 2/)
  })

  it('go with the article: replacing it without questions drops them', () => {
    const index = createSearchIndex(articles(true), { synonyms: walletSynonyms })
    expect(ids(index, '零钱转出来', 'zh-CN')[0]).toBe('zh-withdraw')
    index.add(articles(false)[0]!)
    expect(ids(index, '余额怎么弄到卡里', 'zh-CN')[0]).toBe('zh-topup')
  })

  it('come from the front matter, as a block or a flow list', () => {
    const block = parseArticle('---\nid: x\ntitle: T\nquestions:\n  - 钱转不出去\n  - "cash out?"\n---\nbody', {
      file: 'x.md',
      locale: 'zh-CN',
    })
    expect(block.questions).toEqual(['钱转不出去', 'cash out?'])
    expect(
      parseArticle('---\nid: x\ntitle: T\nquestions: [a, b]\n---\nbody', { file: 'x.md', locale: 'en' }).questions,
    ).toEqual(['a', 'b'])
    expect(parseArticle('---\nid: x\ntitle: T\n---\nbody', { file: 'x.md', locale: 'en' })).not.toHaveProperty(
      'questions',
    )
  })

  it('given to the client with the articles are indexed on the device; a list with a non-string is dropped', async () => {
    const top = async (questions: unknown): Promise<string | undefined> => {
      const list = [{ ...articles(false)[0]!, questions }, articles(false)[1]!] as Article[]
      const client = createSupportClient({
        transport: articlesTransport(),
        locale: 'zh-CN',
        articles: { articles: list },
      })
      try {
        return (await createHelpController(client).search('余额怎么弄到卡里'))[0]?.id
      } finally {
        client.destroy()
      }
    }
    expect(await top(['余额怎么弄到卡里'])).toBe('zh-withdraw')
    expect(await top(['余额怎么弄到卡里', 3])).toBe('zh-topup')
    expect(await top('余额怎么弄到卡里')).toBe('zh-topup')
  })
})

describe('withQuestionsFile (index:articles script)', () => {
  let dir = ''
  afterEach(() => rmSync(dir, { recursive: true, force: true }))
  const setup = (questions?: string): Article[] => {
    dir = mkdtempSync(join(tmpdir(), 'questions-'))
    mkdirSync(join(dir, 'zh-CN'))
    writeFileSync(join(dir, 'zh-CN', 'a.md'), '---\nid: a\ntitle: 提现\nquestions: [钱转不出去]\n---\n正文')
    writeFileSync(join(dir, 'zh-CN', 'b.md'), '---\nid: b\ntitle: 充值\n---\n正文')
    if (questions !== undefined) writeFileSync(join(dir, 'questions.json'), questions)
    return loadArticles(dir)
  }

  it("adds the file's questions to the front matter's, per id", () => {
    const list = setup(JSON.stringify({ a: ['余额取出来'], b: ['钱放进来'] }))
    expect(withQuestionsFile(list, dir).map((a) => [a.id, a.questions])).toEqual([
      ['a', ['钱转不出去', '余额取出来']],
      ['b', ['钱放进来']],
    ])
  })

  it('leaves the articles as they are without a file', () => {
    const list = setup()
    expect(withQuestionsFile(list, dir)).toBe(list)
  })

  it.each([
    ['malformed JSON', '{"a": [', /questions\.json: .*JSON/],
    ['a list at the top', '["a"]', /questions\.json: expected \{ "article-id"/],
    ['an unknown id', '{"zz": ["x"]}', /questions\.json: no article has the id "zz"/],
    ['a value that is not a list of strings', '{"a": "x"}', /questions\.json: "a" must be a list of strings/],
    ['a number among the questions', '{"a": ["x", 3]}', /questions\.json: "a" must be a list of strings/],
  ])('rejects %s naming the file', (_, text, message) => {
    const list = setup(text)
    expect(() => withQuestionsFile(list, dir)).toThrow(message)
  })
})

describe('similar questions hold typos', () => {
  it('a word only questions hold is looked up as a typo too, so the article about its correction ranks first', () => {
    const list: Article[] = [
      {
        id: 'en-close',
        locale: 'en',
        title: 'Close your account',
        tags: ['close account'],
        body: 'You can close the account once the balance is zero.',
      },
      {
        id: 'en-statement',
        locale: 'en',
        title: 'Monthly statement',
        tags: ['statement'],
        body: 'Download a monthly statement.',
        // Earlier users misspelled "account"; nothing in the articles' own text does.
        questions: ['my acount statement', 'acount history download', 'where is my acount'],
      },
    ]
    const index = createSearchIndex(list, { synonyms: walletSynonyms })
    // Before: "acount" was a known word (the questions hold it), so it was never corrected and
    // found only the statement article.
    expect(ids(index, 'delete my acount', 'en')).toEqual(['en-close', 'en-statement'])
    // A question's own words still find its article first.
    expect(ids(index, 'acount history', 'en')[0]).toBe('en-statement')
  })

  it("corrects a typo to the articles' word, not to another typo the questions hold, so its synonyms apply", () => {
    const list: Article[] = [
      {
        id: 'en-reimburse',
        locale: 'en',
        title: 'Getting your money back',
        tags: ['money back'],
        body: 'When a shop cancels an order, the money back reaches your wallet in 3 days.',
      },
      {
        id: 'en-other',
        locale: 'en',
        title: 'Refund fees',
        tags: ['fees'],
        body: 'A refund costs nothing.',
        // "refnud" is one edit from "refnd" as "refund" is, and sorts before it.
        questions: ['refnud fee'],
      },
    ]
    const index = createSearchIndex(list, { synonyms: walletSynonyms })
    // "refnd" → refund, whose synonym group (money back, reimburse) finds the article that says
    // "money back". Before, the correction that triggered synonyms was the first one met in
    // alphabetical order, the questions' typo "refnud", and the synonym article was not found.
    expect(ids(index, 'refnd', 'en')).toContain('en-reimburse')
    // A correctly spelled query finds the same articles.
    expect(new Set(ids(index, 'refnd', 'en'))).toEqual(new Set(ids(index, 'refund', 'en')))
  })
})
