import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer, type RunningServer } from '../../../../examples/server/server.js'
import type { AttachmentRef } from '../../../../src/types.js'
import { login, ticketInput, type UserClient } from '../helpers.js'

// Shows how the SQLite one-step ticket create and chat send behave under concurrent HTTP clients:
// one ticket per Idempotency-Key, 422 for another body, the quota exact, seq gap-free, no foreign sends.

const QUOTA = 5
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 7)])

let server: RunningServer
let n = 0
const user = (): Promise<UserClient> => login(server, `u_b5_${++n}`)
const count = (sql: string, ...p: unknown[]): number =>
  (server.db.prepare<{ c: number }>(sql).get(...p) as { c: number }).c

beforeAll(async () => {
  server = await startServer({
    port: 0,
    dbPath: ':memory:',
    secret: 'test-secret',
    agentKey: 'demo-agent',
    hours: null,
    limits: { ticketsPerHour: QUOTA, openConversationsPerUser: 1 },
    rateLimit: { perMinute: 100_000 },
  })
})
afterAll(async () => {
  await server?.close()
})

const upload = async (u: UserClient): Promise<AttachmentRef> => {
  const res = await fetch(`${server.url}/v1/attachments`, {
    method: 'POST',
    body: new Uint8Array(PNG),
    headers: u.headers({ 'Content-Type': 'image/png', 'X-File-Name': 'a.png', 'Idempotency-Key': `up-${++n}` }),
  })
  expect(res.status).toBe(201)
  return (await res.json()) as AttachmentRef
}

