import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningServer } from '../../../examples/server/server.js'
import {
  PNG,
  WALLET_ORIGIN,
  deployment,
  errorCode,
  post,
  rawRequest,
  signIn,
  ticket,
  upload,
  type User,
} from '../helpers.js'

// Requests a stranger sends to a deployed reference server with curl: broken ids, paths that
// climb out of the static folders, bogus stream resumes, forged sessions, files that lie about
// themselves. Every answer is a clear JSON error (never a 500, never a stack trace), and nothing
// served back can run script.
let server: RunningServer
let alice: User

beforeAll(async () => {
  server = await deployment()
  alice = await signIn(server, 'alice-b4')
})
afterAll(() => server?.close())

/** The error body every route promises: `{ error: { code, message } }`, and nothing else. */
async function expectCleanError(res: Response | { status: number; body: string }, status: number, code?: string) {
  expect(res.status).toBe(status)
  const text = 'body' in res && typeof res.body === 'string' ? res.body : await (res as Response).text()
  const json = JSON.parse(text) as { error: { code: string; message: string } }
  expect(Object.keys(json)).toEqual(['error'])
  expect(typeof json.error.message).toBe('string')
  if (code) expect(json.error.code).toBe(code)
  // No stack frames, source paths or SQL in what a stranger reads.
  expect(text).not.toMatch(/\bat .+:\d+:\d+|\/work\/|node_modules|examples\/server|SQLITE|syntax error/i)
}

describe('ids and paths a stranger makes up', () => {
  it('answers a broken percent-encoding in an id with 400, on every kind of id', async () => {
    for (const path of ['/v1/tickets/%E0%A4%A', '/v1/conversations/%ZZ', '/v1/attachments/%C0%AF'])
      await expectCleanError(await fetch(server.url + path, { headers: alice.headers() }), 400, 'rejected')
  })

  it('answers ids that climb directories with 404, and never serves a file from outside the static folders', async () => {
    await expectCleanError(
      await fetch(`${server.url}/v1/tickets/..%2F..%2Fetc%2Fpasswd`, { headers: alice.headers() }),
      404,
      'not_found',
    )
    for (const path of [
      '/v1/../../etc/passwd',
      '/console/../../package.json',
      '/console/%2e%2e/%2e%2e/package.json',
      '/console/..%5c..%5cpackage.json',
      '/console/%2e%2e%2fserver.ts',
    ]) {
      const res = await rawRequest(server, 'GET', path, {})
      expect(res.status, path).toBe(404)
      expect(res.body).not.toMatch(/"name": "help-feedback"|root:|import /)
    }
  })
})

describe('a stream resumed with a Last-Event-ID it never got', () => {
  it('answers ids that are not plain event numbers with 400 naming the header', async () => {
    for (const id of ['abc', '-1', '1e3', '0x10', '99999999999999999999999', '1; DROP TABLE events']) {
      const res = await fetch(`${server.url}/v1/events`, { headers: alice.headers({ 'Last-Event-ID': id }) })
      expect(res.status, id).toBe(400)
      const body = (await res.json()) as { error: { code: string; fields: Record<string, string> } }
      expect(body.error.code).toBe('rejected')
      expect(Object.keys(body.error.fields)).toEqual(['Last-Event-ID'])
    }
  })

  it('opens a stream and asks for a resync for an id ahead of every event, without replaying anyone else', async () => {
    const bob = await signIn(server, 'bob-b4')
    await post(server, '/v1/tickets', bob, ticket({ subject: 'bob private subject' }))
    const ctl = new AbortController()
    const res = await fetch(`${server.url}/v1/events`, {
      headers: alice.headers({ 'Last-Event-ID': '123456789' }),
      signal: ctl.signal,
    })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/)
    const reader = res.body!.getReader()
    let text = ''
    while (!text.includes('resync')) {
      const { value, done } = await reader.read()
      if (done) break
      text += Buffer.from(value).toString('utf8')
    }
    ctl.abort()
    expect(text).toContain('"type":"resync"')
    expect(text).not.toContain('bob')
  })
})

