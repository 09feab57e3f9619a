/**
 * Synonym variants that fold or stem to the same terms ("freeze" / "frozen", 帐号 / 账号) are
 * compiled once: a group that names both walks each posting list once, and ranks as before.
 */
import { describe, expect, it } from 'vitest'
import { compileSynonyms } from '../../../src/search/query.js'
import { createSearchIndex } from '../../../src/search/index.js'

describe('synonym variants alike after folding and stemming', () => {
  it('are compiled once, in the order first written', () => {
    const [group] = compileSynonyms([['freeze', 'frozen', '帐号', '账号', 'locked', 'lock', 'card']])
    expect(group!.map(([key]) => key)).toEqual([' freez ', '账号', ' lock ', ' card '])
  })

  it('rank the same as the group written without the repeats', () => {
    const articles = [
      {
        id: 'freeze',
        title: 'Frozen account',
        body: 'Why an account is frozen and how to unfreeze it.',
        locale: 'en',
        tags: [],
      },
      {
        id: 'lock',
        title: 'Account locked',
        body: 'Too many wrong passwords lock the account for an hour.',
        locale: 'en',
        tags: [],
      },
      { id: 'zh', title: '账号被冻结', body: '账号冻结后如何解冻。', locale: 'zh-CN', tags: [] },
      { id: 'other', title: 'Cards', body: 'Add a card to your wallet.', locale: 'en', tags: [] },
    ]
    const search = (groups: string[][], q: string, locale: string) =>
      createSearchIndex(articles, { synonyms: { en: groups, 'zh-CN': groups } })
        .search(q, { locale })
        .map((h) => [h.id, h.score, h.snippet, h.highlights])
    for (const [q, locale] of [
      ['my account is freezing', 'en'],
      ['locked out', 'en'],
      ['帐号冻住了', 'zh-CN'],
    ] as const)
      expect(search([['frozen', 'freeze', 'locked', 'lock', '帐号', '账号', '冻住']], q, locale)).toEqual(
        search([['frozen', 'locked', '帐号', '冻住']], q, locale),
      )
  })
})
