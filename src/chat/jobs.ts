import { RateLimitedError } from '../errors/NetworkErrors.js'
import { RejectedError } from '../errors/RequestErrors.js'
import { type JobHandlers, findJobWrite, need, withFiles } from '../outbox/handlers.js'
import { MAX_RETRY_AFTER_MS } from '../outbox/policy.js'
import { canFindWrites } from '../transports/types.js'
import type { Message } from '../types.js'
import { messageParts, partKey } from './split.js'

/** Chat messages (the local id stays on the device). */
export const chatJobs: Pick<JobHandlers, 'message'> = {
  message: {
    async send(transport, job, ctx) {
      const p = job.payload
      const parts = messageParts(p.message.text)
      if (parts[0] !== p.message.text) {
        // A long text: its parts in order, each with its own key derived from the job's. A retry
        // sends them all again with the same keys: the server keeps the parts it already has once
        // (a backend without idempotency is asked for each part before it is sent again).
        const sendMessage = need(transport.sendMessage, 'sendMessage')
        let finder =
          job.attempts > 1 && !transport.capabilities.idempotency && canFindWrites(transport) ? transport : undefined
        const sent: Message[] = []
        for (const [i, text] of parts.entries()) {
          // Aborted (its author signed out) while a part was on its way: the next part must not go
          // out over the next session, whether or not the transport looks at the signal.
          ctx.signal.throwIfAborted()
          const idempotencyKey = partKey(ctx.idempotencyKey, i)
          // Each part is looked for after the one before it, so a part that repeats an earlier
          // part's text, or a message the user sent just before, is not taken for it.
          const found = finder
            ? ((await findJobWrite(
                finder,
                { createdAt: job.createdAt, idempotencyKey },
                { kind: 'message', conversationId: p.conversationId, text, after: sent.at(-1)?.id ?? null },
              )) as Message | undefined)
            : undefined
          // A part not there: none after it was sent either (each goes once the one before landed).
          if (!found) finder = undefined
          sent.push(
            found ??
              (await sendMessage.call(transport, p.conversationId, { ...p.message, text }, { ...ctx, idempotencyKey })),
          )
        }
        return sent
      }
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
    // A long text looks for each of its parts as it sends them (above).
    reconcile: async (transport, job) =>
      messageParts(job.payload.message.text)[0] !== job.payload.message.text
        ? undefined
        : findJobWrite(transport, job, {
            kind: 'message',
            conversationId: job.payload.conversationId,
            text: job.payload.message.text,
          }),
    ephemeral: true,
  },
}