describe('sessions a stranger forges', () => {
  it('refuses a session token with its user swapped (signature kept), and a user bearer on agent routes', async () => {
    const [, expiry, sig] = alice.bearer.split('.')
    const swapped = `${Buffer.from('bob-b4').toString('base64url')}.${expiry}.${sig}`
    await expectCleanError(
      await fetch(`${server.url}/v1/tickets`, { headers: { Authorization: `Bearer ${swapped}` } }),
      401,
      'unauthorized',
    )
    // A later expiry with the old signature is no session either.
    const later = `${alice.bearer.split('.')[0]}.${Number(expiry) + 86_400_000}.${sig}`
    await expectCleanError(
      await fetch(`${server.url}/v1/tickets`, { headers: { Authorization: `Bearer ${later}` } }),
      401,
      'unauthorized',
    )
    await expectCleanError(await fetch(`${server.url}/v1/agent/tickets`, { headers: alice.headers() }), 401)
  })

  it('gives a foreign origin no CORS grant on user or agent routes, preflight or not', async () => {
    for (const [path, hdr] of [
      ['/v1/tickets', 'authorization'],
      ['/v1/agent/tickets', 'x-agent-key'],
    ] as const) {
      for (const origin of ['https://evil.example', `${WALLET_ORIGIN}.evil.example`, 'null']) {
        const pre = await fetch(server.url + path, {
          method: 'OPTIONS',
          headers: { Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': hdr },
        })
        expect(pre.headers.get('access-control-allow-origin'), `${path} ${origin}`).toBeNull()
        const get = await fetch(server.url + path, { headers: { ...alice.headers(), Origin: origin } })
        expect(get.headers.get('access-control-allow-origin')).toBeNull()
        expect(get.headers.get('access-control-allow-credentials')).toBeNull()
      }
    }
  })
})

describe('files that lie about themselves', () => {
  it('refuses SVG and HTML whatever type they claim, with 415 file_type', async () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>')
    expect(await errorCode(await upload(server, alice, svg, 'x.svg', 'image/svg+xml'))).toBe('file_type')
    expect(await errorCode(await upload(server, alice, svg, 'x.png', 'image/png'))).toBe('file_type')
    expect(await errorCode(await upload(server, alice, Buffer.from('<html>'), 'x.html', 'text/html'))).toBe('file_type')
  })

  it('serves a polyglot (PNG or PDF magic, then HTML) and a CR/LF file name as a sandboxed download', async () => {
    const html = Buffer.from('<html><script>alert(document.domain)</script></html>')
    const cases = [
      { data: Buffer.concat([PNG, html]), name: 'a%0d%0aSet-Cookie: x=1%0d%0a.html', type: 'image/png' },
      { data: Buffer.concat([Buffer.from('%PDF-'), html]), name: '"; filename=evil.html', type: 'application/pdf' },
    ]
    for (const c of cases) {
      const res = await upload(server, alice, c.data, c.name, c.type)
      expect(res.status).toBe(201)
      const ref = (await res.json()) as { name: string; url: string }
      expect(ref.name).not.toMatch(/[\r\n]|\.html$/)
      const file = await fetch(ref.url.replace(new URL(ref.url).origin, server.url))
      expect(file.status).toBe(200)
      expect(file.headers.get('content-type')).toBe(c.type)
      expect(file.headers.get('x-content-type-options')).toBe('nosniff')
      expect(file.headers.get('content-security-policy')).toMatch(/default-src 'none'.*sandbox/)
      expect(file.headers.get('set-cookie')).toBeNull()
      const disposition = file.headers.get('content-disposition') ?? ''
      expect(disposition).toMatch(/^attachment; filename="[^"]*"; filename\*=UTF-8''\S+$/)
      expect(disposition).not.toMatch(/\.html/)
    }
  })
})

describe('bodies that are not what the route reads', () => {
  it('answers malformed, non-object and form-encoded bodies with 400 and a message, never 500', async () => {
    for (const [body, type] of [
      ['{"category":', 'application/json'],
      ['[]', 'application/json'],
      ['null', 'application/json'],
      ['"x"', 'application/json'],
      ['category=payment_failed', 'application/x-www-form-urlencoded'],
    ] as const) {
      await expectCleanError(await post(server, '/v1/tickets', alice, body, { 'Content-Type': type }), 400, 'rejected')
    }
  })

  it('does not let __proto__ or constructor keys in a body change anything: rejected or kept as plain data', async () => {
    const res = await post(
      server,
      '/v1/tickets',
      alice,
      '{"__proto__":{"isAdmin":true},"category":"payment_failed","subject":"p","description":"d","fields":{"__proto__":{"a":1}},"attachments":[],"priority":"normal","locale":"en"}',
    )
    expect([201, 400]).toContain(res.status)
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined()
    expect(({} as Record<string, unknown>).a).toBeUndefined()
  })
})
