import type { RefObject } from 'preact'
import { useContext, useLayoutEffect, useState } from 'preact/hooks'
import { PanelContext } from './context.js'
import { addSheet } from '../host/sheets.js'

/** A view rendered on its own (outside the panel, in tests) puts its sheet in the page's head. */
function addHeadSheet(head: HTMLHeadElement, id: string, css: string): void {
  if (head.querySelector(`style[data-hf-sheet="${id}"]`)) return
  const style = document.createElement('style')
  style.setAttribute('data-hf-sheet', id)
  const nonce = head.querySelector('style')?.nonce
  if (nonce) style.nonce = nonce
  style.textContent = css
  head.append(style)
}

/**
 * Adds a panel area's stylesheet once per shadow root, with the host's CSP nonce (or adopted
 * without one, see host/sheets.ts), so a strict style-src lets it through like the rest.
 *
 * When the panel says where its styles go, the sheet is added on the first render, before the
 * area's elements are laid out. Otherwise (a view rendered on its own) it is added after the
 * first render, found from `ref`.
 *
 * Returns whether the sheet is in place. A part that measures its own layout (the chat's
 * message list) renders only then: measured without its styles, an unconstrained scroller
 * reports its whole content as the viewport.
 */
export function useSheet(id: string, css: string, ref: RefObject<Element>): boolean {
  const styleRoot = useContext(PanelContext)?.styleRoot
  const [applied, setApplied] = useState(() => {
    if (!styleRoot) return false
    addSheet(styleRoot, id, css)
    return true
  })
  useLayoutEffect(() => {
    const root = ref.current?.getRootNode()
    if (root instanceof ShadowRoot) addSheet(root, id, css)
    else if (root instanceof Document) addHeadSheet(root.head, id, css)
    setApplied(true)
  }, [id, css, ref])
  return applied
}
