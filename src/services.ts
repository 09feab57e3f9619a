import { reportUploadProgress } from './attachments/progress.js'
import { createDrafts, type Drafts } from './drafts/index.js'
import { createOutbox, type Outbox, type OutboxJob } from './outbox/index.js'
import { redactFields } from './privacy/index.js'
import { REFERENCE_FIELDS } from './reports/fields.js'
import type { Emitter } from './events.js'
import { openStore, type StorageWarning } from './storage/index.js'
import { clearScope, migrateUnscoped, scopedStore, scopeOf } from './storage/scope.js'
import type { KeyValueStore } from './storage/types.js'
import { canFindWrites, type Transport } from './transports/types.js'
import type { AttachmentRef, CommentInput, MessageInput, RatingTarget, Ticket, TicketInput } from './types.js'

/** A file queued with a write; stored as a Blob in IndexedDB until it is uploaded. */
export interface QueuedFile {
  blob: Blob
  name: string
  type: string
}

/** Payloads of the outbox job kinds the core knows how to deliver. */
export interface JobPayloads {
  ticket: { input: TicketInput; files?: QueuedFile[] }
  comment: { ticketId: string; comment: CommentInput; files?: QueuedFile[] }
  escalate: { ticketId: string; reason: string }
  rating: { target: RatingTarget; score: number; comment?: string }
  vote: { articleId: string; helpful: boolean }
  message: { conversationId: string; message: MessageInput; files?: QueuedFile[] }
}

export interface Services {
  /** The current user's part of the device store (see `scopedStore`). */
  store: KeyValueStore
  /**
   * False when IndexedDB is unavailable or a write fell back to memory (quota, closed
   * connection): what is stored now is gone when the page closes.
   */
  readonly persistent: boolean
  outbox: Outbox
  drafts: Drafts
  /** The signed-in user changed: pending drafts are written for the previous one, then the scope switches. */
  setUser(userId: string | undefined): Promise<void>
  /** Deletes the current user's drafts, transcripts, cached lists and unsent jobs on this device. */
  forgetUser(): Promise<void>
}

/** Refused chat messages, votes and ratings are dropped after a week; reports and comments wait for the user. */
const EXPIRE_REJECTED_MS = 7 * 86_400_000
const EPHEMERAL_KINDS = new Set(['message', 'vote', 'rating'])

/**
 * Upload the job's files first. Each upload reuses the job's idempotency key plus its index, so
 * a retry after a lost answer returns the same attachment instead of storing it twice.
 */
async function upload(transport: Transport, files: QueuedFile[] | undefined, key: string, signal: AbortSignal, jobId = ''): Promise<AttachmentRef[]> {
  if (!files?.length) return []
  if (!transport.uploadAttachment) return []
  const refs: AttachmentRef[] = []
  for (const [i, f] of files.entries()) {
    const file = { jobId, name: f.name, size: f.blob.size }
    const onUploadProgress = (loaded: number, total: number) => reportUploadProgress({ ...file, loaded, total, phase: 'uploading' })
    try {
      refs.push(await transport.uploadAttachment(f.blob, { name: f.name, type: f.type }, { idempotencyKey: `${key}:file:${i}`, signal, onUploadProgress }))
    } catch (error) {
      reportUploadProgress({ ...file, loaded: 0, total: file.size, phase: 'failed' })
      throw error
    }
    reportUploadProgress({ ...file, loaded: file.size, total: file.size, phase: 'done' })
  }
  return refs
}

/** Deliver one outbox job through the transport. Payloads were masked before they were queued. */
export async function deliver(transport: Transport, job: OutboxJob, idempotencyKey: string, signal: AbortSignal): Promise<unknown> {
  const opts = { idempotencyKey, signal }
  switch (job.kind) {
    case 'ticket': {
      const p = job.payload as JobPayloads['ticket']
      const files = await upload(transport, p.files, idempotencyKey, signal, job.id)
      return transport.createTicket({ ...p.input, attachments: [...p.input.attachments, ...files] }, opts)
    }
    case 'comment': {
      const p = job.payload as JobPayloads['comment']
      const files = await upload(transport, p.files, idempotencyKey, signal, job.id)
      return need(transport.addComment, 'addComment').call(transport, p.ticketId, { ...p.comment, attachments: [...p.comment.attachments, ...files] }, opts)
    }
    case 'escalate': {
      const p = job.payload as JobPayloads['escalate']
      return need(transport.escalateTicket, 'escalateTicket').call(transport, p.ticketId, p.reason, opts)
    }
    case 'rating': {
      const p = job.payload as JobPayloads['rating']
      return need(transport.rate, 'rate').call(transport, p.target, p.score, p.comment, opts)
    }
    case 'vote': {
      const p = job.payload as JobPayloads['vote']
      return need(transport.voteArticle, 'voteArticle').call(transport, p.articleId, p.helpful, opts)
    }
    case 'message': {
      const p = job.payload as JobPayloads['message']
      const files = await upload(transport, p.files, idempotencyKey, signal, job.id)
      return need(transport.sendMessage, 'sendMessage').call(transport, p.conversationId, { ...p.message, attachments: [...p.message.attachments, ...files] }, opts)
    }
    default:
      throw new Error(`help-feedback: no delivery for outbox job kind "${job.kind}"`)
  }
}

