import { describe, expect, it } from 'vitest'
import { checkUrl, parseMarkdown, toText, type MdBlock, type MdInline } from '../../../src/markdown/index.js'

type Node = MdBlock | MdInline

/** Every node of the tree, depth first. */
function nodes(tree: Node[]): Node[] {
  const out: Node[] = []
  const walk = (n: Node) => {
    out.push(n)
    if (n.type === 'list') n.items.flat().forEach(walk)
    else if (n.type === 'table') [...n.head, ...n.rows.flat()].flat().forEach(walk)
    else if ('children' in n) (n.children as Node[]).forEach(walk)
  }
  tree.forEach(walk)
  return out
}
const links = (md: string) =>
  nodes(parseMarkdown(md)).filter((n): n is Extract<MdInline, { type: 'link' }> => n.type === 'link')

describe('markdown sanitizer', () => {
  it('drops script and style elements with their content', () => {
    const tree = parseMarkdown(
      'Hello <script>alert(1)</script>world\n\n<style>body{display:none}</style>\n\n<SCRIPT type="x">\nsteal()\n\n</SCRIPT>',
    )
    const text = toText(tree)
    expect(text).toBe('Hello world')
    expect(text).not.toMatch(/alert|steal|display/)
  })

  it('never lets a tag, an attribute or an event handler through', () => {
    const md =
      '<img src=x onerror=alert(1)>\n\n<div onclick="alert(2)">inside</div> <a href="javascript:alert(3)">click</a>\n\n<iframe src="https://evil.example"></iframe><!-- <b>hidden</b> -->'
    const tree = parseMarkdown(md)
    expect(toText(tree)).toBe('inside click')
    expect(links(md)).toEqual([])
    // The tree only carries text and link targets; no node holds markup.
    expect(JSON.stringify(tree)).not.toMatch(/onerror|onclick|<|iframe/)
  })

  it.each([
    ['javascript:alert(1)'],
    ['JaVaScRiPt:alert(1)'],
    ['&#106;avascript:alert(1)'],
    ['&#x6A;avascript:alert(1)'],
    ['javascript&#58;alert(1)'],
    ['javascript&colon;alert(1)'],
    ['java&#9;script:alert(1)'],
    ['&#32;javascript:alert(1)'],
    ['vbscript:msgbox(1)'],
    ['data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=='],
    ['DATA:image/svg+xml,<svg/onload=alert(1)>'],
    ['//evil.example/steal'],
    ['/relative/path'],
    ['file:///etc/passwd'],
  ])('refuses the link target %s and keeps its text', (href) => {
    const md = `Read [the guide](${href}) and <${href}>.`
    expect(links(md)).toEqual([])
    expect(toText(parseMarkdown(`[the guide](${href})`))).toBe('the guide')
    expect(checkUrl(href)).toBeNull()
  })

  it('does not load images: their alt text stands in', () => {
    const md = '![receipt](https://tracker.example/pixel.gif) ![x](data:image/png;base64,AAAA)'
    expect(links(md)).toEqual([])
    expect(toText(parseMarkdown(md))).toBe('receipt x')
  })

  it('keeps http(s), mailto and tel links, and relative .md links as article links', () => {
    const md =
      '[site](<https://help.example.com/a b>) [mail](mailto:help@example.com) [call](<tel:+86 95188>) <https://x.example> see https://y.example/p?q=1. and [PIN](./reset-pin.md)'
    expect(links(md).map((l) => l.link)).toEqual([
      { kind: 'external', href: 'https://help.example.com/a%20b' },
      { kind: 'external', href: 'mailto:help@example.com' },
      { kind: 'external', href: 'tel:+8695188' },
      { kind: 'external', href: 'https://x.example/' },
      { kind: 'external', href: 'https://y.example/p?q=1' },
      { kind: 'article', slug: 'reset-pin' },
    ])
  })

  it('renders normal Markdown: headings, paragraphs, nested lists, emphasis, code, tables, quotes', () => {
    const tree = parseMarkdown(
      [
        '# Title',
        '',
        'Some **bold**, *em*, ***both*** and `a*b*c` text.  ',
        'Next line',
        '',
        '1. First',
        '2. Second:',
        '   - **Pending** – cancel',
        '   - done',
        '3. Third',
        '',
        '| Method | Time |',
        '|---|--:|',
        '| Card | 1–3 days |',
        '',
        '> 温馨提示：不要',
        '> 提供验证码',
        '',
        '---',
        '',
        '```',
        '<b>not html</b>',
        '```',
      ].join('\n'),
    )
    expect(tree.map((b) => b.type)).toEqual(['heading', 'paragraph', 'list', 'table', 'quote', 'rule', 'code'])
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the line above checked each block's type
    const [h, p, list, table, quote, , code] = tree as [any, any, any, any, any, any, any]
    expect(h).toMatchObject({ level: 1, children: [{ type: 'text', value: 'Title' }] })
    expect(p.children).toEqual([
      { type: 'text', value: 'Some ' },
      { type: 'strong', children: [{ type: 'text', value: 'bold' }] },
      { type: 'text', value: ', ' },
      { type: 'em', children: [{ type: 'text', value: 'em' }] },
      { type: 'text', value: ', ' },
      { type: 'em', children: [{ type: 'strong', children: [{ type: 'text', value: 'both' }] }] },
      { type: 'text', value: ' and ' },
      { type: 'code', value: 'a*b*c' },
      { type: 'text', value: ' text.' },
      { type: 'break' },
      { type: 'text', value: 'Next line' },
    ])
    expect(list).toMatchObject({ ordered: true, start: 1, tight: true })
    expect(list.items).toHaveLength(3)
    expect(list.items[1][1]).toMatchObject({ type: 'list', ordered: false })
    expect(toText(list.items[1][1].items[0])).toBe('Pending – cancel')
    expect(table.align).toEqual([null, 'right'])
    expect(toText(table.rows[0][1])).toBe('1–3 days')
    // A soft break between Chinese characters joins them without a space.
    expect(toText(quote.children)).toBe('温馨提示：不要提供验证码')
    expect(code).toEqual({ type: 'code', value: '<b>not html</b>' })
  })

  it('treats escaped and intraword delimiters as text', () => {
    expect(toText(parseMarkdown('snake_case_name \\*not em\\* 2 * 3 * 4'))).toBe('snake_case_name *not em* 2 * 3 * 4')
    expect(nodes(parseMarkdown('snake_case_name')).some((n) => n.type === 'em')).toBe(false)
  })

  it('survives hostile nesting and unclosed delimiters without losing the text', () => {
    const deep = parseMarkdown('>'.repeat(5000) + ' deep')
    expect(toText(deep)).toContain('deep')
    const brackets = parseMarkdown('['.repeat(20000) + 'x')
    expect(toText(brackets)).toHaveLength(20001)
    const stars = parseMarkdown('*a '.repeat(20000))
    expect(toText(stars).length).toBeGreaterThan(40000)
    const lists = parseMarkdown(Array.from({ length: 200 }, (_, i) => ' '.repeat(i * 2) + '- item').join('\n'))
    expect(toText(lists)).toContain('item')
  })
})
