import { useLayoutEffect, useRef } from 'preact/hooks'
import { usePanel, useT } from '../ui/context.js'
import { NavButton } from '../ui/NavButton.js'
import { ArticleSection, ResultList } from './ResultList.js'
import { countMessage, useSearch } from './useSearch.js'
import { useHelpStyles, useOptionalArticles } from './useHelp.js'
import { isolate } from './isolate.js'

/** How many results the home view shows inline before "See all results". */
const INLINE_RESULTS = 5

/**
 * Results under the home search box while the user types. It mounts with the first keystroke,
 * so its live region is in the DOM before the first count (which waits for the debounce).
 */
export function HomeResults({ query }: { query: string }) {
  const { client, idPrefix } = usePanel()
  const t = useT()
  const root = useRef<HTMLDivElement>(null)
  useHelpStyles(root)
  const { outcome, retry } = useSearch(query, INLINE_RESULTS)
  const hits = outcome && 'hits' in outcome ? outcome.hits : null
  const titleId = `${idPrefix}-home-results`
  return (
    <div ref={root} class="help-section">
      <p class="sr-only" role="status">
        {hits ? countMessage(t, hits.length) : ''}
      </p>
      <h3 id={titleId} class="sr-only">
        {t('help.search.results')}
      </h3>
      {outcome && 'error' in outcome ? (
        <div role="alert" class="help-empty">
          <p>{outcome.error}</p>
          <button
            type="button"
            class="secondary"
            // The button goes once it works: focus waits in the search box (the form before this block), not on the dialog.
            onClick={() => (
              root.current?.previousElementSibling?.querySelector<HTMLElement>('input')?.focus(),
              retry()
            )}
          >
            {t('help.retry')}
          </button>
        </div>
      ) : hits?.length ? (
        <>
          <ResultList
            hits={hits}
            labelledBy={titleId}
            onOpen={(hit) => client.navigate('article', { id: hit.id, source: 'search' })}
          />
          <div class="help-actions">
            <NavButton class="secondary" to="search" params={{ query: query.trim() }}>
              {t('help.search.seeAll')}
            </NavButton>
          </div>
        </>
      ) : hits ? (
        <p class="muted">{t('help.search.empty', { query: isolate(outcome!.query) })}</p>
      ) : (
        // Only before the first results: typing on keeps the earlier ones on screen.
        <p class="muted help-wait">{t('help.search.loading')}</p>
      )}
    </div>
  )
}

/**
 * The most popular articles of the current locale; renders nothing until (or unless) they load.
 * `listed` is told whether articles are listed, before the browser paints them.
 */
export function PopularArticles({ limit = 5, listed }: { limit?: number; listed?: (shown: boolean) => void }) {
  const { idPrefix } = usePanel()
  const t = useT()
  const root = useRef<HTMLElement>(null)
  useHelpStyles(root)
  // Popular articles are a bonus: when help content is unavailable the section stays hidden.
  const hits = useOptionalArticles(String(limit), (help) => help.popular({ limit }))
  const shown = hits.length > 0
  useLayoutEffect(() => listed?.(shown), [listed, shown])
  return (
    <ArticleSection
      id={`${idPrefix}-popular`}
      title={t('help.popular.title')}
      hits={hits}
      source="popular"
      sectionRef={root}
    />
  )
}
