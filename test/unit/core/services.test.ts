import { describe, expect, it, vi } from 'vitest'
import { TimeoutError } from '../../../src/errors/index.js'
import { createEmitter, type HelpFeedbackEvent } from '../../../src/events.js'
import { createServices } from '../../../src/services.js'
import { memoryStore } from '../../../src/storage/index.js'
import type { Transport, WriteFinder } from '../../../src/transports/types.js'
import { stubTransport } from '../../support/transport.js'
import type { Ticket, TicketInput } from '../../../src/types.js'

const input: TicketInput = {
  category: 'payment_failed', subject: 'Payment failed', description: 'It failed twice at the shop', fields: {},
  attachments: [], priority: 'normal', locale: 'en',
}

/** A backend without idempotency whose first answer is lost after the ticket was created. */
function lossyBackend() {
  const tickets: Array<Ticket & { marker: string }> = []
  const createTicket = vi.fn(async (i: TicketInput, opts: { idempotencyKey: string }) => {
    const t = { id: `t${tickets.length + 1}`, reference: `R${tickets.length + 1}`, status: 'new' as const, priority: i.priority, category: i.category, subject: i.subject, createdAt: '', updatedAt: '', marker: opts.idempotencyKey }
    tickets.push(t)
    if (tickets.length === 1) throw new TimeoutError()
    return t
  })
  const findWrite: WriteFinder['findWrite'] = async (lookup, key) => (lookup.kind === 'ticket' ? tickets.find((t) => t.marker === key) : undefined)
  const transport: Transport & WriteFinder = { ...stubTransport({ name: 'lossy', capabilities: { tickets: true, idempotency: false }, createTicket }), findWrite }
  return { transport, tickets, createTicket }
}

/** Until the job is delivered: the outbox's own backoff may retry first; otherwise retry now. */
async function settle(outbox: Awaited<ReturnType<typeof createServices>>['outbox'], id: string) {
  await vi.waitFor(async () => {
    const jobs = await outbox.list()
    if (jobs[0]?.state === 'failed_retryable') await outbox.retry(id)
    expect(await outbox.list()).toEqual([])
  }, { timeout: 5000, interval: 20 })
}

describe('services', () => {
  it('reconciles a retried create on a backend without idempotency: one ticket, found not re-sent', async () => {
    const { transport, tickets, createTicket } = lossyBackend()
    const events = createEmitter()
    const seen: HelpFeedbackEvent[] = []
    events.on((e) => seen.push(e))
    const services = await createServices({ transport: async () => transport, store: memoryStore(), events })
    const id = await services.outbox.enqueue('ticket', { input })
    await vi.waitFor(() => expect(createTicket).toHaveBeenCalledTimes(1))
    await settle(services.outbox, id)
    expect(createTicket).toHaveBeenCalledTimes(1)
    expect(tickets).toHaveLength(1)
    expect(seen).toContainEqual({ type: 'report:sent', category: 'payment_failed', ticketId: 't1', reference: 'R1' })
    services.outbox.dispose()
  })

  it('without a way to find writes, the retry sends again (what the idempotency capability prevents)', async () => {
    const { transport, tickets } = lossyBackend()
    const plain: Transport = { ...transport }
    delete (plain as Partial<WriteFinder>).findWrite
    const services = await createServices({ transport: async () => plain, store: memoryStore() })
    const id = await services.outbox.enqueue('ticket', { input })
    await settle(services.outbox, id)
    expect(tickets).toHaveLength(2)
    services.outbox.dispose()
  })
})
