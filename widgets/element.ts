import { createHelpFeedback, type HelpFeedback } from './index.js'
import type { WidgetOptions } from '../src/options/index.js'

/**
 * `<help-feedback>`: the widget as a custom element, for pages without a bundler.
 *
 * ```html
 * <help-feedback locale="zh-CN" theme="auto" position="bottom-right" base-url="/support-api"></help-feedback>
 * ```
 * Attributes: `locale`, `theme`, `position`, `z-index`, `nonce` (read from the `nonce` property,
 * which keeps the value browsers hide from the attribute under a CSP), `launcher="off"`,
 * `base-url` (REST transport; without it the memory transport is used). For callbacks and a
 * custom transport, set the `options` property before connecting, or use `createHelpFeedback`.
 * Removing the element destroys the widget. Typed for React (`help-feedback/jsx`) and Vue
 * (`help-feedback/vue`); safe to import on a server, where it registers nothing.
 */
// On a server (SSR) there is no HTMLElement: extend an empty class so this module can still be
// imported; the element is only registered where `customElements` exists.
const Base = (typeof HTMLElement === 'undefined' ? class {} : HTMLElement) as typeof HTMLElement

export class HelpFeedbackElement extends Base {
  static observedAttributes = ['locale', 'theme']
  /** Extra options (callbacks, transport); attributes win for what they cover. */
  options: WidgetOptions = {}
  widget: HelpFeedback | undefined

  connectedCallback(): void {
    if (this.widget) return
    const a = (name: string) => this.getAttribute(name) ?? undefined
    const opts: WidgetOptions = { ...this.options }
    const locale = a('locale')
    if (locale) opts.locale = locale as NonNullable<WidgetOptions['locale']>
    const theme = a('theme')
    if (theme) opts.theme = theme as NonNullable<WidgetOptions['theme']>
    const position = a('position')
    if (position) opts.position = position as NonNullable<WidgetOptions['position']>
    const z = a('z-index')
    if (z) opts.zIndex = Number(z)
    // Under a CSP the browser hides the nonce attribute (getAttribute gives ""); the IDL
    // property keeps it.
    const nonce = this.nonce || a('nonce')
    if (nonce) opts.nonce = nonce
    if (a('launcher') === 'off') opts.launcher = false
    const baseUrl = a('base-url')
    if (baseUrl) opts.transport = { type: 'rest', baseUrl }
    this.widget = createHelpFeedback(opts, this).mount()
  }

  disconnectedCallback(): void {
    this.widget?.destroy()
    this.widget = undefined
  }

  attributeChangedCallback(name: string, _old: string | null, value: string | null): void {
    if (!this.widget || value === null) return
    if (name === 'locale') this.widget.setLocale(value as 'en')
    if (name === 'theme') this.widget.setTheme(value as 'auto')
  }

  open(...args: Parameters<HelpFeedback['open']>) {
    return this.widget?.open(...args)
  }

  close() {
    this.widget?.close()
  }
}

/** Register the element (idempotent: a second copy of the SDK on the page does not throw). */
export function defineHelpFeedbackElement(tag = 'help-feedback'): void {
  if (typeof customElements !== 'undefined' && !customElements.get(tag)) customElements.define(tag, HelpFeedbackElement)
}

defineHelpFeedbackElement()
