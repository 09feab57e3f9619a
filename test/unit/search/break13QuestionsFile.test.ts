/**
 * questions.json as operators write it: saved by Windows Notepad or a spreadsheet export with a
 * UTF-8 byte-order mark, as the Markdown articles beside it often are (those load).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { loadArticles, withQuestionsFile } from '../../../scripts/indexArticles.js'

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
