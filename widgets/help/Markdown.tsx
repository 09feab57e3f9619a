import type { ComponentChildren } from 'preact'
import type { MdBlock, MdInline } from '../../src/markdown/index.js'
import { useContext, useMemo } from 'preact/hooks'
import { isExternalHref, officialDomains } from '../../src/checker/external.js'
import { PanelContext, useT } from '../ui/context.js'

export interface MarkdownProps {
  blocks: MdBlock[]
  /** A relative `./slug.md` link was activated. */
  onArticleLink(slug: string): void
}

/**
 * Renders a parsed Markdown tree as Preact elements. The tree holds only text and vetted links,
 * and every element and attribute here is chosen by this file: no HTML string, no
 * `dangerouslySetInnerHTML`, no attribute copied from the article.
 */
export function Markdown({ blocks, onArticleLink }: MarkdownProps) {
  const t = useT()
  // Optional: a row or article rendered on its own (tests, benches) has no panel around it.
  const client = useContext(PanelContext)?.client
  const domains = useMemo(() => officialDomains(client?.options.channels), [client])
  const inline = (nodes: MdInline[]): ComponentChildren[] =>
    nodes.map((n, i) => {
      switch (n.type) {
        case 'text':
          return n.value
        case 'strong':
          return <strong key={i}>{inline(n.children)}</strong>
        case 'em':
          return <em key={i}>{inline(n.children)}</em>
        case 'code':
          return <code key={i}>{n.value}</code>
        case 'break':
          return <br key={i} />
        case 'link':
          if (n.link.kind === 'article') {
            const slug = n.link.slug
            return (
              <button key={i} type="button" class="help-link" onClick={() => onArticleLink(slug)}>
                {inline(n.children)}
              </button>
            )
          }
          return (
            <a
              key={i}
              href={n.link.href}
              target="_blank"
              rel="noopener noreferrer"
              data-external={isExternalHref(n.link.href, domains) ? '' : undefined}
            >
              {inline(n.children)}
              {isExternalHref(n.link.href, domains) && <span class="ext-mark"> {t('checker.externalLink')}</span>}
              <span class="sr-only"> {t('help.article.externalHint')}</span>
            </a>
          )
      }
    })
  const block = (b: MdBlock, i: number, tight = false): ComponentChildren => {
    switch (b.type) {
      case 'heading': {
        // The panel title is h2 and the article title h3, so article headings start at h4.
        const Tag = `h${Math.min(6, Math.max(4, b.level + 2))}` as 'h4'
        return <Tag key={i}>{inline(b.children)}</Tag>
      }
      case 'paragraph':
        return tight ? <>{inline(b.children)}</> : <p key={i}>{inline(b.children)}</p>
      case 'list': {
        const items = b.items.map((item, k) => <li key={k}>{item.map((c, j) => block(c, j, b.tight))}</li>)
        return b.ordered ? (
          <ol key={i} start={b.start === 1 ? undefined : b.start}>
            {items}
          </ol>
        ) : (
          <ul key={i}>{items}</ul>
        )
      }
      case 'quote':
        return <blockquote key={i}>{b.children.map((c, j) => block(c, j))}</blockquote>
      case 'code':
        return (
          <pre key={i}>
            <code>{b.value}</code>
          </pre>
        )
      case 'rule':
        return <hr key={i} />
      case 'table': {
        const cls = (k: number) =>
          b.align[k] === 'center' ? 'al-center' : b.align[k] === 'right' ? 'al-right' : undefined
        return (
          <div key={i} class="help-table">
            <table>
              <thead>
                <tr>
                  {b.head.map((c, k) => (
                    <th key={k} scope="col" class={cls(k)}>
                      {inline(c)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {b.rows.map((r, j) => (
                  <tr key={j}>
                    {r.map((c, k) => (
                      <td key={k} class={cls(k)}>
                        {inline(c)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )
      }
    }
  }
  return <div class="help-md">{blocks.map((b, i) => block(b, i))}</div>
}
