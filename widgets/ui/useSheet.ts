import type { RefObject } from 'preact'
import { useLayoutEffect } from 'preact/hooks'

/**
 * Adds a panel area's stylesheet once per shadow root. It copies the nonce of the panel's own
 * `<style>`, so a host with a strict style-src CSP lets it through like the rest of the widget.
 */
export function useSheet(id: string, css: string, ref: RefObject<Element>): void {
  useLayoutEffect(() => {
    const root = ref.current?.getRootNode()
    const parent = root instanceof ShadowRoot ? root : root instanceof Document ? root.head : undefined
    if (!parent || parent.querySelector(`style[data-hf-sheet="${id}"]`)) return
    const style = document.createElement('style')
    style.setAttribute('data-hf-sheet', id)
    const nonce = parent.querySelector<HTMLStyleElement>('style')?.nonce
    if (nonce) style.nonce = nonce
    style.textContent = css
    parent.append(style)
  }, [id, css, ref])
}