describe('one-step create and send under concurrency (HTTP)', () => {
  it('20 concurrent creates with one key and one body: one ticket, one answer, 19 replays', async () => {
    const u = await user()
    const res = await Promise.all(Array.from({ length: 20 }, () => u.post('/v1/tickets', ticketInput(), 'same')))
    const bodies = await Promise.all(res.map((r) => r.text()))
    expect(res.map((r) => r.status)).toEqual(Array(20).fill(201))
    expect(new Set(bodies).size).toBe(1)
    expect(res.filter((r) => r.headers.get('idempotent-replayed') === 'true')).toHaveLength(19)
    expect(count('SELECT count(*) c FROM tickets WHERE user_id = ?', u.userId)).toBe(1)
    expect(count(`SELECT count(*) c FROM events WHERE user_id = ? AND data LIKE '{"type":"ticket"%'`, u.userId)).toBe(1)
  })

  it('one key, different bodies at once (with and without attachments): one ticket, the rest 422', async () => {
    const u = await user()
    const ref = await upload(u)
    const bodies = [
      ticketInput({ subject: 'a' }),
      ticketInput({ subject: 'b', attachments: [ref] }),
      ticketInput({ subject: 'c' }),
      ticketInput({ subject: 'd', attachments: [ref] }),
    ]
    const res = await Promise.all(bodies.map((b) => u.post('/v1/tickets', b, 'k')))
    const st = res.map((r) => r.status).sort()
    expect(st).toEqual([201, 422, 422, 422])
    for (const r of res.filter((x) => x.status === 422))
      expect(((await r.json()) as { error: { code: string } }).error.code).toBe('idempotency_mismatch')
    expect(count('SELECT count(*) c FROM tickets WHERE user_id = ?', u.userId)).toBe(1)
  })

  it('quota at the boundary: 12 concurrent creates with distinct keys give exactly QUOTA tickets', async () => {
    const u = await user()
    const res = await Promise.all(
      Array.from({ length: 12 }, (_, i) => u.post('/v1/tickets', ticketInput({ subject: `s${i}` }), `q${i}`)),
    )
    const st = res.map((r) => r.status)
    expect(st.filter((s) => s === 201)).toHaveLength(QUOTA)
    expect(st.filter((s) => s === 429)).toHaveLength(12 - QUOTA)
    expect(count('SELECT count(*) c FROM tickets WHERE user_id = ?', u.userId)).toBe(QUOTA)
    // A replay of an accepted key over the quota still answers its ticket.
    const ok = st.indexOf(201)
    const again = await u.post('/v1/tickets', ticketInput({ subject: `s${ok}` }), `q${ok}`)
    expect(again.status).toBe(201)
    expect(again.headers.get('idempotent-replayed')).toBe('true')
  })

  it('quota at the boundary with one-step creates and creates with attachments in the same batches', async () => {
    const u = await user()
    const refs = [await upload(u), await upload(u), await upload(u), await upload(u)]
    const res = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        u.post(
          '/v1/tickets',
          ticketInput({ subject: `w${i}`, attachments: i % 3 === 0 ? [refs[i / 3]] : [] }),
          `w${i}`,
        ),
      ),
    )
    const st = res.map((r) => r.status)
    expect(st.filter((s) => s === 201)).toHaveLength(QUOTA)
    expect(st.filter((s) => s === 429)).toHaveLength(12 - QUOTA)
    expect(count('SELECT count(*) c FROM tickets WHERE user_id = ?', u.userId)).toBe(QUOTA)
    const refs201 = await Promise.all(
      res.filter((r) => r.status === 201).map((r) => r.json() as Promise<{ reference: string }>),
    )
    expect(new Set(refs201.map((t) => t.reference)).size).toBe(QUOTA)
  })

  it('concurrent sends (some repeated keys) get gap-free ordered seqs; a send into another user conversation is 404 and writes nothing', async () => {
    const u = await user()
    const other = await user()
    const conv = (await (await u.post('/v1/conversations', { locale: 'en' }, 'c')).json()) as { id: string }
    const refs = new Map<string, AttachmentRef>()
    for (const k of ['m0', 'm5', 'm10', 'm15']) refs.set(k, await upload(u))
    const path = `/v1/conversations/${conv.id}/messages`
    const keys = Array.from({ length: 30 }, (_, i) => `m${i % 20}`)
    const res = await Promise.all(
      keys.map((k, i) =>
        // every fifth distinct key carries an attachment (handler path), the rest take the one step
        u
          .post(
            path,
            refs.has(k)
              ? { kind: 'image', text: '', attachments: [refs.get(k)] }
              : { kind: 'text', text: `t ${k}`, attachments: [] },
            k,
          )
          .then(async (r) => ({ i, k, status: r.status, body: (await r.json()) as { seq: number; id: string } })),
      ),
    )
    expect(res.map((r) => [r.k, r.status, r.status === 201 ? '' : JSON.stringify(r.body)])).toEqual(
      res.map((r) => [r.k, 201, '']),
    )
    const byKey = new Map<string, number>()
    for (const r of res) {
      const prev = byKey.get(r.k)
      if (prev !== undefined) expect(r.body.seq, r.k).toBe(prev)
      byKey.set(r.k, r.body.seq)
    }
    const list = (await (await u.get(`${path}?limit=200`)).json()) as {
      messages: Array<{ seq: number; clientId: string }>
    }
    const seqs = list.messages.map((m) => m.seq)
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1))
    expect(list.messages.filter((m) => m.clientId?.startsWith('m'))).toHaveLength(20)
    // Someone else's conversation: 404, nothing written, and the key is still free for them.
    const before = count('SELECT count(*) c FROM messages WHERE conversation_id = ?', conv.id)
    const foreign = await Promise.all([
      other.post(path, { kind: 'text', text: 'x', attachments: [] }, 'f'),
      other.post(path, { kind: 'image', text: '', attachments: [await upload(other)] }, 'g'),
    ])
    expect(foreign.map((r) => r.status)).toEqual([404, 404])
    expect(count('SELECT count(*) c FROM messages WHERE conversation_id = ?', conv.id)).toBe(before)
    const mine = (await (await other.post('/v1/conversations', { locale: 'en' }, 'c2')).json()) as { id: string }
    expect(
      (await other.post(`/v1/conversations/${mine.id}/messages`, { kind: 'text', text: 'x', attachments: [] }, 'f'))
        .status,
    ).toBe(201)
  })

  it('a create racing a send with the same key: one succeeds, the other is 422, one row', async () => {
    const u = await user()
    const conv = (await (await u.post('/v1/conversations', { locale: 'en' }, 'cc')).json()) as { id: string }
    const [t, m] = await Promise.all([
      u.post('/v1/tickets', ticketInput(), 'shared'),
      u.post(`/v1/conversations/${conv.id}/messages`, { kind: 'text', text: 'hi', attachments: [] }, 'shared'),
    ])
    expect([t.status, m.status].sort()).toEqual([201, 422])
    const tickets = count('SELECT count(*) c FROM tickets WHERE user_id = ?', u.userId)
    const msgs = count(`SELECT count(*) c FROM messages WHERE conversation_id = ? AND client_id = 'shared'`, conv.id)
    expect(tickets + msgs).toBe(1)
  })

  it('events after a batch: a stream from 0 sees each created ticket and message once, in commit order', async () => {
    const u = await user()
    const conv = (await (await u.post('/v1/conversations', { locale: 'en' }, 'ce')).json()) as { id: string }
    await Promise.all([
      ...Array.from({ length: 3 }, (_, i) => u.post('/v1/tickets', ticketInput({ subject: `e${i}` }), `et${i}`)),
      ...Array.from({ length: 6 }, (_, i) =>
        u.post(`/v1/conversations/${conv.id}/messages`, { kind: 'text', text: `e${i}`, attachments: [] }, `em${i}`),
      ),
    ])
    const ctl = new AbortController()
    const res = await fetch(`${server.url}/v1/events`, {
      headers: u.headers({ Accept: 'text/event-stream', 'Last-Event-ID': '0' }),
      signal: ctl.signal,
    })
    expect(res.status).toBe(200)
    const reader = res.body!.getReader()
    let text = ''
    const dec = new TextDecoder()
    const deadline = Date.now() + 5000
    while ((text.match(/"type":"message"/g)?.length ?? 0) < 6 || (text.match(/"type":"ticket"/g)?.length ?? 0) < 3) {
      if (Date.now() > deadline) break
      const r = await Promise.race([
        reader.read(),
        new Promise<{ done: true; value: undefined }>((ok) =>
          setTimeout(() => ok({ done: true, value: undefined }), 1000),
        ),
      ])
      if (r.done) break
      text += dec.decode(r.value)
    }
    ctl.abort()
    const data = text
      .split('\n')
      .filter((l) => l.startsWith('data:'))
      .map((l) => JSON.parse(l.slice(5)) as { type: string; message?: { seq: number; conversationId: string } })
    const seqs = data
      .filter((d) => d.type === 'message' && d.message?.conversationId === conv.id)
      .map((d) => d.message!.seq)
    expect(seqs.filter((s) => s > 0)).toEqual([...seqs].sort((a, b) => a - b))
    expect(new Set(seqs).size).toBe(seqs.length)
    expect(data.filter((d) => d.type === 'ticket')).toHaveLength(3)
    const ids = text
      .split('\n')
      .filter((l) => l.startsWith('id:'))
      .map((l) => Number(l.slice(3)))
    expect(ids).toEqual([...ids].sort((a, b) => a - b))
  })
  it('a storage error halfway through one create fails its batch over HTTP: a 201 is kept, a 5xx (JSON) kept nothing and its key then succeeds once', async () => {
    const us = await Promise.all(Array.from({ length: 8 }, () => user()))
    const bad = us[3]!
    server.db.exec(`CREATE TRIGGER b5_boom BEFORE INSERT ON events WHEN NEW.user_id = '${bad.userId}'
      BEGIN SELECT RAISE(ABORT, 'events refused'); END`)
    let res: Response[]
    try {
      res = await Promise.all(us.map((u) => u.post('/v1/tickets', ticketInput(), 'boom-key')))
    } finally {
      server.db.exec('DROP TRIGGER b5_boom')
    }
    expect(res[3]!.status).toBeGreaterThanOrEqual(500)
    for (const [i, r] of res.entries()) {
      const u = us[i]!
      const n = count('SELECT count(*) c FROM tickets WHERE user_id = ?', u.userId)
      if (r.status === 201) expect(n, u.userId).toBe(1)
      else {
        expect(r.status, u.userId).toBeGreaterThanOrEqual(500)
        expect(r.headers.get('content-type')).toMatch(/json/)
        expect(n, u.userId).toBe(0)
        expect(count('SELECT count(*) c FROM idempotency WHERE scope = ?', u.userId)).toBe(0)
      }
      const again = await u.post('/v1/tickets', ticketInput(), 'boom-key')
      expect([again.status, again.headers.get('idempotent-replayed')]).toEqual([201, r.status === 201 ? 'true' : null])
      expect(count('SELECT count(*) c FROM tickets WHERE user_id = ?', u.userId)).toBe(1)
    }
  })
})
