/**
 * questions.json as operators write it: saved by Windows Notepad or a spreadsheet export with a
 * UTF-8 byte-order mark, as the Markdown articles beside it often are (those load), and taken
 * from a search log, where users type phone numbers, e-mails and card numbers.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { loadArticles, withQuestionsFile } from '../../../scripts/indexArticles.js'
import { createSearchIndex, serializeIndex } from '../../../src/search/index.js'

describe('questions.json with a byte-order mark', () => {
  let dir = ''
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  it('loads like the Markdown articles with one do', () => {
    dir = mkdtempSync(join(tmpdir(), 'questions-bom-'))
    mkdirSync(join(dir, 'zh-CN'))
    writeFileSync(join(dir, 'zh-CN', 'a.md'), '\uFEFF---\r\nid: a\r\ntitle: 提现\r\n---\r\n正文')
    writeFileSync(join(dir, 'questions.json'), '\uFEFF{"a": ["余额取出来"]}\r\n')
    expect(withQuestionsFile(loadArticles(dir), dir).map((a) => [a.id, a.questions])).toEqual([['a', ['余额取出来']]])
  })
})

describe('questions.json from a search log', () => {
  let dir = ''
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  it('keeps the personal data users typed out of the index every client downloads', () => {
    dir = mkdtempSync(join(tmpdir(), 'questions-log-'))
    mkdirSync(join(dir, 'en'))
    writeFileSync(join(dir, 'en', 'a.md'), '---\nid: a\ntitle: Refunds\n---\nAsk for a refund.')
    const typed = ['refund to 13812345678 please', 'refund bob.smith@example.com', 'refund card 4111 1111 1111 1111']
    writeFileSync(join(dir, 'questions.json'), JSON.stringify({ a: typed }))
    const articles = withQuestionsFile(loadArticles(dir), dir)
    const index = createSearchIndex(articles)
    const shipped = JSON.stringify(serializeIndex(index))
    for (const secret of ['13812345678', 'smith', '4111']) expect(shipped).not.toContain(secret)
    // The words around them still find the article.
    expect(index.search('refund please')[0]?.id).toBe('a')
  })
})
