import { afterEach, beforeEach, describe, expect, it as vitestIt, type TestContext } from 'vitest'
import { HelpFeedbackError, NotFoundError, RejectedError } from '../../src/errors/index.js'
import type { ChatEvent, TicketInput, TicketStatus, UserIdentity } from '../../src/types.js'
import { canFindWrites, type Transport } from '../../src/transports/types.js'
import { waitFor } from '../support/waitFor.js'

/** Plays the support agent against a backend, so the suite can test what users see. */
export interface AgentDriver {
  reply(conversationId: string, text: string): Promise<void>
  setTicketStatus(ticketId: string, status: TicketStatus): Promise<void>
}

export interface ContractSubject {
  transport: Transport
  agent?: AgentDriver
  /** Who to identify as; backends that check a signature need the runner to mint it. */
  user?: UserIdentity
  /**
   * Cases this backend's semantics rule out although the capability is on, by exact test name
   * → the reason shown as the skip note (e.g. Chatwoot reopens a resolved conversation instead
   * of refusing a message). An unknown name fails the suite, so a renamed case cannot hide.
   */
  skip?: Record<string, string>
  cleanup(): Promise<void>
}

/** A real 1×1 PNG: backends may check magic numbers. */
export const PNG_1X1 = Uint8Array.from(
  atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=='),
  (c) => c.charCodeAt(0),
)

export const key = (): string => crypto.randomUUID()

export function ticketInput(overrides: Partial<TicketInput> = {}): TicketInput {
  return {
    category: 'charged_not_received',
    // Unique, in letters only: a hex slice such as 2fa78558 reads as a 2FA code and is masked (the
    // server masks subjects), one run in tens of thousands.
    subject: `Top-up not credited ${key()
      .slice(0, 8)
      .replace(/\d/g, (d) => 'ghijklmnop'[Number(d)]!)}`,
    description: 'Paid at 10:02, balance unchanged',
    fields: { orderId: 'T2026-0001' },
    transaction: { id: 'tx_1', time: '2026-11-23T02:02:00Z', amount: '128.50', currency: 'CNY', status: 'succeeded' },
    attachments: [],
    priority: 'normal',
    locale: 'en',
    ...overrides,
  }
}

/** Polls until `check` stops throwing; event delivery is asynchronous on every transport. */
export const eventually = <T>(check: () => T) => waitFor(check, { timeoutMs: 5000, intervalMs: 20 })

async function rejection(p: Promise<unknown>): Promise<HelpFeedbackError> {
  const outcome = await p.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(outcome, 'expected the call to fail').toBeInstanceOf(HelpFeedbackError)
  return outcome as HelpFeedbackError
}

/**
 * The behaviour every transport must show, whatever its backend. Capabilities a transport
 * declares false are skipped with the reason, never silently passed.
 */
