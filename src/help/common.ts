import type { SupportClient } from '../client.js'
import { errorCode } from '../errors/errorCode.js'
import type { MessageKey } from '../i18n/index.js'
import { hasOwn } from '../hasOwn.js'

/**
 * What `client.help` answers at once, before the help controller's code (help.ts) has loaded:
 * shared by that controller and lazy.ts.
 */

/** Opens an article picked from the suggestions under a report or chat draft. */
export function openSuggestion(client: SupportClient, id: string, from: 'report' | 'chat'): void {
  client.events.emit({ type: 'suggestion:open', id, from })
  client.navigate('article', { id, from, source: 'suggestion' })
}

/**
 * A short localized message for an error of the help flow (also reported as an event).
 * `loadFailures`: errors of loading the content as a whole (its code or its articles).
 */
export function helpErrorMessage(client: SupportClient, error: unknown, loadFailures: WeakSet<object>): string {
  const generic = client.report(error)
  const code = errorCode(error)
  // A failed fetch with the network up means the service is not answering, not "offline".
  // The index or article list not loading (gone, a server error) is neither "this article
  // is no longer available" nor the generic "we will try again": nothing retries a search by itself.
  const ofContent = typeof error === 'object' && error !== null && loadFailures.has(error)
  const key =
    code === 'offline' || code === 'timeout'
      ? client.store.getState().system.online
        ? 'help.error.unreachable'
        : 'help.error.offline'
      : ofContent
        ? code === 'unsupported'
          ? 'help.error.unsupported'
          : 'help.error.malformed'
        : hasOwn(HELP_ERRORS, code)
          ? HELP_ERRORS[code]
          : undefined
  return key ? client.t(key) : generic
}

const HELP_ERRORS: Record<string, MessageKey> = {
  malformed_response: 'help.error.malformed',
  unsupported: 'help.error.unsupported',
  not_found: 'help.error.notFound',
}
