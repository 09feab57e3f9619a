import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningServer } from '../../../examples/server/server.js'
import type { ChatEvent, Conversation, Ticket, TicketDetail } from '../../../src/types.js'
import { agentPost, login, openSse, start, ticketInput, type SseEvent } from './helpers.js'

let server: RunningServer
beforeAll(async () => {
  server = await start()
})
afterAll(async () => {
  await server.close()
})

// System lines (an agent joined) are messages too; these tests count what people wrote.
const ofType = (events: SseEvent[], type: ChatEvent['type']): ChatEvent[] =>
  events
    .map((e) => e.data as ChatEvent)
    .filter((e) => e.type === type && !(e.type === 'message' && e.message.kind === 'event'))

describe('event stream', () => {
  it('replays the events missed after Last-Event-ID, in order, then continues live', async () => {
    const user = await login(server, 'u_resume')
    const conv = (await (await user.post('/v1/conversations', { locale: 'en' })).json()) as Conversation
    const first = await openSse(`${server.url}/v1/events`, user.headers())
    expect(first.status).toBe(200)
    await agentPost(server, `/conversations/${conv.id}/messages`, { text: 'one' })
    const seen = await first.until((ev) => ofType(ev, 'message').length === 1)
    const lastId = seen.at(-1)?.id as string
    first.close()

    // While disconnected: two more messages and an unrelated user's event.
    await agentPost(server, `/conversations/${conv.id}/messages`, { text: 'two' })
    await agentPost(server, `/conversations/${conv.id}/messages`, { text: 'three' })
    const stranger = await login(server, 'u_stranger')
    await stranger.post('/v1/tickets', ticketInput())

    const again = await openSse(`${server.url}/v1/events`, user.headers({ 'Last-Event-ID': lastId }))
    await again.until((ev) => ofType(ev, 'message').length === 2)
    const replayed = ofType(again.events, 'message').map((e) => (e.type === 'message' ? e.message.text : ''))
    expect(replayed).toEqual(['two', 'three'])
    expect(ofType(again.events, 'ticket')).toEqual([])
    const ids = again.events.map((e) => Number(e.id))
    expect(ids.every((id, i) => id > Number(lastId) && (i === 0 || id > (ids[i - 1] as number)))).toBe(true)

    await agentPost(server, `/conversations/${conv.id}/messages`, { text: 'four' })
    await again.until((ev) => ofType(ev, 'message').length === 3)
    again.close()
  })

  it('accepts ?token= and ?lastEventId= for EventSource clients', async () => {
    const user = await login(server, 'u_query')
    const conv = (await (await user.post('/v1/conversations', { locale: 'en' })).json()) as Conversation
    await agentPost(server, `/conversations/${conv.id}/messages`, { text: 'a' })
    const stream = await openSse(`${server.url}/v1/events?token=${encodeURIComponent(user.token)}&lastEventId=0`)
    await stream.until((ev) => ofType(ev, 'message').length === 1)
    stream.close()
    const denied = await openSse(`${server.url}/v1/events?token=nope`)
    expect(denied.status).toBe(401)
    denied.close()
  })

  it('asks for a resync when the resume point fell out of the retained window', async () => {
    const small = await start({ keepEvents: 10 })
    try {
      const user = await login(small, 'u_window')
      for (let i = 0; i < 600; i++) await small.store.tx((repo) => repo.emit(user.userId, 'both', { type: 'resync' }))
      // The hub prunes after it has delivered a batch of events, and on Postgres delivery follows
      // NOTIFY a moment later, in batches: until the prune ran, event 1 is still kept and a resume
      // replays it; until the last batch was delivered, a stream opened now gets the resync and
      // then, live, the events above its watermark (correct, but not what this test looks at).
      const { latest } = await small.store.eventWindow()
      await expect.poll(() => small.store.deliveredUpTo()).toBeGreaterThanOrEqual(latest)
      await expect.poll(async () => (await small.store.eventWindow()).prunedUpTo).toBeGreaterThan(1)
      const stream = await openSse(`${small.url}/v1/events`, user.headers({ 'Last-Event-ID': '1' }))
      await stream.until((ev) => ev.length >= 1)
      expect(stream.events[0]?.data).toEqual({ type: 'resync' })
      expect(Number(stream.events[0]?.id)).toBe(latest)
      expect(stream.events).toHaveLength(1)
      // Then live: what commits after the resync follows it, above its id.
      await small.store.tx((repo) => repo.emit(user.userId, 'both', { type: 'resync' }))
      await stream.until((ev) => ev.length >= 2)
      expect(stream.events.map((e) => Number(e.id))).toEqual([latest, latest + 1])
      stream.close()
    } finally {
      await small.close()
    }
  })
})

describe('agent actions', () => {
  it('puts an agent status change in the user ticket history and on the user stream', async () => {
    const user = await login(server, 'u_status')
    const ticket = (await (await user.post('/v1/tickets', ticketInput())).json()) as Ticket
    const stream = await openSse(`${server.url}/v1/events`, user.headers())
    const res = await agentPost(server, `/tickets/${ticket.id}/status`, { status: 'pending', note: 'need the receipt' })
    expect(res.status).toBe(200)
    const events = await stream.until((ev) =>
      ofType(ev, 'ticket').some((e) => e.type === 'ticket' && e.ticket.status === 'pending'),
    )
    stream.close()
    const ev = ofType(events, 'ticket').at(-1)
    expect(ev?.type === 'ticket' && ev.ticket.id).toBe(ticket.id)
    const detail = (await (await user.get(`/v1/tickets/${ticket.id}`)).json()) as TicketDetail
    expect(detail.history.map((h) => h.status)).toEqual(['new', 'pending'])
    expect(detail.history.at(-1)?.note).toBe('need the receipt')
    expect(detail.status).toBe('pending')
  })

  it('counts agent streams as agents online and relays user typing to them only', async () => {
    const user = await login(server, 'u_typing')
    const conv = (await (await user.post('/v1/conversations', { locale: 'en' })).json()) as Conversation
    const before = (await (await fetch(`${server.url}/v1/availability`)).json()) as { agentsOnline: number }
    const agent = await openSse(`${server.url}/v1/agent/events`, { 'X-Agent-Key': 'demo-agent' })
    const mine = await openSse(`${server.url}/v1/events`, user.headers())
    const during = (await (await fetch(`${server.url}/v1/availability`)).json()) as { agentsOnline: number }
    expect(during.agentsOnline).toBe(before.agentsOnline + 1)
    expect((await user.post(`/v1/conversations/${conv.id}/typing`, { on: true }, null)).status).toBe(204)
    await agent.until((ev) => ofType(ev, 'typing').length === 1)
    await agentPost(server, `/conversations/${conv.id}/messages`, { text: 'hi' })
    await mine.until((ev) => ofType(ev, 'message').length === 1)
    expect(ofType(mine.events, 'typing')).toEqual([])
    agent.close()
    mine.close()
    expect((await fetch(`${server.url}/v1/agent/events`)).status).toBe(401)
  })
})
