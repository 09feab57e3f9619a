import { reportUploadProgress } from '../attachments/progress.js'
/**
 * How the SDK's jobs are delivered: each feature declares, for the job kinds it queues, how to
 * send one through the transport, how to find an earlier attempt on a backend without
 * idempotency, and which SDK events its outcomes mean. `services.ts` only puts them together.
 */
import type { Emitter } from '../events.js'
import type { Transport, WriteFinder, WriteLookup } from '../transports/types.js'
import type { AttachmentRef } from '../types.js'
import type { OutboxEvent, OutboxJobOf, OutboxKind, QueuedFile } from './types.js'

export interface DeliverContext {
  idempotencyKey: string
  signal: AbortSignal
  /** The job being sent: upload progress events name it. */
  jobId?: string
}

export interface JobHandler<K extends OutboxKind> {
  /** Delivers one job. Payloads were masked before they were queued. */
  send(transport: Transport, job: OutboxJobOf<K>, ctx: DeliverContext): Promise<unknown>
  /** Backends without Idempotency-Key: the earlier attempt of a job whose answer was lost, if found. */
  reconcile?(transport: Transport & WriteFinder, job: OutboxJobOf<K>): Promise<unknown>
  /** The SDK events an outbox event of this kind means (e.g. `report:sent`). */
  events?(
    event: Exclude<OutboxEvent, { type: 'removed' | 'synced' }> & { job: OutboxJobOf<K> },
    emit: Emitter['emit'],
  ): void
  /** Refused jobs of this kind are dropped after a week (chat messages, votes, ratings). */
  ephemeral?: boolean
  /**
   * Drafts kept beside a job of this kind while it waits (what is typed into a refused report):
   * cleared once the job leaves the device, sent or discarded, here or in another tab.
   */
  drafts?(jobId: string): string[]
}

/** One handler per job kind: a kind without one is a type error. */
export type JobHandlers = { [K in OutboxKind]: JobHandler<K> }

/**
 * Uploads a job's files first. Each upload reuses the job's idempotency key plus its index, so
 * a retry after a lost answer returns the same attachment instead of storing it twice.
 */
export async function uploadFiles(
  transport: Transport,
  files: QueuedFile[] | undefined,
  ctx: DeliverContext,
): Promise<AttachmentRef[]> {
  if (!files?.length || !transport.uploadAttachment) return []
  const refs: AttachmentRef[] = []
  for (const [i, f] of files.entries()) {
    const file = { jobId: ctx.jobId ?? '', name: f.name, size: f.blob.size }
    const onUploadProgress = (loaded: number, total: number) =>
      reportUploadProgress({ ...file, loaded, total, phase: 'uploading' })
    try {
      refs.push(
        await transport.uploadAttachment(
          f.blob,
          { name: f.name, type: f.type },
          { idempotencyKey: `${ctx.idempotencyKey}:file:${i}`, signal: ctx.signal, onUploadProgress },
        ),
      )
    } catch (error) {
      reportUploadProgress({ ...file, loaded: 0, total: file.size, phase: 'failed' })
      throw error
    }
    reportUploadProgress({ ...file, loaded: file.size, total: file.size, phase: 'done' })
  }
  return refs
}

/**
 * A write with the job's files: uploads them (see `uploadFiles`), then returns the write with
 * their refs after the attachments it already had.
 */
export async function withFiles<W extends { attachments: AttachmentRef[] }>(
  transport: Transport,
  write: W,
  files: QueuedFile[] | undefined,
  ctx: DeliverContext,
): Promise<W> {
  const refs = await uploadFiles(transport, files, ctx)
  return { ...write, attachments: [...write.attachments, ...refs] }
}

/**
 * `reconcile` for a write on a ticket or a conversation: the earlier attempt is that text, written
 * no earlier than the job was queued (older ones are the user's own, separate writes).
 */
export function findJobWrite(
  transport: Transport & WriteFinder,
  job: { createdAt: number; idempotencyKey: string },
  lookup: Exclude<WriteLookup, { kind: 'ticket' }>,
) {
  return transport.findWrite({ ...lookup, since: job.createdAt }, job.idempotencyKey)
}

/** The transport's optional method, or a non-retryable `unsupported` error. */
export function need<F>(fn: F | undefined, name: string): F {
  if (!fn)
    throw Object.assign(new Error(`transport does not support ${name}`), { code: 'unsupported', retryable: false })
  return fn
}
