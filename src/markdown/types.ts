import type { SafeLink } from './url.js'

/**
 * The tree `parseMarkdown` returns. It holds only text and vetted links: no HTML, no
 * attributes, no images. A renderer maps each node to an element of its own choosing, so
 * nothing in an article can add an event handler, a style or a script.
 */
export type MdInline =
  | { type: 'text'; value: string }
  | { type: 'strong'; children: MdInline[] }
  | { type: 'em'; children: MdInline[] }
  | { type: 'code'; value: string }
  | { type: 'link'; link: SafeLink; children: MdInline[] }
  | { type: 'break' }

export type MdAlign = 'left' | 'center' | 'right' | null

export type MdBlock =
  | { type: 'heading'; level: 1 | 2 | 3 | 4 | 5 | 6; children: MdInline[] }
  | { type: 'paragraph'; children: MdInline[] }
  /** `tight`: no blank lines between items, so item paragraphs render without `<p>`. */
  | { type: 'list'; ordered: boolean; start: number; tight: boolean; items: MdBlock[][] }
  | { type: 'quote'; children: MdBlock[] }
  | { type: 'code'; value: string }
  | { type: 'table'; align: MdAlign[]; head: MdInline[][]; rows: MdInline[][][] }
  | { type: 'rule' }
