/**
 * Runs `run` when the page is idle (at the latest after `timeout` ms), or after `fallback` ms where
 * there is no idle callback. Returns a function that cancels it. In the shell chunk: the entry
 * (prefetch after mount) and the panel (storage after the first paint) both wait so.
 */
export function whenIdle(run: () => void, timeout: number, fallback: number): () => void {
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(run, { timeout })
    return () => cancelIdleCallback(id)
  }
  const id = setTimeout(run, fallback)
  return () => clearTimeout(id)
}
