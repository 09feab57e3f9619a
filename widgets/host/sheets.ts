/**
 * Where the widget's CSS goes. With a CSP nonce: `<style nonce>` elements, as the host asked.
 * Without one, where the browser has constructable stylesheets: `adoptedStyleSheets`, which a
 * `style-src` policy does not govern, so the panel is styled under a strict CSP even when no
 * nonce was passed. Otherwise (old browsers): plain `<style>` elements.
 */

/** Per shadow root: the nonce later sheets carry, and which sheets are in place. */
const roots = new WeakMap<ShadowRoot, { nonce?: string; ids: Set<string> }>()
const stateOf = (root: ShadowRoot) => {
  let state = roots.get(root)
  if (!state) roots.set(root, (state = { ids: new Set() }))
  return state
}

/** Remember the nonce for every sheet later added to `root`. */
export function setSheetNonce(root: ShadowRoot, nonce: string | undefined): void {
  if (nonce) stateOf(root).nonce = nonce
}

/** True once `addSheet(root, id, …)` put that sheet in place. */
export const hasSheet = (root: ShadowRoot, id: string): boolean => stateOf(root).ids.has(id)

/**
 * Adds a sheet once per root, after the others: the sheets added later win ties (the host's, then
 * the panel's base rules, then the views'). The host's and the panel's rules do not tie (no rule
 * of one has a selector of the other's specificity on the same elements), so their order is moot.
 */
export function addSheet(root: ShadowRoot, id: string, css: string): void {
  const { nonce, ids } = stateOf(root)
  if (ids.has(id)) return
  ids.add(id)
  if (!nonce && 'adoptedStyleSheets' in root) {
    const sheet = new CSSStyleSheet()
    sheet.replaceSync(css)
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet]
    return
  }
  const style = root.ownerDocument.createElement('style')
  style.setAttribute('data-hf-sheet', id)
  if (nonce) style.nonce = nonce
  style.textContent = css
  root.append(style)
}

/** Forget the sheets of `root` (the element's shadow root outlives a destroyed widget). */
export function removeSheets(root: ShadowRoot): void {
  // Where adoptedStyleSheets does not exist this sets a harmless expando.
  root.adoptedStyleSheets = []
  roots.delete(root)
}
