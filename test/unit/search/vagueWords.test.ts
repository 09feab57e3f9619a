import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { loadArticles, withQuestionsFile } from '../../../scripts/indexArticles.js'
import { createSearchIndex, walletSynonyms } from '../../../src/search/index.js'

/**
 * Words that say how long or how badly, not what: 好久 (a long time) and "stuck" were variants of
 * the delay group, so any question holding them found the transfer-delay article first.
 */
describe('search: vague words do not decide the topic (demo articles with their similar questions)', () => {
  const dir = join(fileURLToPath(new URL('../../../', import.meta.url)), 'examples/articles')
  const index = createSearchIndex(withQuestionsFile(loadArticles(dir), dir), { synonyms: walletSynonyms })
  const top = (q: string, locale: string) => index.search(q, { locale, limit: 1 })[0]?.id

  it.each([
    ['等了好久都没收到那组数字', 'zh-CN', 'zh-sms-code-not-received'],
    ['verification stuck', 'en', 'en-verify-identity'],
    // What the delay group is for still finds it.
    ['转账好久还没到账', 'zh-CN', 'zh-transfer-delayed'],
    ['transfer stuck', 'en', 'en-transfer-delayed'],
    ['money stuck', 'en', 'en-transfer-delayed'],
  ])('「%s」 (%s) ranks %s first', (q, locale, id) => {
    expect(top(q, locale)).toBe(id)
  })
})
