import { type JobHandlers, need, uploadFiles } from '../outbox/handlers.js'

/** Chat messages (the local id stays on the device). */
export const chatJobs: Pick<JobHandlers, 'message'> = {
  message: {
    async send(transport, { payload: p }, ctx) {
      const files = await uploadFiles(transport, p.files, ctx)
      return need(transport.sendMessage, 'sendMessage').call(
        transport,
        p.conversationId,
        { ...p.message, attachments: [...p.message.attachments, ...files] },
        ctx,
      )
    },
    reconcile: (transport, job) =>
      transport.findWrite(
        {
          kind: 'message',
          conversationId: job.payload.conversationId,
          text: job.payload.message.text,
          since: job.createdAt,
        },
        job.idempotencyKey,
      ),
    ephemeral: true,
  },
}
