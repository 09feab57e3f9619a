import { OfflineError, RejectedError } from '../../src/errors/index.js'
import type { Transport, WriteOptions } from '../../src/transports/types.js'
import type {
  AttachmentRef,
  ChatEvent,
  Comment,
  CommentInput,
  StatusChange,
  Ticket,
  TicketDetail,
  TicketInput,
} from '../../src/types.js'
import { stubTransport } from './transport.js'

export type Mode = 'ok' | 'offline' | { reject: RejectedError }

/**
 * A ticket backend in memory that dedupes on the idempotency key (like the REST contract) and
 * records every call, so tests can assert what actually went over the wire.
 */
export function fakeTransport(init: { tickets?: TicketDetail[] } = {}) {
  const tickets = new Map<string, TicketDetail>((init.tickets ?? []).map((t) => [t.id, structuredClone(t)]))
  const byKey = new Map<string, unknown>()
  const calls = {
    createTicket: [] as Array<{ input: TicketInput; key: string }>,
    addComment: [] as Array<{ ticketId: string; comment: CommentInput; key: string }>,
    escalate: [] as Array<{ ticketId: string; reason: string; key: string }>,
    rate: [] as Array<{ id: string; score: number; comment: string | undefined; key: string }>,
    upload: [] as Array<{ name: string; type: string; size: number; key: string }>,
  }
  const listeners = new Set<(e: ChatEvent) => void>()
  let mode: Mode = 'ok'
  let n = 0
  const now = () => new Date(Date.UTC(2026, 10, 23, 9, 0, n++)).toISOString()

  const gate = () => {
    if (mode === 'offline') throw new OfflineError()
    if (typeof mode === 'object') throw mode.reject
  }
  const once = <T>(key: string, run: () => T): T => {
    if (byKey.has(key)) return byKey.get(key) as T
    const result = run()
    byKey.set(key, result)
    return result
  }
  const summary = (t: TicketDetail): Ticket => {
    const {
      description: _d,
      fields: _f,
      transaction: _t,
      attachments: _a,
      comments: _c,
      history: _h,
      rating: _r,
      escalated: _e,
      ...rest
    } = t
    return rest
  }
  const emit = (e: ChatEvent) => listeners.forEach((l) => l(e))

  const transport: Transport = stubTransport({
    capabilities: { tickets: true, attachments: true, csat: true, idempotency: true, realtime: true },
    async createTicket(input, opts: WriteOptions) {
      calls.createTicket.push({ input: structuredClone(input), key: opts.idempotencyKey })
      gate()
      return once(opts.idempotencyKey, () => {
        const at = now()
        const id = `tk_${tickets.size + 1}`
        const t: TicketDetail = {
          id,
          reference: `HF-2026-${String(tickets.size + 1).padStart(6, '0')}`,
          status: 'new',
          priority: input.priority,
          category: input.category,
          subject: input.subject,
          createdAt: at,
          updatedAt: at,
          expectedResponseHours: input.priority === 'urgent' ? 1 : 24,
          description: input.description,
          fields: input.fields,
          attachments: input.attachments,
          comments: [],
          history: [{ status: 'new', at }],
          ...(input.transaction ? { transaction: input.transaction } : {}),
        }
        tickets.set(id, t)
        return summary(t)
      })
    },
    listTickets: async () => [...tickets.values()].map(summary).reverse(),
    async getTicket(id) {
      const t = tickets.get(id)
      if (!t) throw new RejectedError([], 'not found', 404)
      return structuredClone(t)
    },
    async addComment(ticketId, comment, opts) {
      calls.addComment.push({ ticketId, comment: structuredClone(comment), key: opts.idempotencyKey })
      gate()
      return once(opts.idempotencyKey, () => {
        const c: Comment = {
          id: `c_${n}`,
          author: 'user',
          body: comment.body,
          createdAt: now(),
          attachments: comment.attachments,
        }
        tickets.get(ticketId)!.comments.push(c)
        return c
      })
    },
    async escalateTicket(ticketId, reason, opts) {
      calls.escalate.push({ ticketId, reason, key: opts.idempotencyKey })
      gate()
      return once(opts.idempotencyKey, () => {
        const t = tickets.get(ticketId)!
        t.escalated = true
        return summary(t)
      })
    },
    async rate(target, score, comment, opts) {
      calls.rate.push({ id: target.id, score, comment, key: opts.idempotencyKey })
      gate()
      once(opts.idempotencyKey, () => {
        tickets.get(target.id)!.rating = { score, ...(comment ? { comment } : {}) }
      })
    },
    async uploadAttachment(file, meta, opts) {
      calls.upload.push({ ...meta, size: file.size, key: opts.idempotencyKey })
      gate()
      return once(opts.idempotencyKey, (): AttachmentRef => ({
        id: `a_${calls.upload.length}`,
        name: meta.name,
        type: meta.type,
        size: file.size,
      }))
    },
    subscribe(onEvent) {
      listeners.add(onEvent)
      return () => void listeners.delete(onEvent)
    },
  })

  return {
    transport,
    calls,
    tickets,
    setMode: (m: Mode) => void (mode = m),
    /** Plays the agent: changes a ticket's status and pushes the realtime event. */
    setStatus(id: string, status: TicketDetail['status'], note?: string) {
      const t = tickets.get(id)!
      const at = now()
      t.status = status
      t.updatedAt = at
      t.history.push({ status, at, ...(note ? { note } : {}) } as StatusChange)
      emit({ type: 'ticket', ticket: summary(t) })
    },
    agentReply(id: string, body: string) {
      const t = tickets.get(id)!
      const at = now()
      t.comments.push({ id: `c_${n}`, author: 'agent', authorName: 'Lin', body, createdAt: at, attachments: [] })
      t.updatedAt = at
      emit({ type: 'ticket', ticket: summary(t) })
    },
    /** Pushes an event as the stream would (`resync` when it opens), without changing anything. */
    emit,
    listenerCount: () => listeners.size,
  }
}

/** A solved ticket with some history, for the requests views. */
export function sampleTicket(over: Partial<TicketDetail> = {}): TicketDetail {
  return {
    id: 'tk_9',
    reference: 'HF-2026-000009',
    status: 'open',
    priority: 'normal',
    category: 'refund_not_received',
    subject: 'Refund not received · 89.00 CNY',
    createdAt: '2026-11-20T10:00:00+08:00',
    updatedAt: '2026-11-21T10:00:00+08:00',
    expectedResponseHours: 24,
    description: 'The shop refunded me 5 days ago.',
    fields: {},
    attachments: [],
    comments: [
      {
        id: 'c_1',
        author: 'agent',
        authorName: 'Lin',
        body: 'We are checking with the bank.',
        createdAt: '2026-11-21T10:00:00+08:00',
        attachments: [],
      },
    ],
    history: [
      { status: 'new', at: '2026-11-20T10:00:00+08:00' },
      { status: 'open', at: '2026-11-21T10:00:00+08:00', note: 'Assigned' },
    ],
    ...over,
  }
}
