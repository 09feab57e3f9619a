import type { MessageOverrides } from '../i18n/translate.js'
import type { Transport } from '../transports/types.js'
import type { Article, Locale, TransactionRef, UserIdentity } from '../types.js'
import type { HelpFeedbackEvent } from '../events.js'
import type { BridgeOptions } from '../bridge/types.js'
import type { ChannelsOption } from '../contact/channels.js'
import { obj } from './check.js'
import { coreShape } from './core.js'
import { checkWidgetOptions, widgetShape } from './widget.js'

/** A declarative transport for script-tag users; resolved lazily so it costs nothing up front. */
export type TransportSpec =
  { type: 'memory' } | { type: 'rest'; baseUrl: string; getUserToken?: () => Promise<string> | string }

/** A transport, a factory for one (called on first use), or a declarative spec. */
export type TransportOption = Transport | (() => Transport | Promise<Transport>) | TransportSpec

/** Options of the headless client (`help-feedback/core`). */
export interface SupportOptions {
  /** Ticket backend. Default: the in-browser memory transport (demo / offline only). */
  transport?: TransportOption
  /** `auto` follows `navigator.languages`. Default `auto`. */
  locale?: Locale | 'auto'
  /** Per-locale string overrides, e.g. `{ 'zh-CN': { 'panel.title': '帮助中心' } }`. */
  messages?: MessageOverrides
  user?: UserIdentity
  /** Called for every SDK event (`domain:verb`): analytics, logging. */
  onEvent?: (event: HelpFeedbackEvent) => void
  /** Host actions the SDK asks for, e.g. `freeze-account`, `open-url`. */
  onAction?: (action: string, payload?: Record<string, unknown>) => void | Promise<void>
  /** Recent transactions, so the user can pick the one they report. */
  getRecentTransactions?: () => Promise<TransactionRef[]> | TransactionRef[]
  /** Host app version, shown to agents and in the self-check. */
  appVersion?: string
  /**
   * Where help articles come from. `url`: a prebuilt index (`npm run index:articles`) fetched on
   * first search and cached for offline use; `index`: the same JSON inline; `articles`: raw
   * articles indexed on the device. Default: the transport's `listArticles`.
   */
  articles?: { url?: string; index?: unknown; articles?: Article[] }
  /**
   * Contact channels shown in the contact panel: hotline, e-mail, website, social accounts and
   * service points, with weekly hours and holidays in the operator's `timeZone`.
   */
  channels?: ChannelsOption
  /** Hybrid-app bridge to a native host (docs/bridge.md): the origins it may talk to. */
  bridge?: BridgeOptions
}

/** Visual options of the widget (`help-feedback`). */
export interface WidgetOptions extends SupportOptions {
  theme?: 'light' | 'dark' | 'auto'
  /** Brand colours as CSS colour strings; they become CSS variables on `:host`. */
  colors?: { primary?: string; onPrimary?: string; background?: string; text?: string }
  position?: 'bottom-right' | 'bottom-left'
  /** Stacking level of the launcher and the panel. Default 2147483000. */
  zIndex?: number
  /** CSP nonce put on the SDK's `<style>` element(s). */
  nonce?: string
  /**
   * Text size relative to the page's root font size (default 1). Panel text follows the
   * root font (a user's larger default font scales it); apps that pin `html { font-size }` in
   * px can pass their own text-size setting here, e.g. 1.5. From 0.75 to 3.
   */
  fontScale?: number
  /** Show the floating launcher button. Set false when the app has its own entry. Default true. */
  launcher?: boolean
  /** Where to mount; default `document.body`. */
  container?: Element
}

export { checkWidgetOptions }

/** Validate headless options; throws ConfigError naming the bad path (e.g. `options.user.id`). */
export function validateSupportOptions(options: unknown): SupportOptions {
  obj(coreShape)(options ?? {}, 'options')
  return (options ?? {}) as SupportOptions
}

/** Throws a ConfigError (path `user`) unless `user` is a user as the `user` option takes one. */
export const checkUser = (user: unknown): void => coreShape.user!(user, 'user')

/** Validate widget options in full (core options in depth plus look and placement). */
export function validateWidgetOptions(options: unknown): WidgetOptions {
  obj({ ...coreShape, ...widgetShape })(options ?? {}, 'options')
  return (options ?? {}) as WidgetOptions
}
