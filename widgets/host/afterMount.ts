import type { TransportOption } from '../../src/options/index.js'
import type { Locale } from '../../src/types.js'
import { hasQueuedJobs } from './queued.js'

/**
 * What a mounted widget does in the background, in a chunk of its own so the entry stays lean:
 * reports an earlier page left in the outbox go out now (not when the panel next opens), and
 * once the page is idle the entry fetches what the panel needs to open without a network (the
 * report form first of all), unless the user asked to save data.
 * Returns a function that cancels what has not started yet.
 */
export function afterMount(ctx: {
  locale(): Locale
  transport: TransportOption | undefined
  /** Loads the headless client, which delivers the waiting jobs. */
  deliver(): void
  prefetched(): void
}): () => void {
  let cancelled = false
  void hasQueuedJobs().then((queued) => queued && !cancelled && ctx.deliver())
  if ((navigator as { connection?: { saveData?: boolean } }).connection?.saveData) return () => void (cancelled = true)
  const run = () => {
    if (cancelled) return
    import('../panel/prefetch.js')
      .then((m) => m.prefetchPanel(ctx.locale(), ctx.transport))
      .then(() => !cancelled && ctx.prefetched(), () => {})
  }
  const idle = typeof requestIdleCallback === 'function' ? requestIdleCallback(run, { timeout: 4000 }) : setTimeout(run, 1500)
  return () => {
    cancelled = true
    if (typeof cancelIdleCallback === 'function') cancelIdleCallback(idle as number)
    else clearTimeout(idle)
  }
}
