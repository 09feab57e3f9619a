import { createDrafts, type Drafts } from './drafts/index.js'
import { createOutbox, type Outbox, type OutboxJob } from './outbox/index.js'
import { redactFields } from './privacy/index.js'
import { openStore } from './storage/index.js'
import type { KeyValueStore } from './storage/types.js'
import type { Transport } from './transports/types.js'
import type { AttachmentRef, CommentInput, MessageInput, RatingTarget, TicketInput } from './types.js'

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

/**
 * Storage, outbox and drafts, opened once per client. Drafts are masked before they are
 * written, like everything else that is stored.
 */
export async function createServices(deps: {
  transport: () => Promise<Transport>
  onFallback?: (reason: string) => void
  onJob?: (event: Parameters<NonNullable<Parameters<typeof createOutbox>[0]['onChange']>>[0]) => void
  store?: KeyValueStore
}): Promise<Services> {
  const opened = deps.store ?? (await openStore())
  const persistent = opened.persistent
  if (!persistent) deps.onFallback?.('reason' in opened ? String((opened as { reason?: unknown }).reason) : 'unavailable')
  const outbox = createOutbox({
    store: opened,
    send: async (job, ctx) => deliver(await deps.transport(), job, ctx.idempotencyKey, ctx.signal),
    ...(deps.onJob ? { onChange: (event) => deps.onJob!(event) } : {}),
  })
  const drafts = createDrafts(opened, { redact: (v) => redactFields(v).value })
  return { store: opened, persistent, outbox, drafts }
}
