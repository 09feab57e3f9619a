import type { RefObject } from 'preact'
import { useContext, useLayoutEffect, useState } from 'preact/hooks'
import { PanelContext } from './context.js'

/** Appends the sheet unless this root has it; copies the nonce of the root's first `<style>`. */
function addSheet(parent: ShadowRoot | HTMLHeadElement, id: string, css: string): void {
  if (parent.querySelector(`style[data-hf-sheet="${id}"]`)) return
  const style = document.createElement('style')
  style.setAttribute('data-hf-sheet', id)
  const nonce = parent.querySelector<HTMLStyleElement>('style')?.nonce
  if (nonce) style.nonce = nonce
  style.textContent = css
  parent.append(style)
}

/**
 * Adds a panel area's stylesheet once per shadow root. It copies the nonce of the panel's own
 * `<style>`, so a host with a strict style-src CSP lets it through like the rest of the widget.
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
    const parent = root instanceof ShadowRoot ? root : root instanceof Document ? root.head : undefined
    if (parent) addSheet(parent, id, css)
    setApplied(true)
  }, [id, css, ref])
  return applied
}
