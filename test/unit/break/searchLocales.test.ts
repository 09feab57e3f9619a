import 'fake-indexeddb/auto'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createSupportClient, type Article, type Locale, type SupportClient } from '../../../src/index.js'
import { loadArticles } from '../../../scripts/indexArticles.js'
import { articlesTransport } from '../../support/transport.js'

// README, What the panel does → Help search: "Traditional→Simplified folding (zh-TW queries find
// zh-CN articles) … colloquial "cannot" phrasing (提不出来, 付不了款, 到不了账). Searches follow the
// user's locale: a Chinese query in the English UI finds the Chinese articles, a zh-TW user sees
// the Traditional copy of an article when there is one, else the Simplified one, and a translated
// article shows once." Over the example articles (zh-CN, a zh-TW subset, en).
let articles: Article[]
beforeAll(() => {
  articles = loadArticles('examples/articles')
})
const clients: SupportClient[] = []
afterEach(() => clients.splice(0).forEach((c) => c.destroy()))
async function search(locale: Locale, query: string): Promise<string[]> {
  const client = createSupportClient({ transport: articlesTransport(), locale, articles: { articles } })
  clients.push(client)
  return (await client.help.search(query)).map((h) => h.id)
}

describe('help search across Chinese scripts and UI languages', () => {
  it('a zh-TW query finds a zh-CN-only article (登入 for 登录)', async () => {
    expect((await search('zh-TW', '忘記登入密碼'))[0]).toBe('zh-login-password')
  })

  it('a zh-TW user sees the Traditional copy, once, for a Simplified or Traditional query', async () => {
    for (const q of ['付款失敗', '付款失败']) {
      const ids = await search('zh-TW', q)
      expect(ids[0]).toBe('zh-TW-payment-failed')
      expect(ids).not.toContain('zh-payment-failed')
    }
  })

  it('a Chinese query in the English UI finds the Chinese article', async () => {
    expect((await search('en', '钱扣了没到账'))[0]).toBe('zh-charged-not-received')
    expect((await search('en', '忘记登录密码'))[0]).toBe('zh-login-password')
  })

  it('colloquial "cannot" phrasing finds the article', async () => {
    expect((await search('zh-CN', '提不出来'))[0]).toBe('zh-withdraw-failed')
    expect((await search('zh-CN', '付不了款'))[0]).toBe('zh-payment-failed')
    expect((await search('zh-TW', '提不出來'))[0]).toBe('zh-TW-withdraw-failed')
  })
})
