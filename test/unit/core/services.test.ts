import { describe, expect, it, vi } from 'vitest'
import { TimeoutError } from '../../../src/errors/index.js'
import { createEmitter, type HelpFeedbackEvent } from '../../../src/events.js'
import { createServices } from '../../../src/services.js'
import { memoryStore } from '../../../src/storage/index.js'
import { noCapabilities, type Transport, type WriteFinder } from '../../../src/transports/types.js'
import { newTicket, ticketInput } from '../../support/fixtures.js'
import { stubTransport } from '../../support/transport.js'
import type { Ticket, TicketInput } from '../../../src/types.js'

const input = ticketInput('Payment failed')

/** A backend without idempotency whose first answer is lost after the ticket was created. */
function lossyBackend() {
  const tickets: Array<Ticket & { marker: string }> = []
  const createTicket = vi.fn(async (i: TicketInput, opts: { idempotencyKey: string }) => {
    const t = {
      id: `t${tickets.length + 1}`,
      reference: `R${tickets.length + 1}`,
      status: 'new' as const,
      priority: i.priority,
      category: i.category,
      subject: i.subject,
      createdAt: '',
      updatedAt: '',
      marker: opts.idempotencyKey,
    }
    tickets.push(t)
    if (tickets.length === 1) throw new TimeoutError()
    return t
  })
  const findWrite: WriteFinder['findWrite'] = async (lookup, key) =>
    lookup.kind === 'ticket' ? tickets.find((t) => t.marker === key) : undefined
  const transport: Transport & WriteFinder = {
    ...stubTransport({ name: 'lossy', capabilities: { tickets: true, idempotency: false }, createTicket }),
    findWrite,
  }
  return { transport, tickets, createTicket }
}

/** Until the job is delivered: the outbox's own backoff may retry first; otherwise retry now. */
async function settle(outbox: Awaited<ReturnType<typeof createServices>>['outbox'], id: string) {
  await vi.waitFor(
    async () => {
      const jobs = await outbox.list()
      if (jobs[0]?.state === 'failed_retryable') await outbox.retry(id)
      expect(await outbox.list()).toEqual([])
    },
    { timeout: 5000, interval: 20 },
  )
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

  it('delivers jobs an earlier version left in storage (same kinds and payloads), each through its feature, with one report event', async () => {
    const store = memoryStore()
    // As 0.1 wrote them: no author, an absolute `nextAttemptAt`, payloads as queued then.
    const old = (id: string, kind: string, payload: unknown, seq: number) =>
      store.set(`outbox:job:${id}`, {
        id,
        kind,
        payload,
        idempotencyKey: `key-${id}`,
        attempts: 0,
        nextAttemptAt: 1,
        state: 'queued',
        createdAt: 1,
        updatedAt: 1,
        seq,
      })
    await old('t', 'ticket', { input }, 0)
    await old('c', 'comment', { ticketId: 'T9', comment: { body: 'Any news?', attachments: [] } }, 1)
    await old(
      'm',
      'message',
      { conversationId: 'C1', localId: 'L1', message: { kind: 'text', text: 'hello', attachments: [] } },
      2,
    )
    await old('v', 'vote', { articleId: 'a1', helpful: true }, 3)
    const calls: string[] = []
    const transport: Transport = {
      name: 'fake',
      capabilities: { ...noCapabilities, tickets: true, idempotency: true },
      identify: async (u) => ({ userId: u.id }),
      createTicket: async (i, o) => (calls.push(`ticket ${i.category} ${o.idempotencyKey}`), newTicket(i)),
      addComment: async (id, c, o) => (
        calls.push(`comment ${id} ${c.body} ${o.idempotencyKey}`),
        { id: 'c1', author: 'user', body: c.body, attachments: [], createdAt: '' }
      ),
      sendMessage: async (id, m, o) => (
        calls.push(`message ${id} ${m.text} ${o.idempotencyKey}`),
        {
          id: 'm1',
          conversationId: id,
          seq: 1,
          author: 'user',
          kind: 'text',
          text: m.text,
          attachments: [],
          createdAt: '',
        }
      ),
      voteArticle: async (id, helpful, o) => void calls.push(`vote ${id} ${helpful} ${o.idempotencyKey}`),
    }
    const events = createEmitter()
    const seen: HelpFeedbackEvent[] = []
    events.on((e) => seen.push(e))
    const services = await createServices({ transport: async () => transport, store, events })
    await vi.waitFor(async () => expect(await services.outbox.list()).toEqual([]), { timeout: 5000, interval: 20 })
    expect(calls.sort()).toEqual([
      'comment T9 Any news? key-c',
      'message C1 hello key-m',
      'ticket payment_failed key-t',
      'vote a1 true key-v',
    ])
    expect(seen.filter((e) => e.type === 'report:sent')).toEqual([
      { type: 'report:sent', category: 'payment_failed', ticketId: 't1', reference: 'R1' },
    ])
    services.outbox.dispose()
  })

  it('keeps a job of a kind it has no sender for (written by a newer version) instead of dropping it', async () => {
    const store = memoryStore()
    await store.set('outbox:job:x', {
      id: 'x',
      kind: 'future_kind',
      payload: {},
      idempotencyKey: 'k',
      attempts: 0,
      state: 'queued',
      createdAt: 1,
      updatedAt: 1,
      seq: 0,
    })
    const { transport } = lossyBackend()
    const services = await createServices({ transport: async () => transport, store, events: createEmitter() })
    // At least one pass has tried it (a busy machine may see a retry before the poll does).
    await vi.waitFor(async () => expect((await services.outbox.list())[0]?.attempts).toBeGreaterThanOrEqual(1))
    expect(await store.get('outbox:job:x')).toMatchObject({ id: 'x', kind: 'future_kind' })
    services.outbox.dispose()
  })
})
