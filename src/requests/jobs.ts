import { type JobHandlers, findJobWrite, need, withFiles } from '../outbox/handlers.js'

/** Writes on a request (comment, escalation) and ratings (of a request or a conversation). */
export const requestJobs: Pick<JobHandlers, 'comment' | 'escalate' | 'rating'> = {
  comment: {
    async send(transport, { payload: p }, ctx) {
      const comment = await withFiles(transport, p.comment, p.files, ctx)
      return need(transport.addComment, 'addComment').call(transport, p.ticketId, comment, ctx)
    },
    reconcile: (transport, job) =>
      findJobWrite(transport, job, { kind: 'comment', ticketId: job.payload.ticketId, body: job.payload.comment.body }),
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
