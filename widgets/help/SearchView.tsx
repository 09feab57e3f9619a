import { useEffect, useRef, useState } from 'preact/hooks'
import { patch } from '../../src/store/index.js'
import type { ArticleHit } from '../../src/types.js'
import { usePanel, useT } from '../ui/context.js'
import { imeInput } from '../ui/imeInput.js'
import type { ViewProps } from '../panel/views.js'
import { PopularArticles } from './HomeHelp.js'
import { MoreHelp } from './MoreHelp.js'
import { ResultList } from './ResultList.js'
import { countMessage, useSearch } from './useSearch.js'
import { useArrivalFocus, useHelpStyles } from './useHelp.js'
import { isolate } from './isolate.js'

/** Help search: search as you type, highlighted snippets, result count announced politely. */
export function SearchView({ params }: ViewProps) {
  const { client, idPrefix } = usePanel()
  const t = useT()
  const root = useRef<HTMLDivElement>(null)
  const input = useRef<HTMLInputElement>(null)
  useHelpStyles(root)
  const [value, setValue] = useState(typeof params.query === 'string' ? params.query : '')
  // While an IME is composing (pinyin), the box holds letters that are not the query yet.
  const [query, setQuery] = useState(value)
  const { outcome, retry } = useSearch(query, 20)
  const inputId = `${idPrefix}-help-q`
  const listId = `${idPrefix}-help-results`

  // Back from an article: focus returns to the result that was opened (once the results are
  // back), not to the search box, so a keyboard or screen reader user goes on down the list.
  const back = useRef(typeof params.opened === 'string' ? params.opened : '')
  useArrivalFocus(input, !back.current)
  useEffect(() => {
    // Put the caret after a query passed in from home.
    const el = input.current
    if (el) el.setSelectionRange(el.value.length, el.value.length)
  }, [])

  const open = (hit: ArticleHit) => {
    // Back from the article should show this query, not the one the view opened with.
    patch(client.store, 'ui', { params: { ...params, query: value, opened: hit.id } })
    client.navigate('article', { id: hit.id, source: 'search' })
  }
  const onInputKey = (e: KeyboardEvent) => {
    if (e.key !== 'ArrowDown') return
    const first = root.current?.querySelector<HTMLButtonElement>('.help-result')
    if (!first) return
    e.preventDefault()
    first.focus()
  }

  // Earlier results stay on screen while the next query runs, so typing does not flicker.
  const hits = outcome && 'hits' in outcome ? outcome.hits : null
  useEffect(() => {
    if (!back.current || !outcome) return
    const opened = [...(root.current?.querySelectorAll<HTMLElement>('.help-result') ?? [])].find(
      (el) => el.dataset.article === back.current,
    )
    back.current = ''
    ;(opened ?? input.current)?.focus()
  }, [outcome])
  const status = hits ? countMessage(t, hits.length) : ''

  return (
    <div ref={root}>
      <form role="search" class="search" onSubmit={(e) => e.preventDefault()}>
        <label for={inputId}>{t('help.search.label')}</label>
        <input
          ref={input}
          id={inputId}
          type="search"
          data-autofocus
          enterKeyHint="search"
          autoComplete="off"
          aria-controls={listId}
          placeholder={t('help.search.placeholder')}
          value={value}
          {...imeInput(setValue, setQuery)}
          onKeyDown={onInputKey}
        />
      </form>
      <p class="sr-only" role="status" aria-live="polite">
        {status}
      </p>
      <div id={listId}>
        {!value.trim() ? (
          <>
            <p class="muted">{t('help.search.prompt')}</p>
            <PopularArticles />
          </>
        ) : outcome && 'error' in outcome ? (
          <div role="alert" class="help-empty">
            <p>{outcome.error}</p>
            <div class="help-actions">
              <button type="button" class="secondary" onClick={() => (input.current?.focus(), retry())}>
                {t('help.retry')}
              </button>
              <MoreHelp ways={['contact']} />
            </div>
          </div>
        ) : hits && hits.length > 0 ? (
          <ResultList hits={hits} onOpen={open} onExitTop={() => input.current?.focus()} />
        ) : outcome ? (
          <div class="help-empty">
            <p>{t('help.search.empty', { query: isolate(outcome.query) })}</p>
            <p class="muted">{t('help.search.emptyHint')}</p>
            <div class="help-actions">
              <MoreHelp ways={['contact', 'report']} primary />
            </div>
          </div>
        ) : (
          <p class="muted help-wait">{t('help.search.loading')}</p>
        )}
      </div>
    </div>
  )
}
