import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningServer } from '../../../examples/server/server.js'
import { readEventStream } from '../../support/eventStream.js'
import { AGENT_KEY, deployment, idem, post, signIn, ticket, upload, PNG } from '../helpers.js'

let server: RunningServer
beforeAll(async () => {
  server = await deployment()
})
afterAll(() => server.close())
const agent = (path: string, body: unknown) =>
  fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'X-Agent-Key': AGENT_KEY, 'Content-Type': 'application/json', 'Idempotency-Key': idem() },
    body: JSON.stringify(body),
  })

async function collect(headers: Record<string, string>, ms: number, during: () => Promise<void>) {
  const { frames } = await readEventStream(`${server.url}/v1/events`, headers, { ms, during })
  return frames.flatMap((f) =>
    f.data === undefined
      ? []
      : [
          JSON.parse(f.data) as {
            type: string
            conversation?: { id: string; queuePosition?: number; status: string }
            ticket?: { id: string; status: string }
          },
        ],
  )
}

// docs/protocol.md, held against the reference server: "When a conversation leaves the queue, the
// first 10 still queued get a `conversation` event with their new position" (§7.1); tickets: a
// user comment on `solved` moves it back to `open` with a history entry, escalation raises the
// priority to at least `high` with a system comment, a later rating replaces the earlier one,
// `closed` refuses comments and escalation with 409, `GET /v1/tickets` is newest `updatedAt`
// first (§5); attachment file names are masked by the server (README, What is masked); "five live
// event streams per user (a sixth closes the oldest)" (§1.4).
describe('reference server: queue, ticket lifecycle, file names, streams', () => {
  it('queue positions move when a queued conversation ends', async () => {
    const users = await Promise.all(['q1', 'q2', 'q3'].map((id) => signIn(server, id)))
    const cvs: { id: string; queuePosition: number }[] = []
    for (const u of users)
      cvs.push(
        (await (await post(server, '/v1/conversations', u, { locale: 'en', text: 'hi' })).json()) as {
          id: string
          queuePosition: number
        },
      )
    expect(cvs.map((c) => c.queuePosition)).toEqual([1, 2, 3])
    const evs = await collect(users[2]!.headers(), 1500, async () => {
      await post(server, `/v1/conversations/${cvs[0]!.id}/end`, users[0]!, {})
    })
    expect(
      evs.filter((e) => e.type === 'conversation').map((e) => [e.conversation?.id, e.conversation?.queuePosition]),
    ).toEqual([[cvs[2]!.id, 2]])
    const live = (await (
      await fetch(`${server.url}/v1/conversations/${cvs[2]!.id}`, { headers: users[2]!.headers() })
    ).json()) as { queuePosition: number }
    expect(live.queuePosition).toBe(2)
    const evs2 = await collect(users[2]!.headers(), 1500, async () => {
      await agent(`/v1/agent/conversations/${cvs[1]!.id}/messages`, { text: 'hello' })
    })
    expect(
      evs2.filter((e) => e.type === 'conversation').map((e) => [e.conversation?.id, e.conversation?.queuePosition]),
    ).toEqual([[cvs[2]!.id, 1]])
    const av = (await (await fetch(`${server.url}/v1/availability`)).json()) as { queueLength: number }
    expect(av.queueLength).toBe(1)
  })
  it('ticket lifecycle', async () => {
    const u = await signIn(server, 'tl')
    const t = (await (await post(server, '/v1/tickets', u, ticket())).json()) as { id: string }
    const evs = await collect(u.headers(), 1500, async () => {
      await agent(`/v1/agent/tickets/${t.id}/comments`, { body: 'looking' })
      await agent(`/v1/agent/tickets/${t.id}/status`, { status: 'solved', note: 'done' })
      await post(server, `/v1/tickets/${t.id}/comments`, u, { body: 'not solved', attachments: [] })
      await post(server, `/v1/tickets/${t.id}/escalate`, u, { reason: 'still' })
    })
    expect(evs.map((e) => [e.type, e.ticket?.status])).toEqual([
      ['ticket', 'open'],
      ['ticket', 'solved'],
      ['ticket', 'open'],
      ['ticket', 'open'],
    ])
    const d = (await (await fetch(`${server.url}/v1/tickets/${t.id}`, { headers: u.headers() })).json()) as Record<
      string,
      unknown
    >
    expect((d.history as { status: string }[]).map((h) => h.status)).toEqual(['new', 'open', 'solved', 'open'])
    expect(d.priority).toBe('high')
    expect(d.escalated).toBe(true)
    expect((d.comments as { author: string }[]).map((c) => c.author)).toEqual(['agent', 'user', 'system'])
    await agent(`/v1/agent/tickets/${t.id}/status`, { status: 'solved' })
    await post(server, `/v1/tickets/${t.id}/rating`, u, { score: 2 })
    await post(server, `/v1/tickets/${t.id}/rating`, u, { score: 5, comment: 'ok' })
    const d2 = (await (await fetch(`${server.url}/v1/tickets/${t.id}`, { headers: u.headers() })).json()) as Record<
      string,
      unknown
    >
    expect(d2.rating).toEqual({ score: 5, comment: 'ok' })
    await agent(`/v1/agent/tickets/${t.id}/status`, { status: 'closed' })
    expect((await post(server, `/v1/tickets/${t.id}/comments`, u, { body: 'x', attachments: [] })).status).toBe(409)
    expect((await post(server, `/v1/tickets/${t.id}/escalate`, u, { reason: 'x' })).status).toBe(409)
  })
  it('list order', async () => {
    const u = await signIn(server, 'lo')
    const a = (await (await post(server, '/v1/tickets', u, ticket({ subject: 'A' }))).json()) as { id: string }
    await new Promise((r) => setTimeout(r, 20))
    await post(server, '/v1/tickets', u, ticket({ subject: 'B' }))
    await new Promise((r) => setTimeout(r, 20))
    await post(server, `/v1/tickets/${a.id}/comments`, u, { body: 'bump', attachments: [] })
    await agent(`/v1/agent/tickets/${a.id}/comments`, { body: 'bump2' })
    const list = (await (await fetch(`${server.url}/v1/tickets`, { headers: u.headers() })).json()) as {
      subject: string
      updatedAt: string
    }[]
    expect(list.map((t) => t.subject)).toEqual(['A', 'B'])
  })
  it('file name masking', async () => {
    const u = await signIn(server, 'fn')
    const names: string[] = []
    for (const n of [
      '4111111111111111.png',
      '卡号 6222 0212 3456 7890 128.png',
      '13800138000.png',
      '验证码384921.png',
      'zhang@example.cn.png',
      '11010519491231002X.png',
    ]) {
      const r = (await (await upload(server, u, PNG, encodeURIComponent(n))).json()) as { name: string }
      names.push(r.name)
    }
    expect(names).toEqual([
      '************1111.png',
      '卡号 ***************0128.png',
      '138****8000.png',
      '验证码******.png',
      'z***@example.cn.png',
      '**************002X.png',
    ])
  })
  it('six streams', async () => {
    const u = await signIn(server, 'six')
    const acs: AbortController[] = []
    const ends: boolean[] = []
    for (let i = 0; i < 6; i++) {
      const ac = new AbortController()
      acs.push(ac)
      const res = await fetch(`${server.url}/v1/events`, {
        headers: { Accept: 'text/event-stream', ...u.headers() },
        signal: ac.signal,
      })
      const i2 = i
      ends[i2] = false
      void (async () => {
        const r = res.body!.getReader()
        try {
          for (;;) if ((await r.read()).done) break
          ends[i2] = true
        } catch {
          /* */
        }
      })()
      await new Promise((r) => setTimeout(r, 50))
    }
    await new Promise((r) => setTimeout(r, 1000))
    expect(ends).toEqual([true, false, false, false, false, false])
    acs.forEach((a) => a.abort())
  })
})
