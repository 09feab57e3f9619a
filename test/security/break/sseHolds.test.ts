import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningServer } from '../../../examples/server/server.js'
import { readEventStream, type EventFrame } from '../../support/eventStream.js'
import { AGENT_KEY, deployment, post, signIn, ticket, type User } from '../helpers.js'

let server: RunningServer
beforeAll(async () => {
  server = await deployment()
})
afterAll(() => server.close())

const stream = (path: string, headers: Record<string, string>, ms = 600) =>
  readEventStream(`${server.url}${path}`, headers, { ms })
const events = (fs: EventFrame[]) =>
  fs
    .filter((f) => f.data)
    .map((f) => ({
      id: Number(f.id),
      ...(JSON.parse(f.data as string) as { type: string; ticket?: { id: string }; message?: { text: string } }),
    }))

// docs/protocol.md §10: replay after Last-Event-ID covers only the caller's events; an id newer
// than anything the server has gets `resync` first, and resuming from the resync frame's id does
// not resync again; `?token=` and `?lastEventId=` work for EventSource; a bad token is a JSON 401.
describe('event stream resume (reference server)', () => {
  let u: User
  let v: User
  beforeAll(async () => {
    u = await signIn(server, 'sse-u')
    v = await signIn(server, 'sse-v')
  })
  it('replays own events after Last-Event-ID, not others', async () => {
    const first = await stream('/v1/events', u.headers(), 300)
    expect(first.frames[0]?.retry).toBe('3000')
    const t = (await (await post(server, '/v1/tickets', u, ticket())).json()) as { id: string }
    await fetch(`${server.url}/v1/agent/tickets/${t.id}/comments`, {
      method: 'POST',
      headers: { 'X-Agent-Key': AGENT_KEY, 'Content-Type': 'application/json' },
      body: JSON.stringify({ body: 'agent says hi' }),
    })
    const all = await stream('/v1/events', u.headers({ 'Last-Event-ID': '0' }), 500)
    const evs = events(all.frames)
    expect(evs.some((e) => e.type === 'ticket' && e.ticket?.id === t.id)).toBe(true)
    const other = events((await stream('/v1/events', v.headers({ 'Last-Event-ID': '0' }), 500)).frames)
    expect(other.filter((e) => e.type === 'ticket' && e.ticket?.id === t.id)).toEqual([])
  })
  it('resync when id newer than anything', async () => {
    const s = await stream('/v1/events', u.headers({ 'Last-Event-ID': '999999999' }), 400)
    const evs = events(s.frames)
    expect(evs[0]?.type).toBe('resync')
  })
  it('?lastEventId and ?token', async () => {
    const s = await stream(`/v1/events?token=${encodeURIComponent(u.bearer)}&lastEventId=999999999`, {}, 300)
    expect(s.status).toBe(200)
    expect(events(s.frames)[0]?.type).toBe('resync')
  })
  it('bad token → 401 json', async () => {
    const s = await stream('/v1/events?token=nope', {}, 300)
    expect(s.status).toBe(401)
    expect(s.ctype).toContain('application/json')
  })
  it('resync id: resuming with it does not resync again', async () => {
    const s = await stream('/v1/events', u.headers({ 'Last-Event-ID': '999999999' }), 300)
    const rs = s.frames.find((f) => f.data && JSON.parse(f.data).type === 'resync')
    expect(rs?.id).toBeDefined()
    const again = await stream('/v1/events', u.headers({ 'Last-Event-ID': rs?.id as string }), 300)
    expect(events(again.frames).filter((e) => e.type === 'resync')).toEqual([])
  })
})
