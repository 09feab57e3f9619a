import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { mintIdentityToken } from '../../examples/server/identity.js'
import type { RunningServer } from '../../examples/server/server.js'
import { identityToken } from '../support/identityToken.js'
import { rows } from '../support/postgres.js'
import {
  AGENT_KEY,
  PNG,
  PUBLIC_URL,
  SECRET,
  WALLET_ORIGIN,
  deployment,
  errorCode,
  post,
  rawRequest,
  signIn,
  ticket,
} from './helpers.js'
import { createHmac } from 'node:crypto'

let server: RunningServer
beforeAll(async () => {
  server = await deployment()
})
afterAll(async () => server?.close())

const identify = (body: unknown, headers: Record<string, string> = {}): Promise<Response> =>
  fetch(`${server.url}/v1/identify`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  })

describe('attack: a page on another origin reads every ticket through the agent routes (CORS)', () => {
  it('gets no CORS headers on agent routes, even with the right key and an allowed origin', async () => {
    for (const origin of ['https://evil.example', 'null', WALLET_ORIGIN]) {
      const res = await fetch(`${server.url}/v1/agent/tickets`, {
        headers: { Origin: origin, 'X-Agent-Key': AGENT_KEY },
      })
      expect(res.headers.get('access-control-allow-origin')).toBeNull()
      const pre = await fetch(`${server.url}/v1/agent/tickets`, {
        method: 'OPTIONS',
        headers: {
          Origin: origin,
          'Access-Control-Request-Method': 'GET',
          'Access-Control-Request-Headers': 'x-agent-key',
        },
      })
      expect(pre.headers.get('access-control-allow-origin')).toBeNull()
      expect(pre.headers.get('access-control-allow-headers')).toBeNull()
    }
  })

  it('never allows the `null` origin or an unlisted one on the user API; the configured wallet origin is allowed', async () => {
    for (const origin of ['null', 'https://evil.example', 'https://wallet.example.evil.example']) {
      const res = await fetch(`${server.url}/v1/availability`, { headers: { Origin: origin } })
      expect(res.headers.get('access-control-allow-origin')).toBeNull()
    }
    const ok = await fetch(`${server.url}/v1/availability`, { headers: { Origin: WALLET_ORIGIN } })
    expect(ok.headers.get('access-control-allow-origin')).toBe(WALLET_ORIGIN)
  })

  it('gives /demo/token no CORS even in a demo with an allowed origin, so other sites cannot mint sessions', async () => {
    const { startServer } = await import('../../examples/server/server.js')
    const demo = await startServer({ port: 0, secret: SECRET, demoTokens: true, corsOrigins: [WALLET_ORIGIN] })
    try {
      for (const origin of ['null', 'https://evil.example', WALLET_ORIGIN]) {
        const res = await fetch(`${demo.url}/demo/token?userId=alice`, { headers: { Origin: origin } })
        expect(res.status).toBe(200)
        expect(res.headers.get('access-control-allow-origin')).toBeNull()
      }
    } finally {
      await demo.close()
    }
  })

  it('refuses to start with `null` or `*` in CORS_ORIGINS', async () => {
    const { parseOrigins } = await import('../../examples/server/config.js')
    expect(() => parseOrigins('https://wallet.example,null')).toThrow(/CORS_ORIGINS/)
    expect(() => parseOrigins('*')).toThrow(/CORS_ORIGINS/)
  })
})

describe('attack: `Host: evil.example` makes the server build links to evil.example', () => {
  it('builds attachment links from PUBLIC_URL whatever Host and X-Forwarded-Proto say', async () => {
    const user = await signIn(server, 'host-victim')
    const res = await rawRequest(
      server,
      'POST',
      '/v1/attachments',
      user.headers({
        Host: 'evil.example',
        'X-Forwarded-Host': 'evil.example',
        'X-Forwarded-Proto': 'http',
        'Content-Type': 'image/png',
        'X-File-Name': 'a.png',
        'Idempotency-Key': `host-${Date.now()}`,
      }),
      PNG,
    )
    expect(res.status).toBe(201)
    const ref = JSON.parse(res.body) as { url: string }
    expect(ref.url.startsWith(`${PUBLIC_URL}/v1/attachments/`)).toBe(true)
    expect(ref.url).not.toContain('evil.example')
  })
})

