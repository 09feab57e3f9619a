import { describe, expect, it, vi } from 'vitest'
import { createServices } from '../../../src/services.js'
import { memoryStore } from '../../../src/storage/index.js'
import { stubTransport } from '../../support/transport.js'
import type { Ticket, TicketInput } from '../../../src/types.js'

const input: TicketInput = {
  category: 'payment_failed',
  subject: 'Payment failed',
  description: 'Alice: my rent to landlord Zhang failed',
  fields: {},
  attachments: [],
  priority: 'normal',
  locale: 'en',
}

describe('logout({ forget: true }) while a job of the user is being sent', () => {
  it('leaves none of their jobs on the device', async () => {
    let user: string | undefined = 'alice'
    let calls = 0
    const transport = stubTransport({
      name: 'slow',
      capabilities: { tickets: true, idempotency: true },
      // The request hangs (slow network) until it is aborted.
      createTicket: (_i: TicketInput, opts: { signal?: AbortSignal }) => {
        calls++
        return new Promise<Ticket>((_, reject) =>
          opts.signal?.addEventListener('abort', () => reject(opts.signal?.reason)),
        )
      },
    })
    const disk = memoryStore()
    const services = await createServices({ transport: async () => transport, store: disk, userId: () => user })
    await services.outbox.enqueue('ticket', { input })
    await vi.waitFor(() => expect(calls).toBe(1))
    // What SupportClient.logout({ forget: true }) does.
    await services.forgetUser()
    user = undefined
    await services.setUser(undefined)
    await new Promise((r) => setTimeout(r, 100))
    const left: unknown[] = []
    for (const key of await disk.keys('')) left.push(await disk.get(key))
    expect(JSON.stringify(left)).not.toContain('landlord Zhang')
    services.outbox.dispose()
  })
})
