import type { MessageKey } from './locales/en.js'

/**
 * The catalog key that tells the user what went wrong. A failed request reads the same to the
 * SDK whether the phone has no network or the service is down (a refused or cut connection),
 * so the words come from both the error code and whether the device is online: "you are
 * offline" only when it is, "the service is not answering" when the network is there.
 *
 * @example
 * t(errorKey('offline', navigator.onLine)) // online: "Our service is not answering right now…"
 */
export function errorKey(code: string | undefined, online: boolean): MessageKey {
  const c = code ?? 'unknown'
  // Without a network every failure to reach the service is the network's.
  if (!online && (c === 'offline' || c === 'timeout' || c === 'server' || c === 'unknown')) return 'error.offline'
  if (c === 'offline') return 'error.unreachable'
  return `error.${c}` as MessageKey
}
