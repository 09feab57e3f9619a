import { type JobHandlers, need, uploadFiles } from '../outbox/handlers.js'

/** Writes on a request (comment, escalation) and ratings (of a request or a conversation). */
export const requestJobs: Pick<JobHandlers, 'comment' | 'escalate' | 'rating'> = {
  comment: {
    async send(transport, { payload: p }, ctx) {
      const files = await uploadFiles(transport, p.files, ctx)
      return need(transport.addComment, 'addComment').call(
        transport,
        p.ticketId,
        { ...p.comment, attachments: [...p.comment.attachments, ...files] },
        ctx,
      )
    },
    reconcile: (transport, job) =>
      transport.findWrite(
        { kind: 'comment', ticketId: job.payload.ticketId, body: job.payload.comment.body, since: job.createdAt },
        job.idempotencyKey,
      ),
  },
  escalate: {
    send: (transport, { payload: p }, ctx) =>
      need(transport.escalateTicket, 'escalateTicket').call(transport, p.ticketId, p.reason, ctx),
  },
  rating: {
    send: (transport, { payload: p }, ctx) =>
      need(transport.rate, 'rate').call(transport, p.target, p.score, p.comment, ctx),
    ephemeral: true,
  },
}
