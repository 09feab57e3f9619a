import type { Ref } from 'preact'
import type { ArticleSource } from '../../src/help/help.js'
import type { ArticleHit } from '../../src/types.js'
import { usePanel } from '../ui/context.js'
import { Highlighted } from './Highlighted.js'

export interface ResultListProps {
  hits: ArticleHit[]
  onOpen(hit: ArticleHit): void
  /** Show the snippet under each title. Default true. */
  snippets?: boolean
  /** Where ArrowUp on the first result goes (the search input). */
  onExitTop?: () => void
  labelledBy?: string
}

/**
 * Articles as a list of buttons: Tab reaches each one, and ArrowUp/ArrowDown/Home/End move
 * between them like a listbox without taking Tab away.
 */
export function ResultList({ hits, onOpen, snippets = true, onExitTop, labelledBy }: ResultListProps) {
  const onKeyDown = (e: KeyboardEvent) => {
    const items = [...(e.currentTarget as HTMLElement).querySelectorAll<HTMLButtonElement>('.help-result')]
    const i = items.indexOf(e.target as HTMLButtonElement)
    if (i < 0) return
    let next = -1
    if (e.key === 'ArrowDown') next = Math.min(items.length - 1, i + 1)
    else if (e.key === 'ArrowUp' && i === 0 && onExitTop) {
      e.preventDefault()
      return onExitTop()
    } else if (e.key === 'ArrowUp') next = Math.max(0, i - 1)
    else if (e.key === 'Home') next = 0
    else if (e.key === 'End') next = items.length - 1
    if (next < 0) return
    e.preventDefault()
    items[next]!.focus()
  }
  return (
    <ul class="help-results" aria-labelledby={labelledBy} onKeyDown={onKeyDown}>
      {hits.map((hit) => (
        <li key={hit.id}>
          <button type="button" class="help-result" data-article={hit.id} onClick={() => onOpen(hit)}>
            <span class="help-result-title">{hit.title}</span>
            {snippets && hit.snippet ? (
              <span class="help-result-snippet">
                <Highlighted text={hit.snippet} ranges={hit.highlights} />
              </span>
            ) : null}
          </button>
        </li>
      ))}
    </ul>
  )
}

/** A titled list of articles (titles only), hidden while empty; each opens its article, counted as from `source`. */
export function ArticleSection({ id, title, hits, source, sectionRef = null }: ArticleSectionProps) {
  const { client } = usePanel()
  return (
    <section ref={sectionRef} class="help-section" aria-labelledby={id} hidden={!hits.length}>
      <h3 id={id}>{title}</h3>
      <ResultList
        hits={hits}
        snippets={false}
        labelledBy={id}
        onOpen={(hit) => client.navigate('article', { id: hit.id, source })}
      />
    </section>
  )
}

interface ArticleSectionProps {
  id: string
  title: string
  hits: ArticleHit[]
  source: ArticleSource
  sectionRef?: Ref<HTMLElement>
}
