import { type JobHandlers, findJobWrite, need, withFiles } from '../outbox/handlers.js'

/** Chat messages (the local id stays on the device). */
export const chatJobs: Pick<JobHandlers, 'message'> = {
  message: {
    async send(transport, { payload: p }, ctx) {
      const message = await withFiles(transport, p.message, p.files, ctx)
      return need(transport.sendMessage, 'sendMessage').call(transport, p.conversationId, message, ctx)
    },
    reconcile: (transport, job) =>
      findJobWrite(transport, job, {
        kind: 'message',
        conversationId: job.payload.conversationId,
        text: job.payload.message.text,
      }),
    ephemeral: true,
  },
}
