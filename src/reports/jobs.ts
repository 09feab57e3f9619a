import type { JobHandlers } from '../outbox/handlers.js'
import { uploadFiles } from '../outbox/handlers.js'
import type { Ticket } from '../types.js'

/** Reports (and chat's "leave a message") are `ticket` jobs. */
export const reportJobs: Pick<JobHandlers, 'ticket'> = {
  ticket: {
    async send(transport, { payload: p }, ctx) {
      const files = await uploadFiles(transport, p.files, ctx)
      return transport.createTicket({ ...p.input, attachments: [...p.input.attachments, ...files] }, ctx)
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
