/**
 * Where the widget's CSS goes. With a CSP nonce: `<style nonce>` elements, as the host asked.
 * Without one, where the browser has constructable stylesheets: `adoptedStyleSheets`, which a
 * `style-src` policy does not govern, so the panel is styled under a strict CSP even when no
 * nonce was passed. Otherwise (old browsers): plain `<style>` elements.
 */

/** The nonce each shadow root's sheets carry, so chunks loaded later add theirs with it. */
const nonces = new WeakMap<ShadowRoot, string>()
/** Ids of the sheets adopted per root (adopted sheets have no element to find them by). */
const adopted = new WeakMap<ShadowRoot, Set<string>>()

const canAdopt = (root: ShadowRoot): boolean =>
  typeof CSSStyleSheet !== 'undefined' && 'replaceSync' in CSSStyleSheet.prototype && 'adoptedStyleSheets' in root

/** Remember the nonce for every sheet later added to `root`. */
export function setSheetNonce(root: ShadowRoot, nonce: string | undefined): void {
  if (nonce) nonces.set(root, nonce)
}

/** True once `addSheet(root, id, …)` put that sheet in place. */
export function hasSheet(root: ShadowRoot, id: string): boolean {
  return adopted.get(root)?.has(id) === true || root.querySelector(`style[data-hf-sheet="${id}"]`) !== null
}

/**
 * Adds a sheet once per root. `first` puts it before the others, so the sheets added after it
 * win ties (the panel's base rules come before the host's and the views').
 */
export function addSheet(root: ShadowRoot, id: string, css: string, first = false): void {
  if (hasSheet(root, id)) return
  const nonce = nonces.get(root)
  if (!nonce && canAdopt(root)) {
    const sheet = new CSSStyleSheet()
    sheet.replaceSync(css)
    root.adoptedStyleSheets = first ? [sheet, ...root.adoptedStyleSheets] : [...root.adoptedStyleSheets, sheet]
    let ids = adopted.get(root)
    if (!ids) adopted.set(root, (ids = new Set()))
    ids.add(id)
    return
  }
  const style = root.ownerDocument.createElement('style')
  style.setAttribute('data-hf-sheet', id)
  if (nonce) style.nonce = nonce
  style.textContent = css
  if (first) root.prepend(style)
  else root.append(style)
}

/** Forget every sheet of `root` (the element's shadow root outlives a destroyed widget). */
export function removeSheets(root: ShadowRoot): void {
  if (adopted.has(root)) root.adoptedStyleSheets = []
  adopted.delete(root)
  nonces.delete(root)
  for (const style of root.querySelectorAll('style[data-hf-sheet]')) style.remove()
}
