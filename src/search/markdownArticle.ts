import type { Article } from '../types.js'

/**
 * Parses a help article written as Markdown with a front-matter block:
 *
 * ```
 * ---
 * id: zh-payment-failed
 * title: 付款失败怎么办？
 * tags: [支付失败, 付款]
 * category: payments
 * popularity: 96
 * questions:
 *   - 付不了款
 *   - 扫码付款一直转圈
 * ---
 * Markdown body
 * ```
 *
 * `tags` may also be a YAML block list (`- a` lines); `questions` (similar questions users ask,
 * searched, never shown) is one or the other too. Values may be quoted. Unknown keys are
 * ignored. Throws a SyntaxError that starts with `file:line:` so a build names the bad file.
 */
export function parseArticle(source: string, context: { file: string; locale?: string }): Article {
  const lines = source.replace(/^\uFEFF/, '').split(/\r?\n/)
  const fail = (line: number, problem: string): never => {
    throw new SyntaxError(`${context.file}:${line}: ${problem}`)
  }
  if (lines[0]?.trim() != '---') fail(1, 'expected a front-matter block starting with "---"')
  const end = lines.findIndex((l, i) => i > 0 && l.trim() == '---')
  if (end < 0) fail(1, 'front-matter block is not closed with "---"')
  const meta = new Map<string, string | string[]>()
  let list: string[] | null = null
  for (let i = 1; i < end; i++) {
    const line = lines[i]!
    if (!line.trim() || line.trim().startsWith('#')) continue
    const item = /^\s+-\s+(.*)$/.exec(line)
    if (item) {
      if (!list) fail(i + 1, 'list item outside a list')
      list!.push(unquote(item[1]!))
      continue
    }
    const kv = /^([A-Za-z][\w-]*):\s*(.*)$/.exec(line)
    if (!kv) fail(i + 1, `expected "key: value", got "${line.trim()}"`)
    const [, key, raw] = kv!
    if (meta.has(key!)) fail(i + 1, `duplicate key "${key}"`)
    list = null
    const value = raw!.trim()
    if (value.startsWith('[')) {
      if (!value.endsWith(']')) fail(i + 1, `unclosed list for "${key}"`)
      meta.set(key!, value.slice(1, -1).split(',').map(unquote).filter(Boolean))
    } else if (!value) {
      meta.set(key!, (list = []))
    } else meta.set(key!, unquote(value))
  }
  const text = (key: string, required: boolean): string | undefined => {
    const v = meta.get(key)
    if (Array.isArray(v) && (v.length || required)) fail(1, `"${key}" must be a single value`)
    if (required && !v) fail(1, `missing required "${key}"`)
    return typeof v == 'string' ? v : undefined
  }
  const tags = meta.get('tags') ?? []
  const article: Article = {
    id: text('id', true)!,
    locale:
      text('locale', false) ??
      context.locale ??
      fail(1, 'no locale: put the file under a locale folder or add "locale:"'),
    title: text('title', true)!,
    body: lines
      .slice(end + 1)
      .join('\n')
      .trim(),
    tags: Array.isArray(tags) ? tags : [tags],
  }
  const questions = meta.get('questions')
  if (questions?.length) article.questions = Array.isArray(questions) ? questions : [questions]
  const category = text('category', false)
  if (category) article.category = category
  const updatedAt = text('updatedAt', false)
  if (updatedAt) article.updatedAt = updatedAt
  const popularity = text('popularity', false)
  if (popularity !== undefined) {
    const n = Number(popularity)
    if (!Number.isFinite(n)) fail(1, `"popularity" must be a number, got "${popularity}"`)
    article.popularity = n
  }
  if (!article.body) fail(end + 2, 'article body is empty')
  return article
}

const unquote = (s: string): string => s.trim().replace(/^(["'])(.*)\1$/, '$2')
