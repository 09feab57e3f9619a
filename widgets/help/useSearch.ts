import { useEffect, useState } from 'preact/hooks'
import type { Translate } from '../../src/i18n/index.js'
import type { ArticleHit } from '../../src/types.js'
import { useStore } from '../ui/context.js'
import { useDebounced, useHelpFlow } from './useHelp.js'

/** Quiet time after the last keystroke before searching. */
export const SEARCH_DEBOUNCE_MS = 120

export type Outcome = { query: string; hits: ArticleHit[] } | { query: string; error: string } | null

/** "3 articles found", with the plural form the locale needs. */
export function countMessage(t: Translate, count: number): string {
  if (count === 0) return t('help.search.count.none')
  return count === 1 ? t('help.search.count.one') : t('help.search.count.other', { count })
}

/** Runs the search for `query` after the debounce; results for an older query are ignored. */
export function useSearch(query: string, limit: number): { outcome: Outcome; retry(): void } {
  const help = useHelpFlow()
  const locale = useStore((s) => s.system.locale)
  const settled = useDebounced(query.trim(), SEARCH_DEBOUNCE_MS)
  const [outcome, setOutcome] = useState<Outcome>(null)
  const [attempt, setAttempt] = useState(0)
  useEffect(() => {
    if (!settled) return setOutcome(null)
    let live = true
    help.search(settled, { limit }).then(
      (hits) => live && setOutcome({ query: settled, hits }),
      (error: unknown) => live && setOutcome({ query: settled, error: help.errorMessage(error) }),
    )
    return () => {
      live = false
    }
  }, [help, settled, limit, locale, attempt])
  return { outcome, retry: () => setAttempt((n) => n + 1) }
}
