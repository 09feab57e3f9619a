import { createDrafts, type Drafts } from './drafts/index.js'
import { createOutbox, type Outbox, type OutboxJob } from './outbox/index.js'
import { redactFields } from './privacy/index.js'
import { REFERENCE_FIELDS } from './reports/fields.js'
import type { Emitter } from './events.js'
import { openStore } from './storage/index.js'
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
  store: KeyValueStore
  /** False when IndexedDB is unavailable and everything lives in memory for this page. */
  persistent: boolean
  outbox: Outbox
  drafts: Drafts
}

/**
 * Upload the job's files first. Each upload reuses the job's idempotency key plus its index, so
 * a retry after a lost answer returns the same attachment instead of storing it twice.
 */
async function upload(transport: Transport, files: QueuedFile[] | undefined, key: string, signal: AbortSignal): Promise<AttachmentRef[]> {
  if (!files?.length) return []
  if (!transport.uploadAttachment) return []
  const refs: AttachmentRef[] = []
  for (const [i, f] of files.entries()) {
    refs.push(await transport.uploadAttachment(f.blob, { name: f.name, type: f.type }, { idempotencyKey: `${key}:file:${i}`, signal }))
  }
  return refs
}

/** Deliver one outbox job through the transport. Payloads were masked before they were queued. */
export async function deliver(transport: Transport, job: OutboxJob, idempotencyKey: string, signal: AbortSignal): Promise<unknown> {
  const opts = { idempotencyKey, signal }
  switch (job.kind) {
    case 'ticket': {
      const p = job.payload as JobPayloads['ticket']
      const files = await upload(transport, p.files, idempotencyKey, signal)
      return transport.createTicket({ ...p.input, attachments: [...p.input.attachments, ...files] }, opts)
    }
    case 'comment': {
      const p = job.payload as JobPayloads['comment']
      const files = await upload(transport, p.files, idempotencyKey, signal)
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
      const files = await upload(transport, p.files, idempotencyKey, signal)
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
  onFallback?: (reason: string) => void
  /** Receives `report:sent` / `report:rejected` for every ticket job, also ones left by an earlier page. */
  events?: Emitter
  store?: KeyValueStore
}): Promise<Services> {
  const opened = deps.store ?? (await openStore())
  const persistent = opened.persistent
  if (!persistent) deps.onFallback?.('reason' in opened ? String((opened as { reason?: unknown }).reason) : 'unavailable')
  const outbox = createOutbox({
    store: opened,
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
  const drafts = createDrafts(opened, { redact: (v) => redactFields(v, { referenceKeys: [...REFERENCE_FIELDS, 'id'] }).value })
  return { store: opened, persistent, outbox, drafts }
}
