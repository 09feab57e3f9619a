import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { loadArticles } from '../../../scripts/indexArticles.js'
import { createSearchIndex, loadIndex, serializeIndex, walletSynonyms } from '../../../src/search/index.js'

const root = fileURLToPath(new URL('../../../', import.meta.url))
const queries = JSON.parse(readFileSync(join(root, 'bench/data/queries.json'), 'utf8')) as Array<{
  q: string
  locale: string
}>

const articles = loadArticles(join(root, 'examples/articles'))
const index = createSearchIndex(articles, { synonyms: walletSynonyms })

describe('example help articles', () => {
  it('cover both locales with enough articles, unique ids and full front matter', () => {
    expect(articles.filter((a) => a.locale == 'zh-CN').length).toBeGreaterThanOrEqual(24)
    expect(articles.filter((a) => a.locale == 'en').length).toBeGreaterThanOrEqual(16)
    expect(new Set(articles.map((a) => a.id)).size).toBe(articles.length)
    for (const a of articles) {
      expect(a.tags.length, a.id).toBeGreaterThan(0)
      expect(a.category, a.id).toBeTruthy()
      expect(a.popularity, a.id).toBeGreaterThan(0)
      expect(a.body, a.id).toMatch(/^#{2,3} /m)
      expect(a.body, a.id).toMatch(/^\s*(?:[-*]|\d+\.) /m)
    }
  })

  it('every relative link points at an article of the same language whose id ends with the slug', () => {
    const lang = (l: string) => l.split('-')[0]
    const links = articles.flatMap((a) =>
      [...a.body.matchAll(/\]\(\.\/([\w-]+)\.md\)/g)].map((m) => [a.locale, m[1]!] as const),
    )
    expect(links.length).toBeGreaterThan(10)
    // zh-TW carries the most read topics only: its links may lead to a Simplified article.
    const dirs = (locale: string) => (locale == 'zh-TW' ? ['zh-TW', 'zh-CN'] : [locale])
    expect(
      links.filter(
        ([locale, slug]) => !dirs(locale).some((d) => existsSync(join(root, 'examples/articles', d, `${slug}.md`))),
      ),
    ).toEqual([])
    // The help flow resolves `./slug.md` to the article whose id ends with `-slug`, its own locale first.
    expect(
      links.filter(
        ([locale, slug]) => !articles.some((a) => lang(a.locale) == lang(locale) && a.id.endsWith(`-${slug}`)),
      ),
    ).toEqual([])
  })

  it('has Traditional copies of the ten most read Chinese articles, translations of a Simplified one', () => {
    const tw = articles.filter((a) => a.locale == 'zh-TW')
    const top = articles
      .filter((a) => a.locale == 'zh-CN')
      .sort((a, b) => b.popularity! - a.popularity!)
      .slice(0, 10)
    expect(tw.map((a) => a.id.replace('zh-TW-', '')).sort()).toEqual(top.map((a) => a.id.replace('zh-', '')).sort())
    for (const a of tw) expect(a.title + a.body, a.id).not.toMatch(/[这们说时发门们对]/)
  })
})

