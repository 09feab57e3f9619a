import { describe, expect, it } from 'vitest'
import {
  createSearchIndex,
  loadIndex,
  serializeIndex,
  snippetParts,
  walletSynonyms,
} from '../../../src/search/index.js'
import type { Article } from '../../../src/types.js'
import { fixtures } from './fixtures.js'

const index = createSearchIndex(fixtures, { synonyms: walletSynonyms })
const bare = createSearchIndex(fixtures)
const ids = (hits: Array<{ id: string }>): string[] => hits.map((h) => h.id)
const marked = (hit: { snippet: string; highlights: Array<[number, number]> }): string[] =>
  hit.highlights.map(([s, e]) => hit.snippet.slice(s, e))

describe('search: synonyms', () => {
  it('finds an article through a synonym it never mentions (汇款 → 转账)', () => {
    expect(ids(index.search('汇款', { locale: 'zh-CN' }))[0]).toBe('transfer-zh')
    expect(ids(bare.search('汇款', { locale: 'zh-CN' }))).not.toContain('transfer-zh')
  })

  it('maps English words inside Chinese queries (bind → 绑卡/绑定银行卡)', () => {
    expect(ids(index.search('bind', { locale: 'zh-CN' }))[0]).toBe('bind')
    expect(bare.search('bind', { locale: 'zh-CN' })).toEqual([])
  })

  it('uses the en table for en queries (reimburse → refund)', () => {
    expect(ids(index.search('reimburse', { locale: 'en' }))[0]).toBe('refund-en')
    expect(bare.search('reimburse', { locale: 'en' })).toEqual([])
  })
})

describe('search: Latin typos and prefixes', () => {
  it('tolerates one edit in words of 4+ characters ("pasword")', () => {
    expect(ids(index.search('pasword', { locale: 'en' }))[0]).toBe('password')
  })

  it('tolerates two edits only in words of 8+ characters', () => {
    expect(ids(index.search('verifcaton', { locale: 'en' }))[0]).toBe('verification')
    expect(index.search('rfnd', { locale: 'en' })).toEqual([])
    expect(index.search('pim', { locale: 'en' })).toEqual([])
  })

  it('matches words by prefix while typing ("passw")', () => {
    expect(ids(index.search('passw', { locale: 'en' }))[0]).toBe('password')
  })

  // "pay" is a word of these articles, and a prefix of "payroll".
  const small = createSearchIndex([
    { id: 'payroll', locale: 'en', title: 'Payroll schedule', tags: ['payroll'], body: 'Salaries arrive monthly.' },
    {
      id: 'declined',
      locale: 'en',
      title: 'Card declined',
      tags: [],
      body: 'You could not pay: the card was rejected.',
    },
  ])

  it('matches a whole word of the articles by prefix only as the last word, the one being typed', () => {
    // "pay" is a word of the articles and not the last: payroll is not what was meant.
    expect(ids(small.search('pay rejected', { locale: 'en' }))).toEqual(['declined'])
    // As the last word it may still be a word being typed.
    expect(ids(small.search('rejected pay', { locale: 'en' }))).toContain('payroll')
    expect(ids(small.search('rejected paying', { locale: 'en' }))).toContain('payroll')
  })

  it('a last word with something after it (a question mark, a space, another word) is typed out', () => {
    for (const q of ['rejected pay?', 'rejected pay ', 'rejected pay x', 'rejected pay 失败', 'pay?'])
      expect(ids(small.search(q, { locale: 'en' })), q).toEqual(['declined'])
  })
})

describe('search: ranking and filtering', () => {
  it('ranks a title match above the same term in the body', () => {
    expect(ids(index.search('冻结', { locale: 'zh-CN' }))).toEqual(['freeze-title', 'freeze-body'])
  })

  it('uses OR semantics: an unknown extra word does not hide matches', () => {
    expect(ids(index.search('冻结 xyzzy', { locale: 'zh-CN' }))[0]).toBe('freeze-title')
  })

  it('keeps to the language of the locale and honours the limit', () => {
    const hits = index.search('转账 transfer', { limit: 1, locale: 'en' })
    expect(ids(hits)).toEqual(['transfer'])
    expect(ids(index.search('转账 transfer'))).toEqual(expect.arrayContaining(['transfer', 'transfer-zh']))
    // zh-TW has no article of its own here: its users get the Simplified ones.
    expect(ids(index.search('转账 transfer', { locale: 'zh-TW' }))).toEqual(['transfer-zh'])
    expect(index.search('转账 transfer', { locale: 'ja' }).length).toBeGreaterThan(0)
  })

  it('returns [] for blank or punctuation-only queries without throwing', () => {
    for (const q of ['', '   ', '\n\t', '？！…']) {
      expect(index.search(q)).toEqual([])
      expect(index.suggest(q)).toEqual([])
    }
    expect(index.search('冻结', { limit: 0 })).toEqual([])
  })
})

