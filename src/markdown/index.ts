/**
 * Safe Markdown for help articles: source in, a tree of text and vetted links out. There is no
 * HTML string anywhere, so a renderer that creates elements from the tree cannot be made to
 * run script, whatever the article contains.
 */
export { parseMarkdown } from './blocks.js'
export { parseInline } from './inline.js'
export { checkUrl, decodeEntities, type SafeLink } from './url.js'
export type { MdAlign, MdBlock, MdInline } from './types.js'

import type { MdBlock, MdInline } from './types.js'

/** The plain text of a tree (for titles, summaries and tests). */
export function toText(nodes: ReadonlyArray<MdBlock | MdInline>): string {
  const parts: string[] = []
  const walk = (n: MdBlock | MdInline): void => {
    switch (n.type) {
      case 'text':
      case 'code':
        parts.push(n.value)
        break
      case 'break':
        parts.push('\n')
        break
      case 'rule':
        break
      case 'list':
        n.items.forEach((item) => (item.forEach(walk), parts.push('\n')))
        break
      case 'quote':
        n.children.forEach(walk)
        break
      case 'table':
        ;[n.head, ...n.rows].forEach(
          (row) => (row.forEach((c) => (c.forEach(walk), parts.push(' '))), parts.push('\n')),
        )
        break
      default:
        n.children.forEach(walk)
        if (n.type === 'paragraph' || n.type === 'heading') parts.push('\n')
    }
  }
  nodes.forEach(walk)
  return parts
    .join('')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{2,}/g, '\n')
    .trim()
}
