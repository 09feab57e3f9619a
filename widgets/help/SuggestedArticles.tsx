import { useRef } from 'preact/hooks'
import { usePanel, useT } from '../ui/context.js'
import { ResultList } from './ResultList.js'
import { SUGGEST_DEBOUNCE_MS, longEnoughToSuggest } from './suggestLimits.js'
import { useDebounced, useHelpFlow, useHelpStyles, useOptionalArticles } from './useHelp.js'

export interface SuggestedArticlesProps {
  /** What the user is typing: a report description or a chat message. Never leaves the device. */
  text: string
  from: 'report' | 'chat'
}

/**
 * Up to three help articles that may answer what the user is describing, shown under a report
 * form or the chat composer. Picking one opens the article (Back returns to the draft) and
 * emits `suggestion:open`.
 *
 * @example
 * <SuggestedArticles text={description} from="report" />
 */
export function SuggestedArticles({ text, from }: SuggestedArticlesProps) {
  const { idPrefix } = usePanel()
  const t = useT()
  const help = useHelpFlow()
  const root = useRef<HTMLDivElement>(null)
  useHelpStyles(root)
  const settled = useDebounced(text.trim(), SUGGEST_DEBOUNCE_MS)
  // Suggestions are optional help: any failure simply shows none.
  const hits = useOptionalArticles(settled, (h) =>
    longEnoughToSuggest(settled) ? h.suggest(settled, { limit: 3 }) : undefined,
  )
  const titleId = `${idPrefix}-suggest-${from}`
  const count = hits.length === 1 ? t('help.suggest.count.one') : t('help.suggest.count.other', { count: hits.length })
  return (
    <div ref={root} class="help-suggest">
      <p class="sr-only" role="status">
        {hits.length ? count : ''}
      </p>
      {hits.length > 0 && (
        <section class="help-section" aria-labelledby={titleId}>
          <h3 id={titleId}>{t('help.suggest.title')}</h3>
          <ResultList hits={hits} labelledBy={titleId} onOpen={(hit) => help.openSuggestion(hit.id, from)} />
        </section>
      )}
    </div>
  )
}
