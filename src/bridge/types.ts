/**
 * Public types of the hybrid-app bridge (docs/bridge.md). Kept free of runtime code so
 * src/options.ts can name them without pulling the bridge into the initial bundle.
 */
import type { Listener, ViewName } from '../events.js'
import type { Locale, UserIdentity } from '../types.js'

/** How the page talks to its native host. `parent` is a web page framing the SDK's page. */
export type ChannelName = 'react-native' | 'webkit' | 'android' | 'parent'

/** Why an incoming message was dropped. */
export type DropReason =
  | 'origin' // from a window whose origin is not in allowedOrigins
  | 'source' // from a window that is not the parent frame
  | 'too-large'
  | 'parse' // not JSON
  | 'envelope' // not `{ v: 1, id, type, payload }`
  | 'unknown-type'
  | 'payload' // the type's payload schema failed
  | 'unexpected-reply' // a reply to no pending request
  | 'page-origin' // this page's own origin is not allowed, so native channels stay shut

/** Diagnostics: never carry message contents, only types and reasons. */
export type BridgeDebugEvent =
  | { type: 'bridge:ready'; channel: ChannelName | 'none' }
  | { type: 'bridge:drop'; reason: DropReason; messageType?: string; origin?: string }
  | { type: 'bridge:failed'; messageType: string; code: string }

/** `bridge` option and the options of `createBridge` / `connectBridge`. */
export interface BridgeOptions {
  /**
   * Exact origins (`https://app.example.com`) the bridge may talk to: the parent frame's origin
   * for the `parent` channel, and this page's own origin for native WebView channels (the same
   * list the app passes to `addWebMessageListener`). `'*'` is refused.
   */
  allowedOrigins: string[]
  /** Force a channel; `auto` (default) detects React Native, then WKWebView, Android, parent frame. */
  channel?: 'auto' | ChannelName
  /** How long a request waits for its reply (pickImage), in ms. Default 120 000. */
  timeoutMs?: number
  /** Largest accepted incoming message, in characters of JSON. Default 12 MB (an image reply). */
  maxMessageChars?: number
  /** Every dropped message and failed handler; e.g. forward to your logs. */
  onDebug?: (event: BridgeDebugEvent) => void
  /** Also log diagnostics with console.debug. */
  debug?: boolean
}

/** An image the native host picked for the user. */
export interface PickedImage {
  name: string
  type: string
  blob: Blob
}

/** What the bridge drives: satisfied by the widget API (`connectBridge`) or a headless client. */
export interface BridgeTarget {
  open(view?: ViewName, params?: Record<string, unknown>): unknown
  close(): void
  identify(user: UserIdentity): Promise<void>
  /** Re-identify the current user with a fresh token. */
  refreshToken(token: string): Promise<void>
  setLocale(locale: Locale | 'auto'): void
  setTheme?(theme: 'light' | 'dark' | 'auto'): void
  onEvent(listener: Listener): () => void
}

/** The running bridge. */
export interface Bridge {
  /** The channel in use; `none` outside a WebView or frame (every send returns false). */
  readonly channel: ChannelName | 'none'
  /** Ask the host to open a `tel:`, `mailto:` or https URL. False when refused or no host. */
  openUrl(url: string): boolean
  /** Ask the host for a native action, e.g. `freeze-account`. False when no host. */
  action(name: string, payload?: Record<string, unknown>): boolean
  /** Let the host pick an image; resolves null when the user cancelled. */
  pickImage(options?: { maxBytes?: number }): Promise<PickedImage | null>
  /** Stop listening, reject pending requests, remove the global receiver. */
  dispose(): void
}
