import type { WidgetOptions } from '../../src/options/index.js'
import { hostCss } from './hostCss.js'
import { addSheet, removeSheets, setSheetNonce } from './sheets.js'

/** The shadow-root container the whole widget lives in. */
export interface Host {
  /** The element in the page (ours, or the `<help-feedback>` element itself). */
  element: HTMLElement
  root: ShadowRoot
  /** Panel frame: the dialog renders into it. */
  frame: HTMLElement
  applyTheme(theme: WidgetOptions['theme']): void
  remove(): void
}

const COLOR_VARS = {
  primary: '--hf-primary',
  onPrimary: '--hf-on-primary',
  background: '--hf-bg',
  text: '--hf-text',
} as const

/**
 * Create (or adopt) the host element and its shadow root. Styles go in a `<style>` carrying the
 * CSP nonce, or in adopted stylesheets when there is no nonce (see sheets.ts); colours are set
 * through CSSOM on the host, which CSP does not block.
 */
export function createHost(options: WidgetOptions, adopt?: HTMLElement): Host {
  const doc = document
  const element = adopt ?? doc.createElement('div')
  if (!adopt) element.setAttribute('data-help-feedback', '')
  const root = element.shadowRoot ?? element.attachShadow({ mode: 'open' })
  setSheetNonce(root, options.nonce)
  addSheet(root, 'host', hostCss)
  const frame = doc.createElement('div')
  frame.className = 'frame'
  frame.hidden = true
  root.append(frame)

  element.setAttribute('data-position', options.position ?? 'bottom-right')
  if (options.launcher === false) element.setAttribute('data-launcher', 'off')
  if (options.zIndex !== undefined) element.style.setProperty('--hf-z', String(options.zIndex))
  if (options.fontScale !== undefined) element.style.setProperty('--hf-font-scale', String(options.fontScale))
  for (const [key, cssVar] of Object.entries(COLOR_VARS)) {
    const value = options.colors?.[key as keyof typeof COLOR_VARS]
    if (value) element.style.setProperty(cssVar, value)
  }
  const host: Host = {
    element,
    root,
    frame,
    applyTheme: (theme) => element.setAttribute('data-theme', theme ?? 'auto'),
    remove() {
      removeSheets(root)
      root.replaceChildren()
      if (adopt) {
        for (const a of ['data-theme', 'data-position', 'data-launcher', 'data-open', 'style']) adopt.removeAttribute(a)
      } else element.remove()
    },
  }
  host.applyTheme(options.theme)
  if (!adopt) (options.container ?? doc.body).append(element)
  return host
}
