import { request, type IncomingMessage } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningServer } from '../../examples/server/server.js'
import { AGENT_KEY, PNG, deployment, errorCode, post, signIn, ticket, upload, type User } from './helpers.js'

const servers: RunningServer[] = []
async function fresh(opts: Parameters<typeof deployment>[0] = {}): Promise<RunningServer> {
  const s = await deployment(opts)
  servers.push(s)
  return s
}
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()))
})

const agentGet = (server: RunningServer, path: string): Promise<Response> =>
  fetch(`${server.url}/v1/agent${path}`, { headers: { 'X-Agent-Key': AGENT_KEY } })

const retryAfter = (res: Response): number => Number(res.headers.get('retry-after'))

describe('attack: one user opens 520 conversations and floods the queue', () => {
  let server: RunningServer
  beforeAll(async () => {
    server = await fresh()
  })

  it('gets the one open conversation back on every further start; the expected wait of others does not move', async () => {
    const spammer = await signIn(server, 'spammer')
    const before = (await (await fetch(`${server.url}/v1/availability`)).json()) as { expectedWaitSeconds: number }
    const first = await post(server, '/v1/conversations', spammer, { locale: 'en', text: 'hi' })
    expect(first.status).toBe(201)
    const { id } = (await first.json()) as { id: string }
    for (let i = 0; i < 30; i++) {
      const again = await post(server, '/v1/conversations', spammer, { locale: 'en', text: `spam ${i}` })
      expect(again.status).toBe(200)
      expect(((await again.json()) as { id: string }).id).toBe(id)
    }
    const after = (await (await fetch(`${server.url}/v1/availability`)).json()) as {
      queueLength: number
      expectedWaitSeconds: number
    }
    expect(after.queueLength).toBe(1)
    expect(after.expectedWaitSeconds).toBe(before.expectedWaitSeconds + 90)
  })

  it('cannot push a real user off the agent queue: open conversations come first, the queue pages and filters', async () => {
    const spammer = await signIn(server, 'spammer-2')
    for (let i = 0; i < 60; i++) {
      const c = (await (await post(server, '/v1/conversations', spammer, { locale: 'en' })).json()) as { id: string }
      expect((await post(server, `/v1/conversations/${c.id}/end`, spammer, {})).status).toBe(200)
    }
    const real = await signIn(server, 'real-user')
    const mine = (await (
      await post(server, '/v1/conversations', real, { locale: 'en', text: 'my payment failed' })
    ).json()) as { id: string }
    const firstPage = await agentGet(server, '/conversations?limit=10')
    const list = (await firstPage.json()) as Array<{ id: string; status: string }>
    expect(list).toHaveLength(10)
    expect(list.filter((c) => c.status !== 'ended').map((c) => c.id)).toContain(mine.id)
    expect(firstPage.headers.get('x-next-offset')).toBe('10')
    const queued = (await (await agentGet(server, '/conversations?status=queued')).json()) as Array<{ id: string }>
    expect(queued.map((c) => c.id)).toContain(mine.id)
    expect((await agentGet(server, '/conversations?limit=100000')).status).toBe(400)
    expect((await agentGet(server, '/conversations?status=anything')).status).toBe(400)
  })

  it('sorts the ticket queue urgent first and filters it by status and category', async () => {
    const a = await signIn(server, 'ticket-a')
    const b = await signIn(server, 'ticket-b')
    await post(server, '/v1/tickets', a, ticket({ priority: 'low', category: 'other' }))
    const urgent = (await (
      await post(server, '/v1/tickets', b, ticket({ priority: 'urgent', category: 'duplicate_charge' }))
    ).json()) as { id: string }
    await post(server, '/v1/tickets', a, ticket({ priority: 'normal' }))
    const all = (await (await agentGet(server, '/tickets')).json()) as Array<{
      id: string
      priority: string
      category: string
    }>
    expect(all[0]?.id).toBe(urgent.id)
    const dup = (await (await agentGet(server, '/tickets?category=duplicate_charge&status=new')).json()) as Array<{
      id: string
    }>
    expect(dup.map((t) => t.id)).toEqual([urgent.id])
  })
})

