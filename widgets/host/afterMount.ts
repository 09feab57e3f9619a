import { hasQueuedJobs } from './queued.js'
import { whenIdle } from './idle.js'

const OPENED = 'help-feedback:opened'
const INTERACTIONS = ['pointerdown', 'keydown', 'touchstart'] as const

/** Notes on this device that the panel was opened, so later pages prefetch it at idle. */
export function rememberOpened(): void {
  try {
    localStorage.setItem(OPENED, '1')
  } catch {
    /* storage off: prefetch waits for an interaction instead */
  }
}

/**
 * What a mounted widget does in the background: reports an earlier page left in the outbox go
 * out now (not when the panel next opens), and the panel is fetched for offline use (the
 * report form first of all) once the page is idle, unless the user asked to save data.
 * Before any interaction a first visit loads the entry only: the prefetch waits for the user's
 * first tap or key press in the page (outside the SDK's elements), or starts at idle where the panel was opened before.
 * Returns a function that cancels what has not started yet.
 */
export function afterMount(ctx: {
  /** Fetches the panel for offline use (the entry's `prefetchPanel` through its one dynamic import). */
  prefetch(): Promise<unknown>
  /** Loads the headless client, which delivers the waiting jobs. */
  deliver(): void
  prefetched(): void
  /** Whether an event happened in the SDK's own elements (opening the panel is no cue to prefetch). */
  inside(event: Event): boolean
}): () => void {
  let cancelled = false
  /** Cancels the idle callback (or the timer) that starts the prefetch, once one is set. */
  let stopIdle: (() => void) | undefined
  void hasQueuedJobs().then((queued) => queued && !cancelled && ctx.deliver())
  const run = () => {
    if (cancelled) return
    ctx.prefetch().then(
      () => !cancelled && ctx.prefetched(),
      () => {},
    )
  }
  const onInteraction = (e: Event) => !ctx.inside(e) && schedule()
  const schedule = () => {
    unlisten()
    if (cancelled || stopIdle) return
    stopIdle = whenIdle(run, 4000, 1500)
  }
  const unlisten = () => INTERACTIONS.forEach((type) => document.removeEventListener(type, onInteraction, true))
  let opened = false
  try {
    opened = localStorage.getItem(OPENED) === '1'
  } catch {
    /* treated as a first visit */
  }
  if (!(navigator as { connection?: { saveData?: boolean } }).connection?.saveData) {
    if (opened) schedule()
    else
      INTERACTIONS.forEach((type) => document.addEventListener(type, onInteraction, { capture: true, passive: true }))
  }
  return () => {
    cancelled = true
    unlisten()
    stopIdle?.()
  }
}
