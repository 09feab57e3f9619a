import type { OutboxJobBase } from './types.js'

/** `performance.now()` where it exists; it never jumps when the user or the network resets the clock. */
export function monotonicNow(): number {
  const perf = (globalThis as { performance?: { now?: () => number } }).performance
  return typeof perf?.now === 'function' ? perf.now() : Date.now()
}

/** What identifies one stored version of a job; another tab's write changes it. */
const versionOf = (job: OutboxJobBase) => `${job.state}|${job.attempts}|${job.updatedAt}|${job.idempotencyKey}`

/**
 * When each job is due, on the page's monotonic clock. Storage holds only the delay
 * (`retryDelayMs`): a page that first sees a job (after a reload, or written by another tab)
 * counts that delay from then. An absolute device time would strand a job for a day when the
 * clock was a day ahead while it failed, and let later jobs overtake it.
 *
 * @example
 * const due = createDueTimes(() => performance.now())
 * due.set(job, performance.now() + 2000) // after a failure in this page
 * if (due.isDue(job)) send(job)
 */
export function createDueTimes(clock: () => number) {
  const known = new Map<string, { version: string; at: number }>()
  const dueAt = (job: OutboxJobBase): number => {
    const version = versionOf(job)
    const hit = known.get(job.id)
    if (hit && hit.version === version) return hit.at
    // Jobs from earlier versions only carry an absolute time: treat them as due now.
    const at = clock() + (job.state === 'queued' ? 0 : Math.max(0, job.retryDelayMs ?? 0))
    known.set(job.id, { version, at })
    return at
  }
  return {
    dueAt,
    isDue: (job: OutboxJobBase) => dueAt(job) <= clock(),
    /** Records the due time decided in this page for the stored version `job`. */
    set(job: OutboxJobBase, at: number): void {
      known.set(job.id, { version: versionOf(job), at })
    },
    forget(id: string): void {
      known.delete(id)
    },
  }
}
