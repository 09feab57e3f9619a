/**
 * The `bench:server` harness itself: its generator counts every request once, and its SSE check
 * finds lost, repeated and reordered events. Runs in process against the bare handler (small
 * counts); the real bench runs with `npm run bench:server`, outside `npm test`.
 */
import { createServer, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_BODIES, startBare } from '../../../bench/server/bare.js'
import { makeUsers, runLoad, runSse, sourceAddress, type BenchUser } from '../../../bench/server/load.js'

let bare: Awaited<ReturnType<typeof startBare>>
let url: string
let users: BenchUser[]

beforeAll(async () => {
  bare = await startBare(0)
  url = `http://127.0.0.1:${bare.port}`
  users = await makeUsers({
    op: 'users',
    targets: [url],
    n: 20,
    prefix: 'h-',
    secret: 's'.repeat(32),
    concurrency: 4,
    ipBlock: 1,
  })
})
afterAll(() => bare.close())

describe('bench:server harness', () => {
  it('signs users in and opens one conversation each', () => {
    expect(users.map((u) => u.userId)).toEqual(Array.from({ length: 20 }, (_, i) => `h-${i}`))
    expect(users.every((u) => u.token === `bare.${u.userId}` && u.conv === `cv_${u.userId}` && u.target === 0)).toBe(
      true,
    )
  })

  it('counts every request exactly once and keeps one response body', async () => {
    const r = await runLoad({
      op: 'load',
      route: 'create',
      targets: [url],
      users,
      count: 200,
      concurrency: 8,
      perUser: 10,
      keyPrefix: 't',
    })
    expect(r.count).toBe(200)
    expect(r.ok + Object.values(r.non2xx).reduce((a, n) => a + n, 0) + r.errors).toBe(200)
    expect(r.ok).toBe(200)
    expect(r.sample).toBe(DEFAULT_BODIES.create)
    expect(r.p50).toBeLessThanOrEqual(r.p99)
    const send = await runLoad({
      op: 'load',
      route: 'send',
      targets: [url],
      users,
      count: 100,
      concurrency: 8,
      perUser: 400,
      keyPrefix: 'm',
    })
    expect(send.ok).toBe(100)
    expect(send.sample).toBe(DEFAULT_BODIES.send)
  })

  it('refuses a run that would push a user past its quota', async () => {
    await expect(
      runLoad({
        op: 'load',
        route: 'create',
        targets: [url],
        users: users.slice(0, 2),
        count: 21,
        concurrency: 2,
        perUser: 10,
        keyPrefix: 'q',
      }),
    ).rejects.toThrow(/need 3 users/)
  })

  it('counts transport errors and non-2xx answers apart', async () => {
    const dead = `http://127.0.0.1:1`
    const r = await runLoad({
      op: 'load',
      route: 'create',
      targets: [dead],
      users,
      count: 5,
      concurrency: 2,
      perUser: 10,
      keyPrefix: 'd',
    })
    expect(r).toMatchObject({ count: 5, ok: 0, errors: 5 })
    const notThere = await runLoad({
      op: 'load',
      route: 'send',
      targets: [url],
      users: [{ ...(users[0] as BenchUser), conv: '' }],
      count: 3,
      concurrency: 1,
      perUser: 400,
      keyPrefix: 'n',
    })
    expect(notThere).toMatchObject({ ok: 0, errors: 0, non2xx: { 404: 3 } })
  })

  it('holds SSE clients and sees every event once, in order', async () => {
    const r = await runSse({
      op: 'sse',
      targets: [url],
      users: users.slice(0, 5),
      k: 4,
      concurrency: 3,
      agentKey: 'k',
      tag: 'h',
      ipBlock: 2,
      settleMs: 5000,
    })
    expect(r).toMatchObject({
      clients: 5,
      held: 5,
      published: 20,
      expected: 20,
      delivered: 20,
      lost: 0,
      duplicates: 0,
      outOfOrder: 0,
      perfectClients: 5,
    })
  })

  it('spreads per-address limited requests over loopback addresses', () => {
    expect(sourceAddress(1, 0, 'linux')).toBe('127.1.0.1')
    expect(sourceAddress(1, 399, 'linux')).toBe('127.1.0.1')
    expect(sourceAddress(1, 400, 'linux')).toBe('127.1.0.2')
    expect(sourceAddress(2, 400 * 250, 'linux')).toBe('127.2.1.1')
    expect(sourceAddress(1, 0, 'darwin')).toBeUndefined()
  })
})

describe('bench:server SSE check against a faulty stream', () => {
  let faulty: Server
  let faultyUrl: string
  beforeAll(async () => {
    // Relays agent replies to user `a` but drops k=1, repeats k=2 and sends k=3 before k=2's repeat.
    const streams = new Map<string, ServerResponse>()
    let id = 0
    let held: string | undefined
    faulty = createServer((req, res) => {
      const u = new URL(req.url ?? '/', 'http://x')
      if (u.pathname === '/v1/events') {
        res.writeHead(200, { 'Content-Type': 'text/event-stream' })
        res.write(': connected\n\n')
        streams.set(u.searchParams.get('token') ?? '', res)
        return
      }
      if (u.pathname === '/v1/agent/session') {
        // No agent sessions here: the harness falls back to the key header.
        res.writeHead(404, { 'Content-Type': 'application/json' })
        res.end('{}')
        return
      }
      let body = ''
      req.on('data', (c: Buffer) => (body += c.toString()))
      req.on('end', () => {
        const text = (JSON.parse(body) as { text: string }).text
        const frame = (): string =>
          `id: ${++id}\ndata: ${JSON.stringify({ type: 'message', message: { author: 'agent', text } })}\n\n`
        const s = streams.get('a')
        if (text.endsWith(':2')) {
          s?.write(frame())
          held = frame()
        } else if (!text.endsWith(':1')) {
          s?.write(frame())
          if (held) s?.write(held)
        }
        res.writeHead(201, { 'Content-Type': 'application/json' })
        res.end('{}')
      })
    })
    await new Promise<void>((r) => faulty.listen(0, '127.0.0.1', () => r()))
    faultyUrl = `http://127.0.0.1:${(faulty.address() as AddressInfo).port}`
  })
  afterAll(() => {
    faulty.closeAllConnections()
    return new Promise<void>((r) => faulty.close(() => r()))
  })

  it('reports the lost, repeated and reordered events', async () => {
    const r = await runSse({
      op: 'sse',
      targets: [faultyUrl],
      users: [{ userId: 'a', token: 'a', conv: 'cv_a', target: 0 }],
      k: 4,
      concurrency: 1,
      agentKey: 'k',
      tag: 'f',
      ipBlock: 2,
      settleMs: 300,
    })
    // Received k: 0, 2, 3, 2 → k=1 lost, k=2 twice, one step backwards; the client is not perfect.
    expect(r).toMatchObject({
      clients: 1,
      held: 1,
      published: 4,
      expected: 4,
      delivered: 3,
      lost: 1,
      duplicates: 1,
      outOfOrder: 1,
      perfectClients: 0,
    })
  })
})
