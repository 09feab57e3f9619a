import type { RefObject } from 'preact'
import { useEffect, useRef, useState } from 'preact/hooks'
import type { HelpController } from '../../src/help/help.js'
import type { ArticleHit } from '../../src/types.js'
import { usePanel, useStore } from '../ui/context.js'
import { useSheet } from '../ui/useSheet.js'
import { helpCss } from './helpCss.js'

/** The client's help flow (one per client: the index loads once). */
export function useHelpFlow(): HelpController {
  return usePanel().client.help
}

/** `value`, once it has stopped changing for `ms`. */
export function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value)
  useEffect(() => {
    const timer = setTimeout(() => setSettled(() => value), ms)
    return () => clearTimeout(timer)
  }, [value, ms])
  return settled
}

/** Adds the help styles once per shadow root, with the panel's nonce (see useSheet). */
export function useHelpStyles(ref: RefObject<Element>): void {
  useSheet('help', helpCss, ref)
}

/**
 * Moves focus to `target` once `ready`, unless the user already focused something in the view.
 * The panel focuses a view's `[data-autofocus]` one frame after a view change, which is too
 * early for a view whose chunk or content is still loading; then the title got focus instead.
 */
export function useArrivalFocus(target: RefObject<HTMLElement>, ready: boolean): void {
  useEffect(() => {
    const el = target.current
    if (!ready || !el) return
    const root = el.getRootNode() as Document | ShadowRoot
    const active = root.activeElement as HTMLElement | null
    if (!active || active === el || active.tagName === 'H2' || active === document.body) el.focus()
  }, [target, ready])
}

/** The answer of {@link useArticlesAnswer}: for which `key`, and whether loading failed. */
export interface ArticlesAnswer {
  key?: string
  hits: ArticleHit[]
  failed: boolean
}

/**
 * Articles shown as optional help: `load` runs again when `key` or the locale changes; while it
 * returns nothing, or when it fails, there are none.
 */
export function useOptionalArticles(
  key: string,
  load: (help: HelpController) => Promise<ArticleHit[]> | undefined,
): ArticleHit[] {
  return useArticlesAnswer(key, load).hits
}

/** {@link useOptionalArticles}, saying which `key` the hits answer and whether loading failed. */
export function useArticlesAnswer(
  key: string,
  load: (help: HelpController) => Promise<ArticleHit[]> | undefined,
): ArticlesAnswer {
  const help = useHelpFlow()
  const locale = useStore((s) => s.system.locale)
  const [answer, setAnswer] = useState<ArticlesAnswer>({ hits: [], failed: false })
  const latest = useRef(load)
  latest.current = load
  useEffect(() => {
    const loading = latest.current(help)
    if (!loading) return setAnswer({ key, hits: [], failed: false })
    let live = true
    loading.then(
      (hits) => live && setAnswer({ key, hits, failed: false }),
      () => live && setAnswer({ key, hits: [], failed: true }),
    )
    return () => {
      live = false
    }
  }, [help, locale, key])
  return answer
}
