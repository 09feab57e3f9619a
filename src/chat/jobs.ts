import { RateLimitedError } from '../errors/NetworkErrors.js'
import { RejectedError } from '../errors/RequestErrors.js'
import { type JobHandlers, findJobWrite, need, withFiles } from '../outbox/handlers.js'
import { MAX_RETRY_AFTER_MS } from '../outbox/policy.js'

/** Chat messages (the local id stays on the device). */
export const chatJobs: Pick<JobHandlers, 'message'> = {
  message: {
    async send(transport, { payload: p }, ctx) {
      const message = await withFiles(transport, p.message, p.files, ctx).catch((error: unknown) => {
        // A file refused for as long as the outbox waits at most (a daily upload quota: a day) would
        // hold back every later message of the chat: the image stops as not sent instead, and
        // the user can try it again.
        if (error instanceof RateLimitedError && (error.retryAfterMs ?? 0) >= MAX_RETRY_AFTER_MS)
          throw new RejectedError([], 'upload limit reached', 429, { cause: error })
        throw error
      })
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
