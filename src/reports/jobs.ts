import type { JobHandlers } from '../outbox/handlers.js'
import { withFiles } from '../outbox/handlers.js'
import type { Ticket } from '../types.js'

/**
 * Keys (in the drafts store) of what the user types into a report the backend refused, and of its
 * screenshots: kept beside its job until it is sent again or discarded.
 */
export const reportEditKey = (jobId: string) => `report:job:${jobId}`
export const reportEditFilesKey = (jobId: string) => `report:job:${jobId}:files`

/** Reports (and chat's "leave a message") are `ticket` jobs. */
export const reportJobs: Pick<JobHandlers, 'ticket'> = {
  ticket: {
    async send(transport, { payload: p }, ctx) {
      return transport.createTicket(await withFiles(transport, p.input, p.files, ctx), ctx)
    },
    reconcile: (transport, job) => transport.findWrite({ kind: 'ticket' }, job.idempotencyKey),
    drafts: (jobId) => [reportEditKey(jobId), reportEditFilesKey(jobId)],
    events(event, emit) {
      const category = event.job.payload.input.category
      if (event.type === 'sent') {
        const ticket = event.result as Ticket
        emit({ type: 'report:sent', category, ticketId: ticket.id, reference: ticket.reference })
      } else if (event.type === 'rejected') emit({ type: 'report:rejected', category, jobId: event.job.id })
    },
  },
}