describe('search: snippets', () => {
  it('highlights the matched terms and strips Markdown', () => {
    const [hit] = index.search('收不到短信', { locale: 'zh-CN' })
    expect(hit!.id).toBe('sms')
    expect(marked(hit!)).toEqual(['短信'])
    expect(hit!.snippet).not.toMatch(/##|\]\(|https/)
  })

  it('highlights whole Latin words case-insensitively', () => {
    const [hit] = index.search('refund', { locale: 'en' })
    expect(hit!.id).toBe('refund-en')
    expect(marked(hit!)).toEqual(['Refunds', 'Refunds'])
  })

  it('snippetParts() splits a hit into plain and marked text that joins back to the snippet', () => {
    const [hit] = index.search('收不到短信', { locale: 'zh-CN' })
    const parts = snippetParts(hit!)
    expect(parts.map((p) => p.text).join('')).toBe(hit!.snippet)
    expect(parts.filter((p) => p.mark).map((p) => p.text)).toEqual(['短信'])
    expect(snippetParts({ snippet: 'abc', highlights: [] })).toEqual([{ text: 'abc', mark: false }])
  })

  it('cuts a window around a late match and keeps offsets relative to the snippet', () => {
    const long: Article = {
      id: 'long',
      locale: 'zh-CN',
      title: '说明',
      tags: [],
      body: '这是一段很长的说明文字。'.repeat(30) + '最后提到手续费。',
    }
    const hit = createSearchIndex([long]).search('手续费')[0]!
    expect(hit.snippet.startsWith('…')).toBe(true)
    expect(hit.snippet.length).toBeLessThanOrEqual(122)
    expect(marked(hit)).toEqual(['手续费'])
  })
})

describe('search index lifecycle', () => {
  it('remove() drops an article and add() with the same id replaces it', () => {
    const live = createSearchIndex(fixtures, { synonyms: walletSynonyms })
    expect(live.remove('sms')).toBe(true)
    expect(live.remove('sms')).toBe(false)
    expect(ids(live.search('验证码'))).not.toContain('sms')
    expect(live.size).toBe(fixtures.length - 1)
    live.add({ ...fixtures[4]!, title: '账户解冻步骤' })
    expect(live.size).toBe(fixtures.length - 1)
    expect(ids(live.search('解冻'))[0]).toBe('freeze-title')
    // The old title's words are gone with it.
    expect(ids(live.search('冻结'))).not.toContain('freeze-title')
  })

  it('after remove() scores equal those of an index built without the article', () => {
    const live = createSearchIndex(fixtures, { synonyms: walletSynonyms })
    live.remove('charged')
    const fresh = createSearchIndex(
      fixtures.filter((a) => a.id != 'charged'),
      { synonyms: walletSynonyms },
    )
    for (const q of ['到账', '扣款', '退款 储蓄卡', 'refund', '安全中心'])
      expect(live.search(q), q).toEqual(fresh.search(q))
  })

  it('suggest() picks the article for a long free-text description', () => {
    const text = '我昨天在超市买东西，付款后钱已经扣了，但是收银员说订单显示未支付，让我再付一次，我该怎么办？'
    const hits = index.suggest(text, { locale: 'zh-CN' })
    expect(hits.length).toBeLessThanOrEqual(3)
    expect(hits[0]!.id).toBe('charged')
  })

  it('popular() lists articles by popularity per locale', () => {
    expect(ids(index.popular({ locale: 'zh-CN', limit: 3 }))).toEqual(['charged', 'refund-zh', 'sms'])
    expect(index.popular({ locale: 'en' }).every((h) => h.highlights.length == 0 && h.snippet.length > 0)).toBe(true)
  })

  it('loadIndex rejects data that is not an index', () => {
    expect(() => loadIndex('{"foo":1}')).toThrow(TypeError)
    expect(() => loadIndex('not json')).toThrow(SyntaxError)
  })

  it('serializeIndex saves live articles only and rejects what is not an index', () => {
    const live = createSearchIndex(fixtures, { synonyms: walletSynonyms })
    live.remove('sms')
    const saved = serializeIndex(live)
    expect(saved.docs.filter(Boolean)).toHaveLength(fixtures.length - 1)
    const slot = saved.docs.findIndex((d) => d === null)
    expect(Object.values(saved.terms).every((p) => !p.some((x, j) => j % 2 == 0 && x == slot))).toBe(true)
    expect(loadIndex(saved).search('扣款', { locale: 'zh-CN' })).toEqual(live.search('扣款', { locale: 'zh-CN' }))
    expect(() => serializeIndex({ ...live })).toThrow(TypeError)
  })
})
