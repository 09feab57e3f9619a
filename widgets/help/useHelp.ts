import type { RefObject } from 'preact'
import { useEffect, useLayoutEffect, useState } from 'preact/hooks'
import { getHelpFlow, type HelpFlow } from '../../src/flows/help.js'
import { usePanel } from '../ui/context.js'
import { helpCss } from './helpCss.js'

/** The client's help flow (one per client: the index loads once). */
export function useHelpFlow(): HelpFlow {
  return getHelpFlow(usePanel().client)
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

const styled = new WeakSet<Node>()

/**
 * Adds the help styles to the shadow root (or document) the component renders in, once. The
 * `<style>` copies the nonce of the panel's own style so a strict CSP accepts it.
 */
export function useHelpStyles(ref: RefObject<Element>): void {
  useLayoutEffect(() => {
    const root = ref.current?.getRootNode()
    if (!root || styled.has(root) || !(root instanceof ShadowRoot || root instanceof Document)) return
    styled.add(root)
    const style = document.createElement('style')
    const nonce = root.querySelector<HTMLStyleElement>('style')?.nonce
    if (nonce) style.nonce = nonce
    style.dataset.hfHelp = ''
    style.textContent = helpCss
    ;(root instanceof Document ? root.head : root).append(style)
  }, [])
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
  }, [ready])
}
