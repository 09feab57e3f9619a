/**
 * The one offline check: true only when the browser is sure it has no network
 * (`navigator.onLine === false`). Outside a browser, or when it cannot tell, we are online: a
 * request that then fails says more than a guess.
 */
export function isBrowserOffline(): boolean {
  return (globalThis as { navigator?: { onLine?: boolean } }).navigator?.onLine === false
}
