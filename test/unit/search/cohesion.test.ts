import { describe, expect, it } from 'vitest'
import { createSearchIndex } from '../../../src/search/index.js'
import type { Article } from '../../../src/types.js'

/**
 * A rare real word whose characters nearly every article holds in other words (退 of 退出, 货 of
 * 发货) still counts: among many articles of long text each common character is everywhere, and
 * weighing such a bigram by its share of its characters' articles took it out of its query.
 */
describe('search: a rare word of common characters', () => {
  const filler: Article[] = Array.from({ length: 200 }, (_, i) => ({
    id: `f${i}`,
    locale: 'zh-CN',
    title: `货币兑换第${i}号`,
    tags: [],
    body: '发货以后可以退出页面，到货时间看物流。后退一步再看看。',
  }))
  const index = createSearchIndex([
    { id: 'return', locale: 'zh-CN', title: '退货说明', tags: [], body: '退货要先联系商家。' },
    { id: 'wait', locale: 'zh-CN', title: '到账时间', tags: [], body: '钱没到账请等待一天。' },
    ...filler,
  ])

  it('ranks the article holding the rare word above one holding a common word of the query', () => {
    for (const q of ['退货没到', '退货还没到'])
      expect(index.search(q, { locale: 'zh-CN', limit: 2 }).map((h) => h.id)).toEqual(['return', 'wait'])
  })
})
