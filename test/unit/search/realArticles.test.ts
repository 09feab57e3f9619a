import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { loadArticles } from '../../../scripts/indexArticles.js'
import { createSearchIndex, loadIndex, walletSynonyms } from '../../../src/search/index.js'

const root = fileURLToPath(new URL('../../../', import.meta.url))
const queries = JSON.parse(readFileSync(join(root, 'bench/data/queries.json'), 'utf8')) as Array<{ q: string; locale: string }>

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

  it('every relative link points at an article of the same locale whose id ends with the slug', () => {
    const links = articles.flatMap((a) => [...a.body.matchAll(/\]\(\.\/([\w-]+)\.md\)/g)].map((m) => [a.locale, m[1]!] as const))
    expect(links.length).toBeGreaterThan(10)
    expect(links.filter(([locale, slug]) => !existsSync(join(root, 'examples/articles', locale, `${slug}.md`)))).toEqual([])
    // The help flow resolves `./slug.md` to the article whose id ends with `-slug`.
    expect(links.filter(([locale, slug]) => !articles.some((a) => a.locale == locale && a.id.endsWith(`-${slug}`)))).toEqual([])
  })
})

describe('help search on the real articles', () => {
  it.each([
    ['钱扣了但是没到账', 'zh-CN', 'zh-charged-not-received'],
    ['收不到短信', 'zh-CN', 'zh-sms-code-not-received'],
    ['pasword reset', 'en', 'en-reset-pin'],
    ['银行卡 bind failed', 'zh-CN', 'zh-bind-bank-card'],
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

  it('answers a Chinese query typed in the English UI with the Chinese articles', () => {
    expect(index.search('收不到验证码', { locale: 'en' })[0]?.id).toBe('zh-sms-code-not-received')
  })

  it('toJSON → loadIndex gives identical results for every labeled query', () => {
    const loaded = loadIndex(JSON.stringify(index))
    expect(loaded.size).toBe(index.size)
    for (const { q, locale } of queries) {
      expect(loaded.search(q, { locale }), q).toEqual(index.search(q, { locale }))
      expect(loaded.suggest(q, { locale }), q).toEqual(index.suggest(q, { locale }))
    }
  })

  it('a loaded index keeps working after add() and remove()', () => {
    const loaded = loadIndex(index.toJSON())
    loaded.remove('zh-sms-code-not-received')
    expect(loaded.search('收不到短信', { locale: 'zh-CN' }).map((h) => h.id)).not.toContain('zh-sms-code-not-received')
    loaded.add(articles.find((a) => a.id == 'zh-sms-code-not-received')!)
    expect(loaded.search('收不到短信', { locale: 'zh-CN' })[0]?.id).toBe('zh-sms-code-not-received')
    // The original index is untouched by changes to a copy loaded from its data.
    expect(index.search('收不到短信', { locale: 'zh-CN' })[0]?.id).toBe('zh-sms-code-not-received')
  })
})
