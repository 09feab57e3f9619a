import { parseInline } from './inline.js'
import type { MdAlign, MdBlock } from './types.js'

/** Lists and quotes nested deeper than this are kept as paragraph text. */
const MAX_DEPTH = 8

const FENCE = /^ {0,3}(`{3,}|~{3,})[^`]*$/
const HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/
const RULE = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/
const QUOTE = /^ {0,3}> ?(.*)$/
const ITEM = /^( {0,3})([-*+]|(\d{1,9})([.)]))(?:( {1,4})(.*))?$/
const SETEXT = /^ {0,3}(=+|-+)[ \t]*$/
const TABLE_DELIM = /^ {0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/
// Content of these elements is never text a reader should see; the tags alone go in inline parsing.
const DROP =
  /<(script|style|iframe|object|embed|template|textarea|noscript|xmp|svg|math|title)\b[^]*?<\/\1\s*>|<!--[^]*?-->/gi

const blank = (l: string) => l.trim() === ''
const indentOf = (l: string) => l.length - l.trimStart().length

/** True when the line starts a block that ends a paragraph. */
function interrupts(l: string): boolean {
  return FENCE.test(l) || HEADING.test(l) || RULE.test(l) || QUOTE.test(l) || ITEM.test(l)
}

/**
 * Parses Markdown (CommonMark core plus GFM tables and bare URLs) into a tree of text and
 * vetted links. Raw HTML never passes: tags are dropped, script/style content with them, and
 * links that are not http(s), mailto, tel or a relative `.md` article become plain text.
 *
 * @example
 * parseMarkdown('## Refunds\n\nSee [fees](./fees.md).')
 * // [{ type: 'heading', level: 2, ... }, { type: 'paragraph', children: [..., { type: 'link', link: { kind: 'article', slug: 'fees' } ...}] }]
 */
export function parseMarkdown(source: string): MdBlock[] {
  const normalized = String(source ?? '')
    .replace(/\r\n?/g, '\n')
    // eslint-disable-next-line no-control-regex -- NUL is replaced on purpose (CommonMark 2.3)
    .replace(/\u0000/g, '\ufffd')
    .replace(/\t/g, '    ')
  return parseBlocks(stripHtmlBlocks(normalized).split('\n'), 0)
}

/** Removes script-like elements and comments everywhere except inside fenced code. */
function stripHtmlBlocks(src: string): string {
  const out: string[] = []
  let prose: string[] = []
  let fence: string | null = null
  for (const line of src.split('\n')) {
    const f = FENCE.exec(line)?.[1]
    if (fence === null && f) {
      out.push(prose.join('\n').replace(DROP, ''), line)
      prose = []
      fence = f
    } else if (fence !== null) {
      out.push(line)
      if (f && f[0] === fence[0] && f.length >= fence.length && line.trim() === f) fence = null
    } else prose.push(line)
  }
  out.push(prose.join('\n').replace(DROP, ''))
  return out.join('\n')
}

function parseBlocks(lines: string[], depth: number): MdBlock[] {
  const blocks: MdBlock[] = []
  let i = 0
  while (i < lines.length) {
    const line = lines[i]!
    if (blank(line)) {
      i++
      continue
    }
    const deep = depth >= MAX_DEPTH
    const fence = FENCE.exec(line)
    if (fence) {
      const mark = fence[1]!
      const indent = indentOf(line)
      const body: string[] = []
      for (i++; i < lines.length; i++) {
        const l = lines[i]!
        const close = /^ {0,3}(`{3,}|~{3,})[ \t]*$/.exec(l)?.[1]
        if (close && close[0] === mark[0] && close.length >= mark.length) {
          i++
          break
        }
        body.push(l.slice(Math.min(indent, indentOf(l))))
      }
      blocks.push({ type: 'code', value: body.join('\n') })
      continue
    }
    const heading = HEADING.exec(line)
    if (heading) {
      blocks.push({ type: 'heading', level: heading[1]!.length as 1, children: parseInline(heading[2] ?? '') })
      i++
      continue
    }
    if (RULE.test(line)) {
      blocks.push({ type: 'rule' })
      i++
      continue
    }
    if (!deep && QUOTE.test(line)) {
      const inner: string[] = []
      for (; i < lines.length && !blank(lines[i]!); i++) {
        const q = QUOTE.exec(lines[i]!)
        if (!q && interrupts(lines[i]!)) break
        inner.push(q ? q[1]! : lines[i]!)
      }
      blocks.push({ type: 'quote', children: parseBlocks(inner, depth + 1) })
      continue
    }
    if (!deep && ITEM.test(line)) {
      i = parseList(lines, i, depth, blocks)
      continue
    }
    if (line.includes('|') && TABLE_DELIM.test(lines[i + 1] ?? '') && lines[i + 1]!.includes('-')) {
      i = parseTable(lines, i, blocks)
      continue
    }
    const para: string[] = []
    let level: 1 | 2 | 0 = 0
    for (; i < lines.length && !blank(lines[i]!); i++) {
      const l = lines[i]!
      const setext = para.length ? SETEXT.exec(l) : null
      if (setext) {
        level = setext[1]![0] === '=' ? 1 : 2
        i++
        break
      }
      if (para.length && interrupts(l)) break
      para.push(l.trimStart())
    }
    const children = parseInline(para.join('\n').replace(/[ \t]+$/, ''))
    // A paragraph that held only dropped HTML leaves nothing to show.
    if (children.some((c) => c.type !== 'text' || c.value.trim()))
      blocks.push(level ? { type: 'heading', level, children } : { type: 'paragraph', children })
  }
  return blocks
}

/** Parses consecutive items of one list (same bullet or same ordered delimiter) from `i`. */
function parseList(lines: string[], i: number, depth: number, blocks: MdBlock[]): number {
  const first = ITEM.exec(lines[i]!)!
  const ordered = first[3] !== undefined
  const kind = ordered ? first[4] : first[2]
  const items: MdBlock[][] = []
  let tight = true
  let gap = false
  while (i < lines.length) {
    const line = lines[i]!
    const m = ITEM.exec(line)
    if (!m || RULE.test(line) || (m[3] !== undefined) !== ordered || (ordered ? m[4] : m[2]) !== kind) break
    if (gap) tight = false
    const content = m[1]!.length + m[2]!.length + (m[6] ? m[5]!.length : 1)
    const body = [m[6] ?? '']
    let sawBlank = false
    for (i++; i < lines.length; i++) {
      const l = lines[i]!
      if (blank(l)) {
        body.push('')
        sawBlank = true
        continue
      }
      if (indentOf(l) >= content) {
        body.push(l.slice(content))
        continue
      }
      if (sawBlank || interrupts(l)) break
      body.push(l.trimStart())
    }
    const size = body.length
    while (body.length > 1 && body[body.length - 1] === '') body.pop()
    // A blank line between items, or inside one, makes the list loose (paragraphs get <p>).
    gap = body.length < size
    if (body.includes('')) tight = false
    items.push(parseBlocks(body, depth + 1))
  }
  blocks.push({ type: 'list', ordered, start: ordered ? Number(first[3]) : 1, tight, items })
  return i
}

function splitRow(line: string): string[] {
  const cells: string[] = []
  let cell = ''
  const s = line.trim().replace(/^\|/, '')
  for (let k = 0; k < s.length; k++) {
    if (s[k] === '\\' && s[k + 1] === '|') {
      cell += '|'
      k++
    } else if (s[k] === '|') {
      cells.push(cell.trim())
      cell = ''
    } else cell += s[k]
  }
  if (cell.trim() || !s.endsWith('|')) cells.push(cell.trim())
  return cells
}

function parseTable(lines: string[], i: number, blocks: MdBlock[]): number {
  const head = splitRow(lines[i]!)
  const align: MdAlign[] = splitRow(lines[i + 1]!).map((d) =>
    d.startsWith(':') && d.endsWith(':') ? 'center' : d.endsWith(':') ? 'right' : d.startsWith(':') ? 'left' : null,
  )
  const width = head.length
  const rows: string[][] = []
  for (i += 2; i < lines.length && !blank(lines[i]!) && lines[i]!.includes('|') && !interrupts(lines[i]!); i++)
    rows.push(splitRow(lines[i]!))
  const fit = (r: string[]) => Array.from({ length: width }, (_, k) => parseInline(r[k] ?? ''))
  blocks.push({
    type: 'table',
    align: Array.from({ length: width }, (_, k) => align[k] ?? null),
    head: fit(head),
    rows: rows.map(fit),
  })
  return i
}
