import type { OutboxEvent, OutboxJobBase } from './types.js'

export interface TidyContext {
  author: (() => string) | undefined
  expireRejected: ((job: OutboxJobBase) => boolean) | undefined
  now: () => number
  /** Stores `job` over the version it was made from; false (nothing written) if that is not the stored one now. */
  save(job: OutboxJobBase): Promise<boolean>
  forget(id: string): Promise<void>
  emit(event: OutboxEvent<never, OutboxJobBase>): void
}

/**
 * What a pass does first, under the lock: jobs of earlier versions (no author) are adopted by
 * the current author, refused jobs the caller lets expire are dropped, and a job still marked
 * `sending` — its page died mid-send, its request may have landed — is reconciled (same key),
 * due now.
 */
export async function tidy(list: readonly OutboxJobBase[], ctx: TidyContext): Promise<void> {
  for (let job of list) {
    if (ctx.author && job.author === undefined) {
      job = { ...job, author: ctx.author() }
      // Discarded or forgotten by another tab since it was listed: it stays gone.
      if (!(await ctx.save(job))) continue
    }
    if (job.state === 'rejected' && ctx.expireRejected?.(job)) {
      await ctx.forget(job.id)
      ctx.emit({ type: 'removed', id: job.id })
      continue
    }
    if (job.state !== 'sending') continue
    const recovered: OutboxJobBase = {
      ...job,
      state: job.attempts > 0 ? 'reconcile' : 'queued',
      retryDelayMs: 0,
      updatedAt: ctx.now(),
    }
    if (!(await ctx.save(recovered))) continue
    ctx.emit({ type: 'updated', job: recovered })
  }
}
