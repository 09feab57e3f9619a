import type { JobHandlers } from '../outbox/handlers.js'
import { withFiles } from '../outbox/handlers.js'
import type { Ticket } from '../types.js'

/** Reports (and chat's "leave a message") are `ticket` jobs. */
export const reportJobs: Pick<JobHandlers, 'ticket'> = {
  ticket: {
    async send(transport, { payload: p }, ctx) {
      return transport.createTicket(await withFiles(transport, p.input, p.files, ctx), ctx)
    },
    reconcile: (transport, job) => transport.findWrite({ kind: 'ticket' }, job.idempotencyKey),
    events(event, emit) {
      const category = event.job.payload.input.category
      if (event.type === 'sent') {
        const ticket = event.result as Ticket
        emit({ type: 'report:sent', category, ticketId: ticket.id, reference: ticket.reference })
      } else if (event.type === 'rejected') emit({ type: 'report:rejected', category, jobId: event.job.id })
    },
  },
}