describe('help search on the real articles', () => {
  it.each([
    ['钱扣了但是没到账', 'zh-CN', 'zh-charged-not-received'],
    ['收不到短信', 'zh-CN', 'zh-sms-code-not-received'],
    ['pasword reset', 'en', 'en-reset-pin'],
    ['银行卡 bind failed', 'zh-CN', 'zh-bind-bank-card'],
    // English groups that mirror the zh-CN ones (陌生人, 六位数字, 刷脸, 手机号, 非本人操作).
    ['paid a stranger accidentally', 'en', 'en-wrong-recipient'],
    ['I no longer remember my 6-digit code', 'en', 'en-reset-pin'],
    ['scan my passport and face', 'en', 'en-verify-identity'],
    ['new sim card, new mobile', 'en', 'en-change-phone-number'],
    ['unknown payment made without my permission', 'en', 'en-unauthorized-transaction'],
    // Taiwan wording in the zh-CN groups: 領錢 (withdraw), as 提領 already was.
    ['領錢到銀行很慢', 'zh-TW', 'zh-TW-withdraw-failed'],
  ])('「%s」 (%s) ranks %s first', (q, locale, id) => {
    expect(index.search(q, { locale })[0]?.id).toBe(id)
  })

  it('puts the charged-but-not-received article above top-up for 「钱扣了没到账」, in Simplified and Traditional', () => {
    for (const q of ['钱扣了没到账', '錢扣了沒到賬']) {
      const got = index.search(q, { locale: 'zh-CN' }).map((h) => h.id)
      expect(got[0], q).toBe('zh-charged-not-received')
      expect(got.indexOf('zh-topup-failed'), q).toBeGreaterThan(0)
    }
  })

  it('shows a zh-TW user the Traditional copy of a translated article, once, and Simplified ones for the rest', () => {
    const got = index.search('轉帳處理中 對方沒收到', { locale: 'zh-TW' }).map((h) => h.id)
    expect(got[0]).toBe('zh-TW-transfer-delayed')
    expect(got).not.toContain('zh-transfer-delayed')
    const keys = got.map((id) => id.replace(/^zh-(TW-)?/, ''))
    expect(new Set(keys).size).toBe(keys.length)
    // No Traditional copy of the wrong-recipient article: its Simplified one answers.
    expect(index.search('轉錯帳了', { locale: 'zh-TW' }).map((h) => h.id)).toContain('zh-wrong-recipient')
    // A Simplified user gets the Simplified copy of the same article.
    expect(index.search('转账处理中 对方没收到', { locale: 'zh-CN' })[0]?.id).toBe('zh-transfer-delayed')
  })

  it('counts a translated article once in term statistics: Traditional copies leave zh-CN rankings as they were', () => {
    const without = createSearchIndex(
      articles.filter((a) => a.locale != 'zh-TW'),
      { synonyms: walletSynonyms },
    )
    for (const { q } of queries.filter((x) => x.locale == 'zh-CN')) {
      const a = index.search(q, { locale: 'zh-CN' })
      const b = without.search(q, { locale: 'zh-CN' })
      // Average field lengths still include the copies: the first answer is what must hold.
      expect(a[0]?.id, q).toBe(b[0]?.id)
      expect(a.length, q).toBe(b.length)
    }
  })

  it('answers a Chinese query typed in the English UI with the Chinese articles', () => {
    expect(index.search('收不到验证码', { locale: 'en' })[0]?.id).toBe('zh-sms-code-not-received')
  })

  it('serializeIndex → loadIndex gives identical results for every labeled query', () => {
    const loaded = loadIndex(JSON.stringify(serializeIndex(index)))
    expect(loaded.size).toBe(index.size)
    for (const { q, locale } of queries) {
      expect(loaded.search(q, { locale }), q).toEqual(index.search(q, { locale }))
      expect(loaded.suggest(q, { locale }), q).toEqual(index.suggest(q, { locale }))
    }
  })

  it('a loaded index keeps working after add() and remove()', () => {
    const loaded = loadIndex(serializeIndex(index))
    loaded.remove('zh-sms-code-not-received')
    expect(loaded.search('收不到短信', { locale: 'zh-CN' }).map((h) => h.id)).not.toContain('zh-sms-code-not-received')
    loaded.add(articles.find((a) => a.id == 'zh-sms-code-not-received')!)
    expect(loaded.search('收不到短信', { locale: 'zh-CN' })[0]?.id).toBe('zh-sms-code-not-received')
    // The original index is untouched by changes to a copy loaded from its data.
    expect(index.search('收不到短信', { locale: 'zh-CN' })[0]?.id).toBe('zh-sms-code-not-received')
  })
})
