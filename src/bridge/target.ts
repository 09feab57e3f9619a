import type { SupportClient } from '../client.js'
import { UnauthorizedError } from '../errors/RequestErrors.js'
import type { BridgeTarget } from './types.js'

/**
 * A bridge target over the headless client (`help-feedback/core`). It has no theme: a
 * headless host renders its own UI, so `theme` messages are answered `unsupported`.
 */
export function clientTarget(client: SupportClient): BridgeTarget {
  return {
    // Checked by the bridge's protocol; each view checks its own parameters again.
    open: (view, params) => client.open(view, params as never),
    close: () => client.close(),
    identify: (user) => client.identify(user),
    async refreshToken(token) {
      const user = client.store.getState().session.user
      if (!user) throw new UnauthorizedError('tokenRefresh before identify')
      await client.identify({ ...user, token })
    },
    setLocale: (locale) => client.setLocale(locale),
    onEvent: (listener) => client.events.on(listener),
  }
}