describe('attack: forged, replayed or unsigned identity', () => {
  it('rejects the old HMAC(userId) token with 401 legacy_token', async () => {
    const legacy = createHmac('sha256', SECRET).update('alice', 'utf8').digest('hex')
    const res = await identify({ userId: 'alice', token: legacy })
    expect(res.status).toBe(401)
    expect(await errorCode(res)).toBe('legacy_token')
  })

  it('rejects an expired token (replayed later) with 401 token_expired, beyond the clock-skew allowance', async () => {
    const old = mintIdentityToken(SECRET, { sub: 'alice' }, 300, Date.now() - 3600_000)
    const res = await identify({ userId: 'alice', token: old })
    expect(res.status).toBe(401)
    expect(await errorCode(res)).toBe('token_expired')
  })

  it('accepts a token that expired within the clock-skew allowance (backend clock slightly ahead)', async () => {
    const skewed = mintIdentityToken(SECRET, { sub: 'skewed' }, 300, Date.now() - 320_000)
    expect((await identify({ token: skewed })).status).toBe(200)
  })

  it('rejects a token without exp, with alg none, or signed with another secret (invalid_token)', async () => {
    const part = (v: unknown): string => Buffer.from(JSON.stringify(v)).toString('base64url')
    const noExp = `${part({ alg: 'HS256' })}.${part({ sub: 'alice' })}`
    const forged = [
      `${noExp}.${createHmac('sha256', SECRET).update(noExp).digest('base64url')}`,
      `${part({ alg: 'none' })}.${part({ sub: 'alice', exp: 9e9 })}.`,
      await identityToken('another-secret-of-at-least-32-bytes!!', { sub: 'alice' }),
    ]
    for (const token of forged) {
      const res = await identify({ userId: 'alice', token })
      expect(res.status).toBe(401)
      expect(await errorCode(res)).toBe('invalid_token')
    }
  })

  it('takes name, e-mail and attributes only from the signed claims, never from the body', async () => {
    const token = await identityToken(SECRET, { sub: 'claims-user', name: 'Signed Name', email: 'signed@example.org' })
    const res = await identify({
      userId: 'claims-user',
      token,
      name: 'Evil <Admin>',
      email: 'attacker@example.org',
      attributes: { vip: true },
    })
    expect(res.status).toBe(200)
    const [row] = await rows<{ name: string; email: string; attributes: string | null }>(
      server,
      'SELECT name, email, attributes FROM users WHERE id = ?',
      'claims-user',
    )
    expect(row).toEqual({ name: 'Signed Name', email: 'signed@example.org', attributes: null })
  })
})

describe('attack: the agent key travels in the console URL and lands in logs', () => {
  const logged: string[] = []
  const original = console.log
  afterEach(() => {
    console.log = original
  })

  it('refuses ?key= on agent routes with 401 key_in_url', async () => {
    for (const path of ['/v1/agent/tickets', '/v1/agent/events']) {
      const res = await fetch(`${server.url}${path}?key=${encodeURIComponent(AGENT_KEY)}`)
      expect(res.status).toBe(401)
      expect(await errorCode(res)).toBe('key_in_url')
    }
  })

  it('signs the console in with one POST: an HttpOnly, SameSite=Strict, Secure cookie that works on agent routes', async () => {
    const res = await post(server, '/v1/agent/session', undefined, { key: AGENT_KEY }, { Origin: PUBLIC_URL })
    expect(res.status).toBe(200)
    const cookie = res.headers.get('set-cookie') ?? ''
    expect(cookie).toMatch(/^hf_agent=[^;]+; HttpOnly; SameSite=Strict; Path=\/; Max-Age=\d+; Secure$/)
    expect(cookie).not.toContain(AGENT_KEY)
    const session = cookie.split(';')[0] as string
    expect((await fetch(`${server.url}/v1/agent/tickets`, { headers: { Cookie: session } })).status).toBe(200)
    // Scripts keep the header.
    expect((await fetch(`${server.url}/v1/agent/tickets`, { headers: { 'X-Agent-Key': AGENT_KEY } })).status).toBe(200)
    // The cookie cannot be ridden from another origin to change anything.
    const user = await signIn(server, 'csrf-user')
    const t = (await (await post(server, '/v1/tickets', user, ticket())).json()) as { id: string }
    const csrf = await post(
      server,
      `/v1/agent/tickets/${t.id}/status`,
      undefined,
      { status: 'closed' },
      { Cookie: session, Origin: 'https://evil.example' },
    )
    expect(csrf.status).toBe(403)
    expect(await errorCode(csrf)).toBe('cross_origin')
    // A forged cookie is no session.
    expect(
      (await fetch(`${server.url}/v1/agent/tickets`, { headers: { Cookie: `hf_agent=${Date.now() + 1e6}.forged` } }))
        .status,
    ).toBe(401)
  })

  it('logs paths without queries, so tokens and signatures never reach the request log', async () => {
    const logging = await deployment({ log: true })
    console.log = (...args: unknown[]) => void logged.push(args.join(' '))
    try {
      await fetch(`${logging.url}/v1/agent/events?key=${encodeURIComponent(AGENT_KEY)}`)
      await fetch(`${logging.url}/v1/attachments/att_x?by=u&exp=1&sig=SIGNATURE`)
      await fetch(`${logging.url}/v1/events?token=BEARER-TOKEN`)
    } finally {
      console.log = original
      await logging.close()
    }
    expect(logged.length).toBeGreaterThanOrEqual(3)
    expect(logged.join('\n')).not.toMatch(new RegExp(`${AGENT_KEY}|SIGNATURE|BEARER-TOKEN`))
  })
})
