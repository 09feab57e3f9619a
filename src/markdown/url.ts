import { hasOwn } from '../hasOwn.js'

/**
 * Link checking for help articles. Article text comes from a CMS or a backend we do not
 * control, so a link is allowed only when it is plainly http(s), mailto or tel, or a relative
 * link to another article (`./reset-pin.md`). Everything else (javascript:, data:, vbscript:,
 * protocol-relative `//host`, bare relative paths) is refused and its text shown without a link.
 */

/** Where a vetted link goes. `article` links name another article by its file slug. */
export type SafeLink = { kind: 'external'; href: string } | { kind: 'article'; slug: string }

const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  colon: ':',
  tab: '\t',
  newline: '\n',
}

/** Decodes the entities Markdown allows in text and URLs: a few named ones and numeric ones. */
export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s
  return s.replace(
    /&(?:#[xX]([0-9a-fA-F]{1,6})|#(\d{1,7})|([a-zA-Z]+));/g,
    (m, hex?: string, dec?: string, name?: string) => {
      if (name) {
        const key = name.toLowerCase()
        return hasOwn(NAMED, key) ? NAMED[key]! : m
      }
      const cp = hex ? parseInt(hex, 16) : Number(dec)
      // NUL, surrogates and out-of-range code points become U+FFFD, as the HTML spec does.
      return cp === 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff) ? '\ufffd' : String.fromCodePoint(cp)
    },
  )
}

const ARTICLE = /^(?:\.{1,2}\/)*(?:[\w-]+\/)*([\w-]+)\.md(?:#[\w-]*)?$/
const SCHEME = /^([a-z][a-z0-9+.-]*):/i

/**
 * Vets a link destination as written in Markdown (entities not yet decoded). Returns where it
 * may go, or null when it must not become a link.
 *
 * @example
 * checkUrl('https://example.com/a b') // { kind: 'external', href: 'https://example.com/a%20b' }
 * checkUrl('JaVaScRiPt:alert(1)')     // null
 * checkUrl('./reset-pin.md')          // { kind: 'article', slug: 'reset-pin' }
 */
export function checkUrl(raw: string): SafeLink | null {
  // Browsers drop ASCII tab/newline anywhere in a URL and trim C0 controls and spaces, so
  // "java\tscript:" runs script; remove them before looking at the scheme.
  /* eslint-disable no-control-regex -- control characters are what these strip and refuse */
  let url = decodeEntities(raw)
    .replace(/[\t\n\r]/g, '')
    .replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '')
  if (!url || /[\u0000-\u001f\u007f-\u009f]/.test(url)) return null
  /* eslint-enable no-control-regex */
  url = url.replace(/ /g, '%20')
  const article = ARTICLE.exec(url)
  if (article) return { kind: 'article', slug: article[1]! }
  const scheme = SCHEME.exec(url)?.[1]?.toLowerCase()
  if (scheme === 'http' || scheme === 'https') {
    try {
      const parsed = new URL(url)
      if ((parsed.protocol !== 'http:' && parsed.protocol !== 'https:') || !parsed.hostname) return null
      url = parsed.href
    } catch {
      return null
    }
    return { kind: 'external', href: url }
  }
  if (scheme === 'mailto') return /^mailto:[^\s<>"]+@[^\s<>"]+$/i.test(url) ? { kind: 'external', href: url } : null
  if (scheme === 'tel')
    return /^tel:\+?[\d\-(). ]{3,}$/i.test(url.replace(/%20/g, ' '))
      ? { kind: 'external', href: url.replace(/%20/g, '') }
      : null
  return null
}

/**
 * Vets the address of a file, such as an attachment's `url` in a backend's answer: it may be
 * opened or shown as an image only when it is plainly http(s), or a `blob:` URL (made by the
 * page itself for a preview, as the in-memory transport does). Returns the address to use, or
 * undefined when the file must be shown by name only (`javascript:`, `data:`, relative, …).
 *
 * @example
 * checkFileUrl('https://files.example.com/a.png') // 'https://files.example.com/a.png'
 * checkFileUrl('javascript:alert(1)')             // undefined
 */
export function checkFileUrl(raw: string): string | undefined {
  // Data from a backend, not Markdown: no entity decoding (`&amp;` in a query stays as sent).
  // eslint-disable-next-line no-control-regex -- control characters and spaces are refused
  if (/[\u0000-\u0020\u007f-\u009f]/.test(raw)) return undefined
  if (/^blob:./i.test(raw)) return raw
  if (!/^https?:\/\//i.test(raw)) return undefined
  try {
    const url = new URL(raw)
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname ? url.href : undefined
  } catch {
    return undefined
  }
}