describe('attack: one user files tickets and uploads without limit', () => {
  it('answers tickets past the hourly limit with 429 ticket_limit and Retry-After', async () => {
    const server = await fresh({ limits: { ticketsPerHour: 3 } })
    const user = await signIn(server, 'ticket-flood')
    for (let i = 0; i < 3; i++) expect((await post(server, '/v1/tickets', user, ticket())).status).toBe(201)
    const res = await post(server, '/v1/tickets', user, ticket())
    expect(res.status).toBe(429)
    expect(retryAfter(res)).toBeGreaterThan(3000)
    expect(await errorCode(res)).toBe('ticket_limit')
    // Another user is not affected.
    expect((await post(server, '/v1/tickets', await signIn(server, 'ticket-calm'), ticket())).status).toBe(201)
  })

  it('lets exactly the hourly number of tickets through when they are sent all at once', async () => {
    const server = await fresh({ limits: { ticketsPerHour: 4 } })
    const user = await signIn(server, 'ticket-burst')
    const statuses = await Promise.all(
      Array.from({ length: 12 }, async () => (await post(server, '/v1/tickets', user, ticket())).status),
    )
    expect(statuses.filter((s) => s === 201)).toHaveLength(4)
    expect(statuses.filter((s) => s === 429)).toHaveLength(8)
    const mine = await fetch(`${server.url}/v1/tickets`, { headers: user.headers() })
    expect((await mine.json()) as unknown[]).toHaveLength(4)
  })

  it('refuses a valid session from an address that failed too often, before the request limit', async () => {
    const server = await fresh({ limits: { authFailuresPerIpPerMinute: 2 }, rateLimit: { perMinute: 600 } })
    const user = await signIn(server, 'blocked-address')
    const list = (headers: Record<string, string>): Promise<Response> => fetch(`${server.url}/v1/tickets`, { headers })
    expect((await list(user.headers())).status).toBe(200)
    // Burst of twice the per-minute figure: four wrong bearers, then the address is blocked.
    for (let i = 0; i < 4; i++) expect((await list({ Authorization: 'Bearer bm9wZQ.1.x' })).status).toBe(401)
    const res = await list(user.headers())
    expect(res.status).toBe(429)
    expect(await errorCode(res)).toBe('auth_rate_limited')
  })

  it('answers uploads past the daily byte quota with 429 upload_quota and Retry-After', async () => {
    const server = await fresh({ limits: { uploadBytesPerDay: PNG.length * 2 } })
    const user = await signIn(server, 'upload-flood')
    expect((await upload(server, user, PNG)).status).toBe(201)
    expect((await upload(server, user, PNG)).status).toBe(201)
    const res = await upload(server, user, PNG)
    expect(res.status).toBe(429)
    expect(retryAfter(res)).toBeGreaterThan(0)
    expect(await errorCode(res)).toBe('upload_quota')
  })

  it('deletes uploads never attached to anything after 24 h, and keeps attached ones', async () => {
    const server = await fresh()
    const user = await signIn(server, 'upload-orphans')
    const orphan = (await (await upload(server, user, PNG, 'orphan.png')).json()) as { id: string; url: string }
    const kept = (await (await upload(server, user, PNG, 'kept.png')).json()) as { id: string; url: string }
    expect((await post(server, '/v1/tickets', user, ticket({ attachments: [{ id: kept.id }] }))).status).toBe(201)
    expect(await server.sweepUploads(Date.now() + 23 * 3600_000)).toBe(0)
    expect(await server.sweepUploads(Date.now() + 25 * 3600_000)).toBe(1)
    expect((await fetch(orphan.url.replace(/^https:\/\/[^/]+/, server.url), { headers: user.headers() })).status).toBe(
      404,
    )
    expect((await fetch(kept.url.replace(/^https:\/\/[^/]+/, server.url), { headers: user.headers() })).status).toBe(
      200,
    )
  })
})

