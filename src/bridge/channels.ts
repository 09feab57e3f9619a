/**
 * The four ways a page can talk to its host, detected in this order (wallet-domain.md §4):
 * React Native WebView, iOS WKWebView, Android (WebMessageListener or JavascriptInterface),
 * and a parent frame. Native hosts answer through `window.HelpFeedbackBridge.receive(json)`
 * (evaluateJavaScript / injectJavaScript); a parent frame answers with postMessage. Outgoing
 * messages are JSON strings everywhere, because React Native accepts only strings.
 */
import type { ChannelName, DropReason } from './types.js'

/** The slice of `window` the bridge uses; tests pass a fake. */
export interface BridgeWindow {
  location: { origin: string; ancestorOrigins?: { length: number; [i: number]: string } }
  document?: {
    referrer: string
    addEventListener?: EventTarget['addEventListener']
    removeEventListener?: EventTarget['removeEventListener']
  }
  parent: unknown
  addEventListener(type: 'message', listener: (e: MessageEvent) => void): void
  removeEventListener(type: 'message', listener: (e: MessageEvent) => void): void
  ReactNativeWebView?: { postMessage(message: string): void }
  webkit?: { messageHandlers?: { helpFeedback?: { postMessage(message: unknown): void } } }
  helpFeedback?: {
    postMessage(message: string): void
    addEventListener?: (type: 'message', l: (e: { data: unknown }) => void) => void
    removeEventListener?: (type: 'message', l: (e: { data: unknown }) => void) => void
  }
  HelpFeedbackBridge?: { receive(message: unknown): void }
}

/** Hands a raw incoming message on, or reports why it was refused at the channel level. */
export interface Inbox {
  deliver(data: unknown): void
  drop(reason: DropReason, origin?: string): void
}

export interface Channel {
  name: ChannelName
  /** False when the message could not be sent (e.g. the parent's origin is not known yet). */
  post(message: string): boolean
  /** Start receiving; returns the stop function. */
  listen(inbox: Inbox): () => void
}

/** Install `window.HelpFeedbackBridge.receive` for native hosts; removed again on stop. */
function globalReceiver(win: BridgeWindow, inbox: Inbox): () => void {
  const receiver = { receive: (message: unknown) => inbox.deliver(message) }
  win.HelpFeedbackBridge = receiver
  return () => {
    if (win.HelpFeedbackBridge === receiver) delete win.HelpFeedbackBridge
  }
}

function reactNative(win: BridgeWindow): Channel {
  return {
    name: 'react-native',
    post: (m) => (win.ReactNativeWebView?.postMessage(m), true),
    listen(inbox) {
      // react-native-webview's `postMessage` dispatches a synthetic MessageEvent (origin '')
      // on window (iOS) or document (Android). A real cross-window message always has an origin.
      const onMessage = (e: Event) => {
        const m = e as MessageEvent
        if (m.origin === '' || m.origin === undefined) inbox.deliver(m.data)
      }
      win.addEventListener('message', onMessage)
      win.document?.addEventListener?.('message', onMessage)
      const stop = globalReceiver(win, inbox)
      return () => {
        win.removeEventListener('message', onMessage)
        win.document?.removeEventListener?.('message', onMessage)
        stop()
      }
    },
  }
}

function webkit(win: BridgeWindow): Channel {
  return {
    name: 'webkit',
    post: (m) => (win.webkit?.messageHandlers?.helpFeedback?.postMessage(m), true),
    listen: (inbox) => globalReceiver(win, inbox),
  }
}

function android(win: BridgeWindow): Channel {
  return {
    name: 'android',
    post: (m) => (win.helpFeedback?.postMessage(m), true),
    listen(inbox) {
      // A WebMessageListener object also receives the host's replies as events.
      const obj = win.helpFeedback
      const onMessage = (e: { data: unknown }) => inbox.deliver(e.data)
      obj?.addEventListener?.('message', onMessage)
      const stop = globalReceiver(win, inbox)
      return () => {
        obj?.removeEventListener?.('message', onMessage)
        stop()
      }
    },
  }
}

/**
 * The parent frame. Incoming: only from `window.parent` and an allowed origin. Outgoing: to the
 * parent's origin when it is known and allowed (ancestorOrigins, referrer, the only allowed
 * origin, or the origin of the first valid message) — never to '*'.
 */
function parentFrame(win: BridgeWindow, allowed: readonly string[]): Channel {
  const candidates = [
    win.location.ancestorOrigins?.[0],
    originOf(win.document?.referrer),
    allowed.length === 1 ? allowed[0] : undefined,
  ]
  let target = candidates.find((o): o is string => o !== undefined && allowed.includes(o))
  return {
    name: 'parent',
    post(m) {
      if (!target) return false
      ;(win.parent as Window).postMessage(m, target)
      return true
    },
    listen(inbox) {
      const onMessage = (e: MessageEvent) => {
        if (!allowed.includes(e.origin)) return inbox.drop('origin', e.origin)
        if (e.source !== win.parent) return inbox.drop('source', e.origin)
        target ??= e.origin
        inbox.deliver(e.data)
      }
      win.addEventListener('message', onMessage)
      return () => win.removeEventListener('message', onMessage)
    },
  }
}

function originOf(url: string | undefined): string | undefined {
  if (!url) return undefined
  try {
    return new URL(url).origin
  } catch {
    return undefined
  }
}

/**
 * Pick the channel. Native channels also need this page's own origin to be allowed, so an
 * unexpected page (or frame) inside the app's WebView cannot reach native code through us.
 */
export function detectChannel(
  win: BridgeWindow,
  allowed: readonly string[],
  wanted: 'auto' | ChannelName = 'auto',
): { channel: Channel } | { channel: undefined; reason?: DropReason } {
  const found: Array<[ChannelName, boolean]> = [
    ['react-native', typeof win.ReactNativeWebView?.postMessage === 'function'],
    ['webkit', typeof win.webkit?.messageHandlers?.helpFeedback?.postMessage === 'function'],
    ['android', typeof win.helpFeedback?.postMessage === 'function'],
    ['parent', win.parent !== undefined && win.parent !== null && win.parent !== win],
  ]
  const name = found.find(([n, present]) => present && (wanted === 'auto' || wanted === n))?.[0]
  if (!name) return { channel: undefined }
  if (name === 'parent') return { channel: parentFrame(win, allowed) }
  if (!allowed.includes(win.location.origin)) return { channel: undefined, reason: 'page-origin' }
  return { channel: name === 'react-native' ? reactNative(win) : name === 'webkit' ? webkit(win) : android(win) }
}