export function describeTransportContract(name: string, makeTransport: () => Promise<ContractSubject>): void {
  describe(`transport contract: ${name}`, () => {
    let s: ContractSubject
    let t: Transport
    let user: UserIdentity
    const unsubscribers: Array<() => void> = []
    const names = new Set<string>()
    // Every case goes through here, so a subject's `skip` list applies with its reason.
    const it = (title: string, fn: (ctx: TestContext) => Promise<unknown>) => {
      names.add(title)
      vitestIt(title, async (ctx) => {
        const reason = s.skip?.[title]
        if (reason !== undefined) return ctx.skip(reason)
        await fn(ctx)
      })
    }

    beforeEach(async () => {
      s = await makeTransport()
      t = s.transport
      user = s.user ?? { id: `contract-${key()}`, name: 'Contract User' }
      await t.identify(user)
    })
    afterEach(async () => {
      unsubscribers.splice(0).forEach((u) => u())
      t.dispose?.()
      await s.cleanup()
    })

    it('identify answers a session for that user', async () => {
      const session = await t.identify(user)
      expect(session.userId).toBe(user.id)
    })

    it('lists articles of a locale and gets one by id', async (ctx) => {
      if (!t.capabilities.articles || !t.listArticles) return ctx.skip('capability articles is off')
      const list = await t.listArticles({ locale: 'en' })
      expect(Array.isArray(list)).toBe(true)
      const first = list[0]
      if (!first) return ctx.skip('backend has no English articles to fetch')
      for (const a of list) expect(a.locale).toBe('en')
      if (!t.getArticle) return ctx.skip('getArticle not implemented')
      const one = await t.getArticle(first.id, 'en')
      expect(one).toMatchObject({ id: first.id, title: first.title, locale: 'en' })
      expect(typeof one.body).toBe('string')
    })

    it('a created ticket appears in the list', async () => {
      const input = ticketInput()
      const ticket = await t.createTicket(input, { idempotencyKey: key() })
      expect(ticket).toMatchObject({ subject: input.subject, category: input.category, priority: 'normal' })
      expect(ticket.reference).not.toBe('')
      expect(['new', 'open']).toContain(ticket.status)
      const list = await t.listTickets!()
      expect(list.map((x) => x.id)).toContain(ticket.id)
    })

    it('the same idempotency key twice creates one ticket with the same id', async (ctx) => {
      if (!t.capabilities.idempotency) return ctx.skip('capability idempotency is off: the outbox re-lists instead')
      const input = ticketInput()
      const k = key()
      const first = await t.createTicket(input, { idempotencyKey: k })
      const again = await t.createTicket(input, { idempotencyKey: k })
      expect(again.id).toBe(first.id)
      const list = await t.listTickets!()
      expect(list.filter((x) => x.subject === input.subject)).toHaveLength(1)
    })

    it('a reused key with another payload is rejected', async (ctx) => {
      if (!t.capabilities.idempotency) return ctx.skip('capability idempotency is off')
      const k = key()
      await t.createTicket(ticketInput(), { idempotencyKey: k })
      const error = await rejection(t.createTicket(ticketInput({ subject: 'something else' }), { idempotencyKey: k }))
      expect(error).toBeInstanceOf(RejectedError)
    })

    it('without idempotency, findWrite finds a landed create by its key and nothing for another', async (ctx) => {
      if (t.capabilities.idempotency) return ctx.skip('capability idempotency is on: the backend dedupes replays')
      if (!canFindWrites(t)) return ctx.skip('findWrite not implemented: the outbox cannot reconcile retried creates')
      const k = key()
      expect(await t.findWrite({ kind: 'ticket' }, k)).toBeUndefined()
      const ticket = await t.createTicket(ticketInput(), { idempotencyKey: k })
      expect((await t.findWrite({ kind: 'ticket' }, k))?.id).toBe(ticket.id)
      expect(await t.findWrite({ kind: 'ticket' }, key())).toBeUndefined()
      if (!t.addComment) return
      const comment = await t.addComment(
        ticket.id,
        { body: 'Reconcile me', attachments: [] },
        { idempotencyKey: key() },
      )
      expect((await t.findWrite({ kind: 'comment', ticketId: ticket.id, body: 'Reconcile me' }, key()))?.id).toBe(
        comment.id,
      )
    })

    it('ticket detail carries the input and a history that starts at new', async () => {
      const input = ticketInput()
      const ticket = await t.createTicket(input, { idempotencyKey: key() })
      const detail = await t.getTicket!(ticket.id)
      expect(detail).toMatchObject({ id: ticket.id, description: input.description, fields: input.fields })
      expect(detail.transaction).toMatchObject({ id: 'tx_1', amount: '128.50', currency: 'CNY' })
      expect(detail.history[0]?.status).toBe('new')
      expect(detail.comments).toEqual([])
    })

    it('a comment is returned and shows in the detail', async () => {
      const ticket = await t.createTicket(ticketInput(), { idempotencyKey: key() })
      const comment = await t.addComment!(ticket.id, { body: 'Any news?', attachments: [] }, { idempotencyKey: key() })
      expect(comment).toMatchObject({ author: 'user', body: 'Any news?' })
      const detail = await t.getTicket!(ticket.id)
      expect(detail.comments.map((c) => c.id)).toContain(comment.id)
    })

    it('escalation raises priority and marks the ticket', async (ctx) => {
      if (!t.escalateTicket) return ctx.skip('escalateTicket not implemented')
      const ticket = await t.createTicket(ticketInput(), { idempotencyKey: key() })
      const escalated = await t.escalateTicket(ticket.id, 'Still not credited after 2 days', { idempotencyKey: key() })
      expect(escalated.id).toBe(ticket.id)
      expect(['high', 'urgent']).toContain(escalated.priority)
      expect((await t.getTicket!(ticket.id)).escalated).toBe(true)
    })

    it('rating is refused before the ticket is solved and kept after', async (ctx) => {
      if (!t.capabilities.csat || !t.rate) return ctx.skip('capability csat is off')
      if (!s.agent) return ctx.skip('no AgentDriver for this backend: cannot move a ticket to solved')
      const ticket = await t.createTicket(ticketInput(), { idempotencyKey: key() })
      const early = await rejection(t.rate({ kind: 'ticket', id: ticket.id }, 5, undefined, { idempotencyKey: key() }))
      expect(early).toBeInstanceOf(RejectedError)
      await s.agent.setTicketStatus(ticket.id, 'solved')
      await t.rate({ kind: 'ticket', id: ticket.id }, 4, 'quick help', { idempotencyKey: key() })
      const detail = await t.getTicket!(ticket.id)
      expect(detail.status).toBe('solved')
      expect(detail.rating).toEqual({ score: 4, comment: 'quick help' })
    })

    it('uploads an attachment and a ticket can reference it', async (ctx) => {
      if (!t.capabilities.attachments || !t.uploadAttachment) return ctx.skip('capability attachments is off')
      const blob = new Blob([PNG_1X1], { type: 'image/png' })
      const ref = await t.uploadAttachment(blob, { name: 'receipt.png', type: 'image/png' }, { idempotencyKey: key() })
      expect(ref).toMatchObject({ name: 'receipt.png', type: 'image/png', size: PNG_1X1.byteLength })
      expect(ref.id).not.toBe('')
      const ticket = await t.createTicket(ticketInput({ attachments: [ref] }), { idempotencyKey: key() })
      expect((await t.getTicket!(ticket.id)).attachments.map((a) => a.id)).toEqual([ref.id])
    })

    it('an unknown ticket is a NotFoundError', async () => {
      const error = await rejection(t.getTicket!('tk_does_not_exist'))
      expect(error).toBeInstanceOf(NotFoundError)
      expect(error.code).toBe('not_found')
    })

    it('chat: send echoes clientId, a replay dedupes, listing since a cursor returns only newer', async (ctx) => {
      if (!t.capabilities.chat || !t.startConversation) return ctx.skip('capability chat is off')
      const conversation = await t.startConversation({ locale: 'en' }, { idempotencyKey: key() })
      expect(['queued', 'active']).toContain(conversation.status)
      const k1 = key()
      const m1 = await t.sendMessage!(
        conversation.id,
        { kind: 'text', text: 'first', attachments: [] },
        { idempotencyKey: k1 },
      )
      expect(m1).toMatchObject({ clientId: k1, author: 'user', text: 'first', conversationId: conversation.id })
      if (t.capabilities.idempotency) {
        const replay = await t.sendMessage!(
          conversation.id,
          { kind: 'text', text: 'first', attachments: [] },
          { idempotencyKey: k1 },
        )
        expect(replay.id).toBe(m1.id)
      }
      const page1 = await t.listMessages!(conversation.id)
      expect(page1.messages.filter((m) => m.id === m1.id)).toHaveLength(1)
      expect(new Set(page1.messages.map((m) => m.id)).size).toBe(page1.messages.length)
      expect(page1.cursor).not.toBeNull()
      const m2 = await t.sendMessage!(
        conversation.id,
        { kind: 'text', text: 'second', attachments: [] },
        { idempotencyKey: key() },
      )
      expect(m2.seq).toBeGreaterThan(m1.seq)
      const page2 = await t.listMessages!(conversation.id, page1.cursor ?? undefined)
      expect(page2.messages.map((m) => m.id)).toEqual([m2.id])
      const page3 = await t.listMessages!(conversation.id, page2.cursor ?? undefined)
      expect(page3.messages).toEqual([])
    })

    it('an ended conversation refuses new messages', async (ctx) => {
      if (!t.capabilities.chat || !t.startConversation || !t.endConversation) return ctx.skip('no endConversation')
      const conversation = await t.startConversation({ locale: 'en', text: 'hello' }, { idempotencyKey: key() })
      expect((await t.endConversation(conversation.id)).status).toBe('ended')
      const error = await rejection(
        t.sendMessage!(conversation.id, { kind: 'text', text: 'late', attachments: [] }, { idempotencyKey: key() }),
      )
      expect(error).toBeInstanceOf(RejectedError)
    })

    it('subscribe delivers an agent reply', async (ctx) => {
      if (!t.capabilities.realtime || !t.subscribe) return ctx.skip('capability realtime is off')
      if (!s.agent) return ctx.skip('no AgentDriver for this backend')
      const events: ChatEvent[] = []
      unsubscribers.push(t.subscribe((e) => events.push(e)))
      const conversation = await t.startConversation!({ locale: 'en' }, { idempotencyKey: key() })
      // Our own write echoes on the stream: once it arrives the subscription is surely live.
      const probe = await t.sendMessage!(
        conversation.id,
        { kind: 'text', text: 'are you there?', attachments: [] },
        { idempotencyKey: key() },
      )
      await eventually(() => expect(events.some((e) => e.type === 'message' && e.message.id === probe.id)).toBe(true))
      await s.agent.reply(conversation.id, 'Hello from support')
      const reply = await eventually(() => {
        const hit = events.find((e) => e.type === 'message' && e.message.author === 'agent')
        expect(hit).toBeDefined()
        return hit as Extract<ChatEvent, { type: 'message' }>
      })
      expect(reply.message).toMatchObject({ conversationId: conversation.id, text: 'Hello from support' })
      expect(reply.message.seq).toBeGreaterThan(probe.seq)
    })

    it('skip reasons name existing cases', async () => {
      expect(Object.keys(s.skip ?? {}).filter((title) => !names.has(title))).toEqual([])
    })

    it('availability has the documented shape', async (ctx) => {
      if (!t.availability) return ctx.skip('availability not implemented')
      const a = await t.availability()
      expect(Number.isInteger(a.agentsOnline) && a.agentsOnline >= 0).toBe(true)
      expect(Number.isInteger(a.queueLength) && a.queueLength >= 0).toBe(true)
      expect(typeof a.open).toBe('boolean')
    })
  })
}
