/**
 * help-feedback/bridge — connect the widget to a native app shell (docs/bridge.md). Separate from
 * the UI entry so pages outside a WebView do not download it.
 *
 * @example
 * const help = createHelpFeedback({ onAction: (name, payload) => bridge.action(name, payload) })
 * const bridge = connectBridge(help, { allowedOrigins: ['https://wallet.example.com'] })
 */
import { createBridge } from '../src/bridge/bridge.js'
import type { Bridge, BridgeOptions, BridgeTarget } from '../src/bridge/types.js'
import { UnauthorizedError } from '../src/errors/RequestErrors.js'
import { validateSupportOptions } from '../src/options/index.js'
import type { HelpFeedback } from './index.js'

export type { Bridge, BridgeOptions, BridgeDebugEvent, PickedImage, ChannelName } from '../src/bridge/types.js'

/** The widget API as the bridge sees it. */
function widgetTarget(help: HelpFeedback): BridgeTarget {
  return {
    open: (view, params) => help.open(view, params),
    close: () => help.close(),
    identify: (user) => help.identify(user),
    async refreshToken(token) {
      const client = await help.client()
      const user = client.store.getState().session.user
      if (!user) throw new UnauthorizedError('tokenRefresh before identify')
      await client.identify({ ...user, token })
    },
    setLocale: (locale) => help.setLocale(locale),
    setTheme: (theme) => help.setTheme(theme),
    onEvent: (listener) => help.onEvent(listener),
  }
}

/**
 * Connect `help` to the native host, if the page runs in one. Links the SDK marks as external
 * (`tel:`, `mailto:`, https) are then handed to the host with `openUrl`, because WebViews
 * often cannot open them themselves. The bridge is disposed with the widget.
 * Throws ConfigError on bad options (e.g. `options.bridge.allowedOrigins.0`).
 */
export function connectBridge(help: HelpFeedback, options: BridgeOptions): Bridge {
  validateSupportOptions({ bridge: options })
  const bridge = createBridge(widgetTarget(help), options)
  const intercept = bridge.channel !== 'none' && typeof document !== 'undefined'

  const onClick = (event: MouseEvent) => {
    if (event.defaultPrevented || event.button !== 0) return
    // Shadow DOM retargets the event to the host element; the composed path still has the link.
    const link = event
      .composedPath()
      .find(
        (node): node is HTMLAnchorElement => node instanceof HTMLAnchorElement && node.hasAttribute('data-hf-external'),
      )
    if (link && bridge.openUrl(link.href)) event.preventDefault()
  }
  if (intercept) document.addEventListener('click', onClick, true)
  let disposed = false
  const dispose = () => {
    if (disposed) return
    disposed = true
    if (intercept) document.removeEventListener('click', onClick, true)
    stopDestroy()
    bridge.dispose()
  }
  const stopDestroy = help.onEvent((event) => {
    if (event.type === 'widget:destroy') dispose()
  })
  return { ...bridge, dispose }
}
