import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningServer } from '../../../examples/server/server.js'
import {
  deployment,
  errorCode,
  idem,
  post,
  rawRequest,
  signIn,
  ticket,
  upload,
  PNG,
  WALLET_ORIGIN,
  type User,
} from '../helpers.js'

let server: RunningServer
let alice: User
let bob: User
beforeAll(async () => {
  server = await deployment()
  alice = await signIn(server, 'alice-probe')
  bob = await signIn(server, 'bob-probe')
})
afterAll(() => server.close())

// docs/protocol.md, as a stranger would attack the reference server over HTTP: idempotency
// (§1.3: per-user keys, canonical fingerprint, 422 on reuse with another body or route,
// concurrent duplicates serialized), other users' tickets, conversations and attachments (404 /
// 400, §5, §7, §8), `?token=` only on the event stream (§10), body limits (§1 413, also chunked),
// every error as JSON (§1.2), validation (§5), CORS (§1.5), conflicts (§5, §7), message `seq`
// and cursors (§7.2), one open conversation (§7.1), upload checks and name sanitizing (§8).
describe('reference server promises that hold', () => {
  it('idem: same key different body → 422', async () => {
    const key = idem()
    const h = { 'Content-Type': 'application/json', 'Idempotency-Key': key, ...alice.headers() }
    const a = await fetch(`${server.url}/v1/tickets`, { method: 'POST', headers: h, body: JSON.stringify(ticket()) })
    expect(a.status).toBe(201)
    const b = await fetch(`${server.url}/v1/tickets`, {
      method: 'POST',
      headers: h,
      body: JSON.stringify(ticket({ subject: 'other' })),
    })
    expect(b.status).toBe(422)
    expect(await errorCode(b)).toBe('idempotency_mismatch')
  })
  it('idem: key order irrelevant → replay', async () => {
    const key = idem()
    const h = { 'Content-Type': 'application/json', 'Idempotency-Key': key, ...alice.headers() }
    const t = ticket()
    const a = await fetch(`${server.url}/v1/tickets`, { method: 'POST', headers: h, body: JSON.stringify(t) })
    const rev = Object.fromEntries(Object.entries(t).reverse())
    const b = await fetch(`${server.url}/v1/tickets`, {
      method: 'POST',
      headers: h,
      body: JSON.stringify(rev, null, 2),
    })
    expect(b.status).toBe(201)
    expect(b.headers.get('idempotent-replayed')).toBe('true')
    expect(await b.json()).toEqual(await a.json())
  })
  it('idem: same key other route → 422', async () => {
    const key = idem()
    const h = { 'Content-Type': 'application/json', 'Idempotency-Key': key, ...alice.headers() }
    await fetch(`${server.url}/v1/tickets`, { method: 'POST', headers: h, body: JSON.stringify(ticket()) })
    const b = await fetch(`${server.url}/v1/conversations`, {
      method: 'POST',
      headers: h,
      body: JSON.stringify({ locale: 'en' }),
    })
    expect(b.status).toBe(422)
  })
  it('idem: per user scope', async () => {
    const key = idem()
    const t = JSON.stringify(ticket())
    const a = await fetch(`${server.url}/v1/tickets`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key, ...alice.headers() },
      body: t,
    })
    const b = await fetch(`${server.url}/v1/tickets`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key, ...bob.headers() },
      body: t,
    })
    expect(b.status).toBe(201)
    expect(b.headers.get('idempotent-replayed')).toBeNull()
    expect(((await b.json()) as { id: string }).id).not.toBe(((await a.json()) as { id: string }).id)
  })
  it('idem: concurrent duplicates', async () => {
    const key = idem()
    const u = await signIn(server, 'conc-probe')
    const t = JSON.stringify(ticket())
    const rs = await Promise.all(
      [0, 1, 2, 3].map(() =>
        fetch(`${server.url}/v1/tickets`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key, ...u.headers() },
          body: t,
        }),
      ),
    )
    const ids = new Set(await Promise.all(rs.map(async (r) => ((await r.json()) as { id: string }).id)))
    expect(rs.map((r) => r.status)).toEqual([201, 201, 201, 201])
    expect(ids.size).toBe(1)
    const list = (await (await fetch(`${server.url}/v1/tickets`, { headers: u.headers() })).json()) as unknown[]
    expect(list.length).toBe(1)
  })
  it('idem key validation', async () => {
    for (const key of ['', 'a'.repeat(201), 'has space', 'ключ']) {
      const r = await fetch(`${server.url}/v1/tickets`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'Idempotency-Key': key,
          ...alice.headers(),
        },
        body: JSON.stringify(ticket()),
      }).catch((e) => e as Error)
      if (r instanceof Error) continue
      expect([key, r.status]).toEqual([key, 400])
    }
  })
  it('IDOR tickets', async () => {
    const a = (await (await post(server, '/v1/tickets', alice, ticket())).json()) as { id: string }
    expect((await fetch(`${server.url}/v1/tickets/${a.id}`, { headers: bob.headers() })).status).toBe(404)
    const c = await post(server, `/v1/tickets/${a.id}/comments`, bob, { body: 'hi', attachments: [] })
    expect(c.status).toBe(404)
    expect((await post(server, `/v1/tickets/${a.id}/escalate`, bob, { reason: 'x' })).status).toBe(404)
    expect((await post(server, `/v1/tickets/${a.id}/rating`, bob, { score: 1 })).status).toBe(404)
  })
  it('IDOR conversations', async () => {
    const u = await signIn(server, 'conv-owner')
    const v = await signIn(server, 'conv-thief')
    const cv = (await (await post(server, '/v1/conversations', u, { locale: 'en', text: 'secret' })).json()) as {
      id: string
    }
    for (const p of [`/v1/conversations/${cv.id}`, `/v1/conversations/${cv.id}/messages`]) {
      expect([p, (await fetch(`${server.url}${p}`, { headers: v.headers() })).status]).toEqual([p, 404])
    }
    for (const [p, body] of [
      [`/v1/conversations/${cv.id}/messages`, { kind: 'text', text: 'x', attachments: [] }],
      [`/v1/conversations/${cv.id}/typing`, { on: true }],
      [`/v1/conversations/${cv.id}/read`, { upToSeq: 1 }],
      [`/v1/conversations/${cv.id}/end`, {}],
      [`/v1/conversations/${cv.id}/rating`, { score: 1 }],
    ] as const) {
      expect([p, (await post(server, p, v, body)).status]).toEqual([p, 404])
    }
    const got = (await (await fetch(`${server.url}/v1/conversations/${cv.id}`, { headers: u.headers() })).json()) as {
      status: string
    }
    expect(got.status).not.toBe('ended')
  })
  it('attachments of another user cannot be attached', async () => {
    const att = (await (await upload(server, alice, PNG)).json()) as { id: string }
    const r = await post(
      server,
      '/v1/tickets',
      bob,
      ticket({ attachments: [{ id: att.id, name: 'x.png', type: 'image/png', size: 1 }] }),
    )
    expect(r.status).toBe(400)
    expect((await fetch(`${server.url}/v1/attachments/${att.id}`, { headers: bob.headers() })).status).toBe(404)
  })
  it('?token= only on events', async () => {
    const r = await fetch(`${server.url}/v1/tickets?token=${encodeURIComponent(alice.bearer)}`)
    expect(r.status).toBe(401)
  })
  it('oversized JSON', async () => {
    const big = JSON.stringify(ticket({ description: 'x'.repeat(1_100_000) }))
    const r = await post(server, '/v1/tickets', alice, big)
    expect(r.status).toBe(413)
    expect(await errorCode(r)).toBe('payload_too_large')
  })
  it('oversized JSON chunked', async () => {
    const big = Buffer.from(JSON.stringify(ticket({ description: 'x'.repeat(1_100_000) })))
    const r = await rawRequest(
      server,
      'POST',
      '/v1/tickets',
      {
        'Content-Type': 'application/json',
        'Idempotency-Key': idem(),
        'Transfer-Encoding': 'chunked',
        ...alice.headers(),
      },
      big,
    )
    expect(r.status).toBe(413)
  })
  it('405 with Allow', async () => {
    const r = await fetch(`${server.url}/v1/tickets`, { method: 'PUT', headers: alice.headers() })
    expect(r.status).toBe(405)
    expect(r.headers.get('allow')).toBeTruthy()
    expect(await errorCode(r)).toBe('method_not_allowed')
    const d = await fetch(`${server.url}/v1/tickets`, { method: 'DELETE', headers: alice.headers() })
    expect(d.status).toBe(405)
  })
  it('unknown route JSON 404', async () => {
    const r = await fetch(`${server.url}/v1/nope`, { headers: alice.headers() })
    expect(r.status).toBe(404)
    expect(r.headers.get('content-type')).toContain('application/json')
    expect(await errorCode(r)).toBe('not_found')
  })
  it('validation', async () => {
    for (const over of [
      { subject: 'x'.repeat(201) },
      { subject: '' },
      { description: 'x'.repeat(10_001) },
      { category: 'nope' },
      { priority: 'p0' },
      { locale: 'e' },
      { fields: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`f${i}`, 'x'])) },
      { fields: { a: 'x'.repeat(2001) } },
      { transaction: { id: 't', time: '2026-11-23T02:02:00Z', amount: '1e5', currency: 'CNY' } },
      { transaction: { id: 't', time: '2026-11-23T02:02:00Z', amount: '1.00', currency: 'cny' } },
      {
        transaction: {
          id: 't',
          time: '2026-11-23T02:02:00Z',
          amount: '1.00',
          currency: 'CNY',
          method: { last4: '12345' },
        },
      },
      { attachments: Array.from({ length: 11 }, () => ({ id: 'att_x', name: 'a', type: 'image/png', size: 1 })) },
    ]) {
      const r = await post(server, '/v1/tickets', alice, ticket(over))
      expect([Object.keys(over)[0], r.status]).toEqual([Object.keys(over)[0], 400])
    }
  })
  it('ticket shape', async () => {
    const r = await post(server, '/v1/tickets', alice, ticket({ priority: 'urgent' }))
    const t = (await r.json()) as Record<string, unknown>
    expect(t.reference).toMatch(/^HF-\d{6,}$/)
    expect(t.expectedResponseHours).toBe(1)
    for (const v of Object.values(t)) expect(v).not.toBeNull()
    const d = (await (
      await fetch(`${server.url}/v1/tickets/${t.id as string}`, { headers: alice.headers() })
    ).json()) as Record<string, unknown>
    for (const [k, v] of Object.entries(d)) expect([k, v]).not.toEqual([k, null])
    expect((d.history as { status: string }[])[0]?.status).toBe('new')
  })
  it('CORS preflight', async () => {
    const r = await fetch(`${server.url}/v1/tickets`, {
      method: 'OPTIONS',
      headers: {
        Origin: WALLET_ORIGIN,
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'authorization,content-type,idempotency-key',
      },
    })
    expect(r.status).toBe(204)
    expect(r.headers.get('access-control-allow-origin')).toBe(WALLET_ORIGIN)
    expect(r.headers.get('access-control-max-age')).toBe('600')
    const g = await fetch(`${server.url}/v1/tickets`, { headers: { Origin: WALLET_ORIGIN, ...alice.headers() } })
    const exposed = (g.headers.get('access-control-expose-headers') ?? '').toLowerCase()
    expect(exposed).toContain('retry-after')
    expect(exposed).toContain('idempotent-replayed')
    expect(g.headers.get('vary')?.toLowerCase()).toContain('origin')
  })
  it('CORS on errors too', async () => {
    const g = await fetch(`${server.url}/v1/tickets`, {
      headers: { Origin: WALLET_ORIGIN, Authorization: 'Bearer nope' },
    })
    expect(g.status).toBe(401)
    expect(g.headers.get('access-control-allow-origin')).toBe(WALLET_ORIGIN)
    const h = await post(server, '/v1/tickets', alice, ticket({ subject: '' }), { Origin: WALLET_ORIGIN })
    expect(h.headers.get('access-control-allow-origin')).toBe(WALLET_ORIGIN)
  })
  it('409s', async () => {
    const u = await signIn(server, 'conflicts')
    const t = (await (await post(server, '/v1/tickets', u, ticket())).json()) as { id: string }
    const rr = await post(server, `/v1/tickets/${t.id}/rating`, u, { score: 5 })
    expect(rr.status).toBe(409)
    const cv = (await (await post(server, '/v1/conversations', u, { locale: 'en', text: 'a' })).json()) as {
      id: string
    }
    expect((await post(server, `/v1/conversations/${cv.id}/rating`, u, { score: 5 })).status).toBe(409)
    await post(server, `/v1/conversations/${cv.id}/end`, u, {})
    expect(
      (await post(server, `/v1/conversations/${cv.id}/messages`, u, { kind: 'text', text: 'x', attachments: [] }))
        .status,
    ).toBe(409)
    const again = await post(server, `/v1/conversations/${cv.id}/end`, u, {})
    expect(again.status).toBe(200)
  })
  it('messages: seq, cursor', async () => {
    const u = await signIn(server, 'seq-user')
    const cv = (await (
      await post(server, '/v1/conversations', u, {
        locale: 'en',
        text: 'a',
        transaction: { id: 't1', time: '2026-11-23T02:02:00Z', amount: '1.00', currency: 'CNY' },
      })
    ).json()) as { id: string }
    for (const x of ['b', 'c'])
      await post(server, `/v1/conversations/${cv.id}/messages`, u, { kind: 'text', text: x, attachments: [] })
    const page = (await (
      await fetch(`${server.url}/v1/conversations/${cv.id}/messages`, { headers: u.headers() })
    ).json()) as { messages: { seq: number; kind: string }[]; cursor: string }
    expect(page.messages.map((m) => m.seq)).toEqual([1, 2, 3, 4])
    expect(page.messages[0]?.kind).toBe('transaction')
    const next = (await (
      await fetch(`${server.url}/v1/conversations/${cv.id}/messages?since=${page.cursor}`, { headers: u.headers() })
    ).json()) as { messages: unknown[]; cursor: string }
    expect(next.messages).toEqual([])
    expect(next.cursor).toBe(page.cursor)
    for (const bad of ['abc', '-1', '1.5', '']) {
      const r = await fetch(`${server.url}/v1/conversations/${cv.id}/messages?since=${bad}`, { headers: u.headers() })
      expect([bad, r.status]).toEqual([bad, bad === '' ? r.status : 400])
    }
    const p2 = (await (
      await fetch(`${server.url}/v1/conversations/${cv.id}/messages?limit=2`, { headers: u.headers() })
    ).json()) as { messages: unknown[]; hasMore: boolean }
    expect(p2.messages.length).toBe(2)
    expect(p2.hasMore).toBe(true)
  })
  it('second conversation start returns open one, adds text', async () => {
    const u = await signIn(server, 'two-starts')
    const a = await post(server, '/v1/conversations', u, { locale: 'en', text: 'first' })
    expect(a.status).toBe(201)
    const b = await post(server, '/v1/conversations', u, { locale: 'en', text: 'second' })
    expect(b.status).toBe(200)
    const ida = ((await a.json()) as { id: string }).id
    expect(((await b.json()) as { id: string }).id).toBe(ida)
    const page = (await (
      await fetch(`${server.url}/v1/conversations/${ida}/messages`, { headers: u.headers() })
    ).json()) as { messages: { text: string }[] }
    expect(page.messages.map((m) => m.text)).toEqual(['first', 'second'])
  })
  it('uploads', async () => {
    const empty = await upload(server, alice, Buffer.alloc(0))
    expect(empty.status).toBe(400)
    const gif = await upload(server, alice, Buffer.from('GIF89a....'), 'a.gif', 'image/gif')
    expect(gif.status).toBe(415)
    const lie = await upload(server, alice, Buffer.from('%PDF-1.4 hi'), 'a.png', 'image/png')
    expect(lie.status).toBe(415)
    const name = await upload(server, alice, PNG, encodeURIComponent('../../\u202Egnp.exe\u0007..png'))
    const ref = (await name.json()) as { name: string }
    for (const c of ['/', '\\', '\u202E', '\u0007']) expect(ref.name).not.toContain(c)
    expect(ref.name.startsWith('.')).toBe(false)
    const long = await upload(server, alice, PNG, encodeURIComponent('a'.repeat(300) + '.png'))
    const lr = (await long.json()) as { name: string }
    expect(lr.name.length).toBeLessThanOrEqual(120)
    expect(lr.name.endsWith('.png')).toBe(true)
    const blank = await upload(server, alice, PNG, encodeURIComponent('...'))
    expect(((await blank.json()) as { name: string }).name).toMatch(/^file/)
    const cd = await fetch(
      `${server.url}/v1/attachments/${((await (await upload(server, alice, PNG, encodeURIComponent('收据 "x".png'))).json()) as { id: string }).id}`,
      { headers: alice.headers() },
    )
    expect(cd.headers.get('content-disposition')).toMatch(/^attachment;/)
    expect(cd.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox")
  })
  it('upload over 10MB by content-length', async () => {
    const r = await upload(server, alice, Buffer.concat([PNG, Buffer.alloc(10 * 1024 * 1024 + 10)]))
    expect(r.status).toBe(413)
    expect(await errorCode(r)).toBe('file_too_large')
  })
})