/** Opens an event stream and reports whether and when the server ended it. */
function stream(server: RunningServer, user: User): Promise<{ res: IncomingMessage; ended: Promise<void> }> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${server.url}/v1/events`,
      { headers: user.headers({ Accept: 'text/event-stream' }) },
      (res) => {
        res.resume()
        resolve({ res, ended: new Promise((r) => res.on('end', () => r())) })
      },
    )
    req.on('error', reject)
    req.end()
  })
}

describe('attack: one user holds 590 live streams', () => {
  it('keeps at most 5 per user: each new one closes the oldest', async () => {
    const server = await fresh()
    const user = await signIn(server, 'stream-hog')
    const streams = []
    for (let i = 0; i < 8; i++) streams.push(await stream(server, user))
    await Promise.all(streams.slice(0, 3).map((s) => s.ended))
    expect(streams.map((s) => s.res.readableEnded)).toEqual([true, true, true, false, false, false, false, false])
    for (const s of streams) s.res.destroy()
  })
})

describe('attack: 1,500 wrong agent keys, bearers and identify tokens', () => {
  const from = (ip: string): Record<string, string> => ({ 'X-Forwarded-For': ip })

  it('answers wrong agent keys with 429 + Retry-After after a few, per IP and per key', async () => {
    const server = await fresh({
      trustProxy: 1,
      limits: { authFailuresPerIpPerMinute: 5, authFailuresPerKeyPerMinute: 10 },
    })
    const signedIn = await post(server, '/v1/agent/session', undefined, { key: AGENT_KEY }, from('198.51.100.201'))
    const session = (signedIn.headers.get('set-cookie') ?? '').split(';')[0] as string
    const statuses: number[] = []
    for (let i = 0; i < 15; i++) {
      const res = await fetch(`${server.url}/v1/agent/tickets`, {
        headers: { 'X-Agent-Key': `guess-${i}`, ...from('203.0.113.7') },
      })
      statuses.push(res.status)
      if (res.status === 429) expect(retryAfter(res)).toBeGreaterThan(0)
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401))
    expect(statuses.slice(10)).toEqual(Array(5).fill(429))
    // A crowd of addresses runs into the per-key limit as well.
    const crowd: number[] = []
    for (let i = 0; i < 25; i++) {
      crowd.push(
        (
          await fetch(`${server.url}/v1/agent/tickets`, {
            headers: { 'X-Agent-Key': 'guess', ...from(`198.51.100.${i}`) },
          })
        ).status,
      )
    }
    expect(crowd.at(-1)).toBe(429)
    // The console sign-in is counted too.
    const login = await post(server, '/v1/agent/session', undefined, { key: 'guess' }, from('198.51.100.200'))
    expect(login.status).toBe(429)
    // A console signed in earlier is not locked out by the guessing.
    expect(
      (await fetch(`${server.url}/v1/agent/tickets`, { headers: { Cookie: session, ...from('198.51.100.201') } }))
        .status,
    ).toBe(200)
  })

  it('answers wrong bearers from one address with 429 after a few', async () => {
    const server = await fresh({ trustProxy: 1, limits: { authFailuresPerIpPerMinute: 5 } })
    const statuses: number[] = []
    for (let i = 0; i < 12; i++) {
      statuses.push(
        (
          await fetch(`${server.url}/v1/tickets`, {
            headers: { Authorization: `Bearer forged.${i}.x`, ...from('203.0.113.9') },
          })
        ).status,
      )
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401))
    expect(statuses.slice(10)).toEqual([429, 429])
    // Someone else, from another address, signs in normally.
    expect(
      (
        await fetch(`${server.url}/v1/tickets`, {
          headers: (await signIn(server, 'calm', from('203.0.113.10'))).headers(from('203.0.113.10')),
        })
      ).status,
    ).toBe(200)
  })

  it('answers forged identify tokens with 429 after a few, per address and per claimed user', async () => {
    const server = await fresh({
      trustProxy: 1,
      limits: { authFailuresPerIpPerMinute: 5, authFailuresPerKeyPerMinute: 5 },
    })
    const tries = async (ip: string, userId: string): Promise<number> =>
      (
        await post(
          server,
          '/v1/identify',
          undefined,
          { userId, token: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.forged' },
          from(ip),
        )
      ).status
    const statuses: number[] = []
    for (let i = 0; i < 12; i++) statuses.push(await tries('203.0.113.11', `victim-${i}`))
    expect(statuses.slice(10)).toEqual([429, 429])
    const perUser: number[] = []
    for (let i = 0; i < 12; i++) perUser.push(await tries(`198.51.100.${i}`, 'victim'))
    expect(perUser.at(-1)).toBe(429)
    // The victim, with a real token from the wallet backend, still signs in.
    expect((await signIn(server, 'victim', from('198.51.100.99'))).bearer).toBeTruthy()
  })
})

describe("attack: wrong agent keys sent all at once, among an agent script's right ones", () => {
  // A failure budget far below the requests in flight: 2 per minute per address and per key (burst 4).
  const tight = { authFailuresPerIpPerMinute: 2, authFailuresPerKeyPerMinute: 2 }
  const reply = (server: RunningServer, convId: string, key: string, i: number): Promise<Response> =>
    fetch(`${server.url}/v1/agent/conversations/${convId}/messages`, {
      method: 'POST',
      headers: { 'X-Agent-Key': key, 'Content-Type': 'application/json' },
      body: JSON.stringify({ text: `reply ${i}` }),
    })

  it('lets 64 replies with the right key in flight at once all through: a right key holds no failure budget', async () => {
    const server = await fresh({ limits: tight })
    const user = await signIn(server, 'many-replies')
    const conv = (await (await post(server, '/v1/conversations', user, { locale: 'en', text: 'hi' })).json()) as {
      id: string
    }
    const statuses = (
      await Promise.all(Array.from({ length: 64 }, (_, i) => reply(server, conv.id, AGENT_KEY, i)))
    ).map((r) => r.status)
    expect(statuses).toEqual(Array(64).fill(201))
    // The budget is untouched: a wrong key after them is still told it is wrong.
    expect((await reply(server, conv.id, 'guess', 0)).status).toBe(401)
  })

  it('tells at most the burst of 40 simultaneous wrong keys that they are wrong; then right and wrong keys both get 429', async () => {
    const server = await fresh({ limits: tight })
    const user = await signIn(server, 'guessed-at')
    const conv = (await (await post(server, '/v1/conversations', user, { locale: 'en', text: 'hi' })).json()) as {
      id: string
    }
    const signedIn = await post(server, '/v1/agent/session', undefined, { key: AGENT_KEY })
    const session = (signedIn.headers.get('set-cookie') ?? '').split(';')[0] as string
    // 40 guesses and 24 right keys interleaved, all in flight together.
    const sent = Array.from({ length: 64 }, (_, i) => {
      const right = i % 8 >= 5
      return reply(server, conv.id, right ? AGENT_KEY : `guess-${i}`, i).then((r) => ({ right, status: r.status }))
    })
    const answers = await Promise.all(sent)
    const wrong = answers.filter((a) => !a.right).map((a) => a.status)
    expect(wrong).toHaveLength(40)
    expect(wrong.filter((s) => s !== 401 && s !== 429)).toEqual([])
    expect(wrong.filter((s) => s === 401).length).toBeLessThanOrEqual(4)
    // A right key in flight got through while the budget lasted, else the same 429 as a guess.
    expect(answers.filter((a) => a.right && a.status !== 201 && a.status !== 429)).toEqual([])
    // Budget spent: the answer no longer depends on the key.
    const right = await reply(server, conv.id, AGENT_KEY, 100)
    const guess = await reply(server, conv.id, 'guess-100', 101)
    expect([right.status, guess.status]).toEqual([429, 429])
    expect([await errorCode(right), await errorCode(guess)]).toEqual(['auth_rate_limited', 'auth_rate_limited'])
    // The console signed in earlier keeps working.
    expect(
      (
        await fetch(`${server.url}/v1/agent/conversations/${conv.id}/messages`, {
          method: 'POST',
          headers: { Cookie: session, 'Content-Type': 'application/json' },
          body: JSON.stringify({ text: 'from the console' }),
        })
      ).status,
    ).toBe(201)
  })
})

describe('attack: behind a proxy every user shares one rate-limit bucket', () => {
  it('keys on the X-Forwarded-For client when TRUST_PROXY names the hops: one drained address leaves others alone', async () => {
    const server = await fresh({ trustProxy: 1, rateLimit: { perMinute: 3 } })
    const avail = (ip: string): Promise<Response> =>
      fetch(`${server.url}/v1/availability`, { headers: { 'X-Forwarded-For': ip } })
    for (let i = 0; i < 3; i++) expect((await avail('203.0.113.1')).status).toBe(200)
    expect((await avail('203.0.113.1')).status).toBe(429)
    // Spoofing an extra hop on the left does not give a fresh bucket: only the trusted hop counts.
    expect((await avail('10.9.9.9, 203.0.113.1')).status).toBe(429)
    expect((await avail('203.0.113.2')).status).toBe(200)
    const other = await post(server, '/v1/identify', undefined, {}, { 'X-Forwarded-For': '203.0.113.3' })
    expect(other.status).not.toBe(429)
  })

  it('ignores X-Forwarded-For without TRUST_PROXY, and limits signed-in users per user, not per address', async () => {
    const server = await fresh({ rateLimit: { perMinute: 3 } })
    const a = await signIn(server, 'rl-a')
    const b = await signIn(server, 'rl-b')
    for (let i = 0; i < 3; i++)
      expect((await fetch(`${server.url}/v1/tickets`, { headers: a.headers() })).status).toBe(200)
    expect(
      (await fetch(`${server.url}/v1/tickets`, { headers: a.headers({ 'X-Forwarded-For': '203.0.113.50' }) })).status,
    ).toBe(429)
    expect((await fetch(`${server.url}/v1/tickets`, { headers: b.headers() })).status).toBe(200)
  })
})

describe('attack: agent routes are not rate limited', () => {
  it('limits agent routes per address like every other route', async () => {
    const server = await fresh({ rateLimit: { perMinute: 3 } })
    for (let i = 0; i < 3; i++) expect((await agentGet(server, '/tickets')).status).toBe(200)
    const res = await agentGet(server, '/tickets')
    expect(res.status).toBe(429)
    expect(retryAfter(res)).toBeGreaterThan(0)
  })
})
