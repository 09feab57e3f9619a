/**
 * Following one stored job for as long as a view shows it (a reopened report), apart from
 * `follow.ts` so it loads with that view, not with the outbox.
 */
import { outcomeOf, type JobOutcome } from '../outbox/follow.js'
import type { Outbox, OutboxJob } from '../outbox/types.js'

/** Where a followed job stands: an outcome, on its way (`sending`), or gone from the device unseen (`gone`). */
export type JobStanding<R = unknown> =
  | Exclude<JobOutcome<R>, { kind: 'queued' }>
  | { kind: 'sending' }
  /** No longer stored, without this page seeing how (another tab sent or discarded it). */
  | { kind: 'gone' }

/**
 * Calls `onChange` each time job `id` stands somewhere new: first where it stands now (even
 * when it left the device before the call, as far as this page saw), then on every change, from
 * this page's events and from what other tabs wrote (`synced`). `sent`, `removed` and `gone` are
 * final. E.g. a reopened report that another tab, or this page after a reload, sends meanwhile.
 * Returns unsubscribe.
 */
export function followJob<R>(outbox: Outbox<R>, id: string, onChange: (s: JobStanding<R>) => void): () => void {
  let told: JobStanding<R>['kind'] | undefined
  let seen = false
  const tell = (s: JobStanding<R>) => {
    if (s.kind === told || told === 'sent' || told === 'removed' || told === 'gone') return
    told = s.kind
    onChange(s)
  }
  const stands = (job: OutboxJob | undefined, synced: boolean) => {
    if (job) seen = true
    if (job) tell(job.state === 'rejected' ? { kind: 'rejected', error: job.lastError } : { kind: 'sending' })
    else if (synced && seen) tell({ kind: 'gone' })
  }
  const stop = outbox.subscribe((event, jobs) => {
    const o = outcomeOf(event, id)
    if (o) return tell(o.kind === 'queued' ? { kind: 'sending' } : o)
    if (event.type === 'synced')
      stands(
        jobs.find((j) => j.id === id),
        true,
      )
    else if (event.type !== 'removed' && event.job.id === id) stands(event.job, false)
  })
  const left = outbox.left(id)
  if (left) tell(left.type === 'sent' ? { kind: 'sent', result: left.result } : { kind: 'removed' })
  else
    void outbox.list().then(
      // Where it stands now, unless an event already said more recently.
      (jobs) => {
        const job = jobs.find((j) => j.id === id)
        if (told === undefined || !job) {
          seen = true
          stands(job, true)
        }
      },
      () => undefined,
    )
  return stop
}