function need<F>(fn: F | undefined, name: string): F {
  if (!fn) throw Object.assign(new Error(`transport does not support ${name}`), { code: 'unsupported', retryable: false })
  return fn
}

/** Outboxes whose report events are already emitted by the services (see flows/reports). */
export const reportEventsWired = new WeakSet<object>()

/**
 * Storage, outbox and drafts, opened once per client. Drafts are masked before they are
 * written, like everything else that is stored.
 */
export async function createServices(deps: {
  transport: () => Promise<Transport>
  /** IndexedDB unusable at start (`unsupported`, `open_failed`, `timeout`…) or a write refused later (`quota_exceeded`, `write_failed`). */
  onFallback?: (reason: string) => void
  /** The id of the user signed in now (the one the host last identified), if any. */
  userId?: () => string | undefined
  /** Receives `report:sent` / `report:rejected` for every ticket job, also ones left by an earlier page. */
  events?: Emitter
  store?: KeyValueStore
}): Promise<Services> {
  let warned = false
  const onWarning = (w: StorageWarning) => {
    // Reads of a key that fell back are served from memory; only lost durability is news.
    if (warned || (w.code !== 'quota_exceeded' && w.code !== 'write_failed')) return
    warned = true
    deps.onFallback?.(w.code)
  }
  const opened = deps.store ?? (await openStore({ onWarning }))
  if (!opened.persistent) {
    warned = true
    deps.onFallback?.('reason' in opened ? String((opened as { reason?: unknown }).reason) : 'unavailable')
  }
  let scope = scopeOf(deps.userId?.())
  // The outbox switches at once (no job may go out under the next user's session); the store
  // switches once the previous user's pending drafts are written to their scope.
  let author = scope
  await migrateUnscoped(opened, scope).catch(() => undefined)
  const store = scopedStore(opened, () => scope)
  const outbox = createOutbox({
    store: opened,
    author: () => author,
    expireRejected: (job) => EPHEMERAL_KINDS.has(job.kind) && Math.abs(Date.now() - job.updatedAt) > EXPIRE_REJECTED_MS,
    send: async (job, ctx) => deliver(await deps.transport(), job, ctx.idempotencyKey, ctx.signal),
    // Backends without Idempotency-Key: before re-sending a job whose answer was lost, look for
    // the earlier attempt (a marker carrying the key, or the same text since the job began).
    reconcile: async (job) => {
      const t = await deps.transport()
      if (t.capabilities.idempotency || !canFindWrites(t)) return undefined
      if (job.kind === 'ticket') return t.findWrite({ kind: 'ticket' }, job.idempotencyKey)
      if (job.kind === 'comment') {
        const p = job.payload as JobPayloads['comment']
        return t.findWrite({ kind: 'comment', ticketId: p.ticketId, body: p.comment.body, since: job.createdAt }, job.idempotencyKey)
      }
      if (job.kind === 'message') {
        const p = job.payload as JobPayloads['message']
        return t.findWrite({ kind: 'message', conversationId: p.conversationId, text: p.message.text, since: job.createdAt }, job.idempotencyKey)
      }
      return undefined
    },
    onChange: (event) => {
      if (!deps.events || event.type === 'removed' || event.type === 'synced' || event.job.kind !== 'ticket') return
      const category = (event.job.payload as JobPayloads['ticket']).input.category
      if (event.type === 'sent') {
        const ticket = event.result as Ticket
        deps.events.emit({ type: 'report:sent', category, ticketId: ticket.id, reference: ticket.reference })
      } else if (event.type === 'rejected') deps.events.emit({ type: 'report:rejected', category, jobId: event.job.id })
    },
  })
  if (deps.events) reportEventsWired.add(outbox)
  // Order and transaction numbers may pass the Luhn check; they are references, not cards.
  const drafts = createDrafts(store, { scope: () => scope, redact: (v) => redactFields(v, { referenceKeys: [...REFERENCE_FIELDS, 'id'] }).value })
  return {
    store,
    get persistent() {
      return opened.persistent
    },
    outbox,
    drafts,
    async setUser(userId) {
      const next = scopeOf(userId)
      if (next === author) return
      author = next
      outbox.rescope()
      // Keystrokes of the previous user land in their scope, not the next one's.
      await drafts.flush().catch(() => undefined)
      scope = next
    },
    async forgetUser() {
      await drafts.flush().catch(() => undefined)
      await outbox.clearAuthor()
      drafts.forgetBackups()
      await clearScope(opened, scope)
    },
  }
}
