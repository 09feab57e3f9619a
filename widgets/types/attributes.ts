import type { WidgetOptions } from '../../src/options/index.js'
import type { Locale } from '../../src/types.js'

/**
 * What `<help-feedback>` accepts in markup (see widgets/element.ts), shared by the React and
 * Vue declarations. `options` is a property, not an attribute: React 19 and Vue both set it as
 * one because the element defines it.
 */
export interface HelpFeedbackElementAttributes {
  locale?: Locale | 'auto'
  theme?: 'light' | 'dark' | 'auto'
  position?: 'bottom-right' | 'bottom-left'
  'z-index'?: number | `${number}`
  /** The page's CSP nonce for the SDK's `<style>` elements. */
  nonce?: string
  /** `"off"` when the app has its own "Help & Feedback" entry. */
  launcher?: 'on' | 'off'
  /** REST transport base URL; without it the memory transport is used. */
  'base-url'?: string
  /** Callbacks, a custom transport, channels…; attributes win for what they cover. */
  options?: WidgetOptions
}
