import type { OutboxEvent, OutboxJobBase } from './types.js'

export interface TidyContext {
  author: (() => string) | undefined
  expireRejected: ((job: OutboxJobBase) => boolean) | undefined
  now: () => number
  save(job: OutboxJobBase): Promise<void>
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
      await ctx.save(job)
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
    await ctx.save(recovered)
    ctx.emit({ type: 'updated', job: recovered })
  }
}
