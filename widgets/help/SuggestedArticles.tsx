import { useEffect, useRef } from 'preact/hooks'
import { usePanel, useT } from '../ui/context.js'
import { SuggestWait } from '../panel/suggestions.js'
import { ResultList } from './ResultList.js'
import { SUGGEST_DEBOUNCE_MS, longEnoughToSuggest } from './suggestLimits.js'
import { useArticlesAnswer, useDebounced, useHelpFlow, useHelpStyles } from './useHelp.js'

export interface SuggestedArticlesProps {
  /** What the user is typing: a report description or a chat message. Never leaves the device. */
  text: string
  from: 'report' | 'chat'
  /** Told after each search whether it could be made (false: the index could not be loaded). */
  onAnswer?: (ok: boolean) => void
}

/**
 * Up to three help articles that may answer what the user is describing, shown under a report
 * form or the chat composer. Picking one opens the article (Back returns to the draft) and
 * emits `suggestion:open`. Laid out for the fixed box of widgets/panel/suggestions.tsx: empty
 * rows while looking, a quiet line when nothing matches, nothing when the index cannot load.
 *
 * @example
 * <SuggestedArticles text={description} from="report" />
 */
export function SuggestedArticles({ text, from, onAnswer }: SuggestedArticlesProps) {
  const { idPrefix } = usePanel()
  const t = useT()
  const help = useHelpFlow()
  const root = useRef<HTMLDivElement>(null)
  useHelpStyles(root)
  const settled = useDebounced(text.trim(), SUGGEST_DEBOUNCE_MS)
  const searched = longEnoughToSuggest(settled)
  // Suggestions are optional help: any failure simply shows none.
  const answer = useArticlesAnswer(settled, (h) => (searched ? h.suggest(settled, { limit: 3 }) : undefined))
  // A row the user is on (Tabbed to right after typing, before the search) keeps its article,
  // and focus, when a new answer comes: they change when the user is back in the text.
  const shown = useRef(answer.hits)
  const active = (root.current?.getRootNode() as Document | ShadowRoot | undefined)?.activeElement
  if (!active || !root.current?.querySelector('.help-results')?.contains(active)) shown.current = answer.hits
  const hits = shown.current
  const answered = searched && answer.key === settled
  const report = useRef(onAnswer)
  report.current = onAnswer
  useEffect(() => {
    if (answered) report.current?.(!answer.failed)
  }, [answered, answer])
  const titleId = `${idPrefix}-suggest-${from}`
  const count = hits.length === 1 ? t('help.suggest.count.one') : t('help.suggest.count.other', { count: hits.length })
  return (
    <div ref={root} class="help-suggest">
      <p class="sr-only" role="status">
        {hits.length ? count : ''}
      </p>
      {hits.length > 0 ? (
        <section class="help-section" aria-labelledby={titleId}>
          <h3 id={titleId}>{t('help.suggest.title')}</h3>
          <ResultList
            hits={hits}
            snippets={false}
            labelledBy={titleId}
            onOpen={(hit) => help.openSuggestion(hit.id, from)}
          />
        </section>
      ) : !answered ? (
        <SuggestWait />
      ) : answer.failed ? null : (
        <p class="help-suggest-none">{t('help.suggest.none')}</p>
      )}
    </div>
  )
}
