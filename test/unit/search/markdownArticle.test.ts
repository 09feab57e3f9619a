import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { loadArticles } from '../../../scripts/indexArticles.js'
import { parseArticle } from '../../../src/search/markdownArticle.js'

const file = 'zh-CN/demo.md'

describe('parseArticle (front matter + Markdown)', () => {
  it('reads flow lists, block lists, quoted values and numbers', () => {
    const a = parseArticle(
      [
        '---',
        'id: demo',
        'title: "付款失败: 怎么办"',
        'tags:',
        '  - 支付',
        "  - 'top up'",
        'category: payments',
        'popularity: 12',
        '---',
        '',
        '## 标题',
        '正文',
      ].join('\r\n'),
      { file, locale: 'zh-CN' },
    )
    expect(a).toEqual({
      id: 'demo',
      locale: 'zh-CN',
      title: '付款失败: 怎么办',
      tags: ['支付', 'top up'],
      category: 'payments',
      popularity: 12,
      body: '## 标题\n正文',
    })
    expect(parseArticle('---\nid: x\ntitle: T\ntags: [a, "b c"]\nlocale: en\n---\nbody', { file }).tags).toEqual([
      'a',
      'b c',
    ])
  })

  it.each([
    ['no front matter', '# Title\nbody', /demo\.md:1: expected a front-matter block/],
    ['unclosed block', '---\nid: x\ntitle: T\nbody', /demo\.md:1: .*not closed/],
    ['missing id', '---\ntitle: T\n---\nbody', /demo\.md:1: missing required "id"/],
    ['bad line', '---\nid: x\ntitle T\n---\nbody', /demo\.md:3: expected "key: value"/],
    ['duplicate key', '---\nid: x\nid: y\ntitle: T\n---\nbody', /demo\.md:3: duplicate key "id"/],
    ['bad popularity', '---\nid: x\ntitle: T\npopularity: lots\n---\nbody', /"popularity" must be a number/],
    ['unclosed list', '---\nid: x\ntitle: T\ntags: [a, b\n---\nbody', /demo\.md:4: unclosed list/],
    ['empty body', '---\nid: x\ntitle: T\n---\n\n', /demo\.md:5: article body is empty/],
  ])('rejects %s with an error naming the file and line', (_, source, message) => {
    expect(() => parseArticle(source, { file, locale: 'zh-CN' })).toThrow(message)
  })

  it('requires a locale from the folder or the front matter', () => {
    expect(() => parseArticle('---\nid: x\ntitle: T\n---\nbody', { file: 'demo.md' })).toThrow(/demo\.md:1: no locale/)
  })
})

describe('loadArticles (index:articles script)', () => {
  let dir = ''
  afterEach(() => rmSync(dir, { recursive: true, force: true }))
  const write = (rel: string, text: string): void => {
    mkdirSync(join(dir, rel, '..'), { recursive: true })
    writeFileSync(join(dir, rel), text)
  }

  it('takes the locale from the nearest locale folder, recursively', () => {
    dir = mkdtempSync(join(tmpdir(), 'articles-'))
    write('zh-CN/cards/bind.md', '---\nid: a\ntitle: 绑卡\n---\n正文')
    write('en/b.md', '---\nid: b\ntitle: B\n---\nbody')
    write('en/notes.txt', 'ignored')
    expect(loadArticles(dir).map((a) => [a.id, a.locale])).toEqual([
      ['b', 'en'],
      ['a', 'zh-CN'],
    ])
  })

  it('names the offending file on bad input and on duplicate ids', () => {
    dir = mkdtempSync(join(tmpdir(), 'articles-'))
    write('en/good.md', '---\nid: same\ntitle: A\n---\nbody')
    write('en/twin.md', '---\nid: same\ntitle: B\n---\nbody')
    expect(() => loadArticles(dir)).toThrow(/twin\.md: duplicate article id "same" \(also in .*good\.md\)/)
    write('en/twin.md', '---\ntitle: B\n---\nbody')
    expect(() => loadArticles(dir)).toThrow(/twin\.md:1: missing required "id"/)
  })
})
