/**
 * Following one outbox job from "stored" to its first outcome, for flows that must tell the
 * user right away whether their report or comment went out, waits on this device, or needs
 * them to fix something.
 */
import type { Outbox, OutboxEvent, OutboxJob, OutboxJobError } from './index.js'

/** What the user is told once a job is stored. */
export type JobOutcome<R = unknown> =
  | { kind: 'sent'; result: R }
  /** `rev`: the refused job's revision, for a retry or discard of that very version. */
  | { kind: 'rejected'; error: OutboxJobError | undefined; rev?: number }
  /** Stored and still to be sent: `offline` (no network), `retrying` (an attempt failed), `slow` (no answer yet). */
  | { kind: 'queued'; reason: 'offline' | 'retrying' | 'slow'; error?: OutboxJobError }
  | { kind: 'removed' }

export interface StartedJob<R = unknown> {
  jobId: string
  /** Settles on the first outcome; never rejects. */
  outcome: Promise<JobOutcome<R>>
}

export interface StartJobOptions {
  /** How long to wait for the first attempt before saying "saved, still sending". Default 8000 ms. */
  settleMs?: number
  /** False when the device is known to be offline: no attempt will be made, say so at once. */
  isOnline?: () => boolean
}

/** The outcome a single outbox event means for `id`, if any. */
export function outcomeOf<R>(event: OutboxEvent<R>, id: string): JobOutcome<R> | undefined {
  if (event.type === 'removed') return event.id === id ? { kind: 'removed' } : undefined
  if (event.type === 'synced' || event.job.id !== id) return undefined
  if (event.type === 'sent') return { kind: 'sent', result: event.result }
  if (event.type === 'rejected') return { kind: 'rejected', error: event.job.lastError, rev: event.job.rev ?? 0 }
  if (event.job.state === 'failed_retryable') {
    const error = event.job.lastError
    return { kind: 'queued', reason: error?.code === 'offline' ? 'offline' : 'retrying', ...(error ? { error } : {}) }
  }
  return undefined
}

/**
 * Runs `start` (an enqueue or a retry) and follows the job it returns. Listens before `start`
 * runs, so a backend that answers within the same tick is not missed.
 *
 * @example
 * const { jobId, outcome } = await startJob(outbox, () => outbox.enqueue('ticket', payload))
 * const first = await outcome // { kind: 'sent', result: ticket } | { kind: 'queued', reason: 'offline' } | …
 */
export async function startJob<R = unknown>(
  outbox: Outbox<R>,
  start: () => Promise<string>,
  options: StartJobOptions = {},
): Promise<StartedJob<R>> {
  const early: Array<OutboxEvent<R>> = []
  let id: string | undefined
  let settle: ((o: JobOutcome<R>) => void) | undefined
  let found: JobOutcome<R> | undefined
  const unsubscribe = outbox.subscribe((event) => {
    if (id === undefined) return void early.push(event)
    const o = outcomeOf(event, id)
    if (o && !found) {
      found = o
      settle?.(o)
    }
  })
  try {
    id = await start()
  } catch (error) {
    unsubscribe()
    throw error
  }
  for (const event of early) found ??= outcomeOf(event, id)
  const jobId = id
  const outcome = new Promise<JobOutcome<R>>((resolve) => {
    let timer: ReturnType<typeof setTimeout> | undefined
    settle = (o) => {
      clearTimeout(timer)
      unsubscribe()
      resolve(o)
    }
    if (found) return settle(found)
    if (options.isOnline && !options.isOnline()) return settle({ kind: 'queued', reason: 'offline' })
    timer = setTimeout(() => settle?.({ kind: 'queued', reason: 'slow' }), options.settleMs ?? 8000)
  })
  return { jobId, outcome }
}

/** A job's current state as the user sees it. */
export type PendingState = 'sending' | 'waiting' | 'attention'

/**
 * `sending`: in flight, or its outcome is being reconciled (the backend may already have it);
 * `waiting`: stored, waiting for the network or a retry; `attention`: refused, the user must act.
 */
export function pendingState(job: Pick<OutboxJob, 'state'>): PendingState {
  if (job.state === 'sending' || job.state === 'reconcile') return 'sending'
  if (job.state === 'rejected') return 'attention'
  return 'waiting'
}
