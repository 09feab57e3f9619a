import { createHmac } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { http, HttpResponse } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest'
import { startServer } from '../../examples/server/server.js'
import { createFreshdeskHandlers, FreshdeskState } from '../msw/freshdesk.js'
import type { RunningServer, ServerOptions } from '../../examples/server/server.js'
import { AGENT_KEY, PNG, SECRET, deployment, errorCode, post, signIn, ticket, upload, type User } from './helpers.js'
import { rows } from '../support/postgres.js'

/** A Luhn-valid test card number, as a user might paste it anywhere. */
const CARD = '4111 1111 1111 1111'
const PAN = /4111[\s-]?1111[\s-]?1111[\s-]?1111/

let server: RunningServer
let user: User
beforeAll(async () => {
  server = await deployment()
  user = await signIn(server, 'break-user')
})
afterAll(async () => server?.close())

const agentHeaders = { 'X-Agent-Key': AGENT_KEY, 'Content-Type': 'application/json' }
const b64 = (v: unknown): string => Buffer.from(JSON.stringify(v)).toString('base64url')
/** An HS256 JWT built by hand, so header and claims can be anything a forger likes. */
const jwt = (payload: unknown): string => {
  const input = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(payload)}`
  return `${input}.${createHmac('sha256', SECRET).update(input).digest('base64url')}`
}
const nowS = (): number => Math.floor(Date.now() / 1000)
const identify = (token: string): Promise<Response> =>
  fetch(`${server.url}/v1/identify`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ token }),
  })

describe('attack: an identify token with exp ten years ahead works as a standing credential', () => {
  it('is refused as invalid_token; a five-minute token still works', async () => {
    const far = await identify(jwt({ sub: 'break-far', exp: nowS() + 10 * 365 * 86400 }))
    expect(far.status).toBe(401)
    expect(await errorCode(far)).toBe('invalid_token')
    expect((await identify(jwt({ sub: 'break-far', exp: nowS() + 300 }))).status).toBe(200)
  })
})

describe('attack: a card number in a ticket field named like a structured key (status, amount, type)', () => {
  it('is masked in `fields`, `diagnostics` and the transaction kind, as agents read the ticket', async () => {
    const res = await post(
      server,
      '/v1/tickets',
      user,
      ticket({
        fields: { status: `card ${CARD}`, amount: `card ${CARD}`, locale: CARD, note: `card ${CARD}` },
        diagnostics: { type: `card ${CARD}`, category: CARD },
        transaction: { id: 'tx_1', time: '2026-11-23T10:00:00Z', amount: '12.50', currency: 'USD', kind: CARD },
      }),
    )
    expect(res.status).toBe(201)
    const { id } = (await res.json()) as { id: string }
    const detail = await (await fetch(`${server.url}/v1/agent/tickets/${id}`, { headers: agentHeaders })).text()
    expect(detail).not.toMatch(PAN)
    // Structured values stay as they were.
    expect(detail).toContain('"amount":"12.50"')
    expect(detail).toContain('"time":"2026-11-23T10:00:00Z"')
  })

  it('is masked in the transaction kind of a chat message', async () => {
    const res = await post(server, '/v1/conversations', user, {
      locale: 'en',
      transaction: { id: 'tx_2', time: '2026-11-23T10:00:00Z', amount: '1.00', currency: 'USD', kind: CARD },
    })
    expect(res.status).toBeLessThan(300)
    const { id } = (await res.json()) as { id: string }
    const detail = await (await fetch(`${server.url}/v1/agent/conversations/${id}`, { headers: agentHeaders })).text()
    expect(detail).not.toMatch(PAN)
  })
})

describe("attack: a card number in the agent's display name", () => {
  it('is masked in the stored and broadcast author name', async () => {
    const conv = (await (await post(server, '/v1/conversations', user, { locale: 'en', text: 'hello' })).json()) as {
      id: string
    }
    const res = await fetch(`${server.url}/v1/agent/conversations/${conv.id}/messages`, {
      method: 'POST',
      headers: agentHeaders,
      body: JSON.stringify({ text: 'Hi', agentName: `Ann ${CARD}` }),
    })
    expect(res.status).toBe(201)
    expect(await res.text()).not.toMatch(PAN)
    const page = await (
      await fetch(`${server.url}/v1/conversations/${conv.id}/messages`, { headers: user.headers() })
    ).text()
    expect(page).not.toMatch(PAN)
  })
})

describe('attack: guessing the agent key through attachment downloads, which did not count failures', () => {
  it('gets 429 once the per-address failure limit is used up, on downloads and agent routes alike', async () => {
    const s = await deployment({ limits: { authFailuresPerIpPerMinute: 3 } })
    try {
      const owner = await signIn(s, 'break-dl')
      const { id } = (await (await upload(s, owner, PNG)).json()) as { id: string }
      const codes: number[] = []
      for (let i = 0; i < 10; i++) {
        codes.push((await fetch(`${s.url}/v1/attachments/${id}`, { headers: { 'X-Agent-Key': `guess-${i}` } })).status)
      }
      expect(codes).toContain(429)
      expect(codes.filter((c) => c === 200)).toEqual([])
      const agent = await fetch(`${s.url}/v1/agent/tickets`, { headers: { 'X-Agent-Key': AGENT_KEY } })
      expect(agent.status).toBe(429)
    } finally {
      await s.close()
    }
  })
})

describe('read-only mode: every write refused, but sign-in is no write', () => {
  it('lets a user identify and read their requests on a read-only database; a new request still waits (503)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hf-ro-'))
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }))
    const dbPath = join(dir, 'help.sqlite')
    const writable = await deployment({ dbPath })
    const before = await signIn(writable, 'break-ro')
    expect((await post(writable, '/v1/tickets', before, ticket())).status).toBe(201)
    await writable.close()
    const ro = await deployment({ dbPath, readOnly: true })
    try {
      const again = await signIn(ro, 'break-ro')
      const list = await fetch(`${ro.url}/v1/tickets`, { headers: again.headers() })
      expect(list.status).toBe(200)
      expect((await list.json()) as unknown[]).toHaveLength(1)
      const write = await post(ro, '/v1/tickets', again, ticket())
      expect(write.status).toBe(503)
      expect(await errorCode(write)).toBe('read_only')
    } finally {
      await ro.close()
    }
  })
})

/**
 * A reference server in Freshdesk proxy mode with these `limits`, over a fake Freshdesk in this
 * process (any other https request fails instead of leaving the machine), and `userId` signed in
 * to it; both stop after `use`.
 */
async function withFreshdeskProxy(
  limits: NonNullable<ServerOptions['limits']>,
  userId: string,
  use: (s: RunningServer, fdUser: User) => Promise<void>,
): Promise<void> {
  const msw = setupServer(
    ...createFreshdeskHandlers(new FreshdeskState()),
    http.all('https://*', () => HttpResponse.error()),
  )
  msw.listen({ onUnhandledRequest: 'bypass' })
  const s = await startServer({
    port: 0,
    dbPath: ':memory:',
    secret: SECRET,
    freshdesk: { domain: 'acme', apiKey: 'fd-test-key' },
    limits,
  })
  try {
    const res = await fetch(`${s.url}/freshdesk/v1/identify`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ token: jwt({ sub: userId, exp: nowS() + 300 }) }),
    })
    const { token } = (await res.json()) as { token: string }
    await use(s, {
      id: userId,
      bearer: token,
      headers: (extra = {}) => ({ Authorization: `Bearer ${token}`, ...extra }),
    })
  } finally {
    await s.close()
    msw.close()
  }
}

describe('attack: in Freshdesk proxy mode one user files tickets without limit, all at once', () => {
  it('answers past ticketsPerHour with 429 ticket_limit, even when the posts race each other', async () => {
    await withFreshdeskProxy({ ticketsPerHour: 3 }, 'break-fd', async (s, fdUser) => {
      const parallel = await Promise.all(
        Array.from({ length: 8 }, () => post(s, '/freshdesk/v1/tickets', fdUser, ticket())),
      )
      const codes = parallel.map((r) => r.status).sort()
      expect(codes.filter((c) => c === 201)).toHaveLength(3)
      expect(codes.filter((c) => c === 429)).toHaveLength(5)
      const later = await post(s, '/freshdesk/v1/tickets', fdUser, ticket())
      expect(later.status).toBe(429)
      expect(await errorCode(later)).toBe('ticket_limit')
      expect(Number(later.headers.get('Retry-After'))).toBeGreaterThan(0)
    })
  })
})

describe('attack: in Freshdesk proxy mode, forwarding uploads to Freshdesk resets the daily upload quota', () => {
  it('keeps forwarded bytes on the quota, and a forwarded upload cannot be attached or fetched again', async () => {
    await withFreshdeskProxy({ uploadBytesPerDay: PNG.length * 3 }, 'break-fdq', async (s, fdUser) => {
      const fdUpload = (): Promise<Response> =>
        fetch(`${s.url}/freshdesk/v1/attachments`, {
          method: 'POST',
          headers: fdUser.headers({
            'Content-Type': 'image/png',
            'X-File-Name': 'r.png',
            'Idempotency-Key': `${Math.random()}`,
          }),
          body: new Uint8Array(PNG),
        })
      const refs: Array<{ id: string }> = []
      for (let i = 0; i < 3; i++) {
        const up = await fdUpload()
        expect(up.status).toBe(201)
        refs.push((await up.json()) as { id: string })
      }
      expect((await fdUpload()).status).toBe(429)
      expect((await post(s, '/freshdesk/v1/tickets', fdUser, ticket({ attachments: refs }))).status).toBe(201)
      const after = await fdUpload()
      expect(after.status).toBe(429)
      expect(await errorCode(after)).toBe('upload_quota')
      expect((await post(s, '/freshdesk/v1/tickets', fdUser, ticket({ attachments: refs.slice(0, 1) }))).status).toBe(
        400,
      )
      expect((await fetch(`${s.url}/v1/attachments/${refs[0]!.id}`, { headers: fdUser.headers() })).status).toBe(404)
    })
  })
})

describe('attack: a card number as a locale or as the name of a ticket field', () => {
  it('never reaches the database unmasked', async () => {
    const res = await post(
      server,
      '/v1/tickets',
      user,
      ticket({ locale: CARD, fields: { [CARD]: 'x' }, diagnostics: { [`pan ${CARD}`]: 1 } }),
    )
    expect(res.status).toBe(201)
    const conv = await post(server, '/v1/conversations', await signIn(server, 'break-locale'), { locale: CARD })
    expect(conv.status).toBe(201)
    const stored = JSON.stringify([
      await rows(server, 'SELECT locale, fields, diagnostics FROM tickets'),
      await rows(server, 'SELECT locale FROM conversations'),
    ])
    expect(stored).not.toMatch(PAN)
  })
})
