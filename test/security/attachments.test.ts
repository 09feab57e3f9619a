import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningServer } from '../../examples/server/server.js'
import { AGENT_KEY, PNG, deployment, errorCode, post, signIn, ticket, upload, type User } from './helpers.js'

let server: RunningServer
let alice: User
let bob: User
beforeAll(async () => {
  server = await deployment()
  alice = await signIn(server, 'alice')
  bob = await signIn(server, 'bob')
})
afterAll(async () => server?.close())

/** Links carry PUBLIC_URL (the deployment's https origin); the test reaches the same server locally. */
const local = (url: string): string => url.replace(/^https:\/\/[^/]+/, server.url)

describe('attack: attachment ?sig= links never expire, are not bound, and serve any name', () => {
  it('refuses a link past its expiry with 403 link_expired', async () => {
    const expired = await deployment({ limits: { attachmentLinkTtlMs: -60_000 } })
    try {
      const user = await signIn(expired, 'late')
      const ref = (await (await upload(expired, user, PNG)).json()) as { url: string }
      const res = await fetch(ref.url.replace(/^https:\/\/[^/]+/, expired.url))
      expect(res.status).toBe(403)
      expect(await errorCode(res)).toBe('link_expired')
    } finally {
      await expired.close()
    }
  })

  it('makes links that expire within the configured hour by default', async () => {
    const ref = (await (await upload(server, alice, PNG)).json()) as { url: string }
    const exp = Number(new URL(ref.url).searchParams.get('exp'))
    expect(exp * 1000).toBeGreaterThan(Date.now())
    expect(exp * 1000).toBeLessThanOrEqual(Date.now() + 3600_000 + 1000)
    expect((await fetch(local(ref.url))).status).toBe(200)
  })

  it('refuses a user link shown with another user’s bearer, and a link re-pointed at another file or viewer', async () => {
    const a = (await (await upload(server, alice, PNG)).json()) as { id: string; url: string }
    const b = (await (await upload(server, bob, PNG)).json()) as { id: string; url: string }
    expect((await fetch(local(a.url), { headers: bob.headers() })).status).toBe(404)
    expect((await fetch(local(a.url).replace(a.id, b.id))).status).toBe(404)
    const u = new URL(local(a.url))
    u.searchParams.set('exp', String(Number(u.searchParams.get('exp')) + 86_400))
    expect((await fetch(u)).status).toBe(404)
  })

  it('binds links made for agents to agents: without agent credentials they open nothing', async () => {
    const ref = (await (await upload(server, alice, PNG)).json()) as { id: string }
    const t = (await (await post(server, '/v1/tickets', alice, ticket({ attachments: [{ id: ref.id }] }))).json()) as {
      id: string
    }
    const detail = (await (
      await fetch(`${server.url}/v1/agent/tickets/${t.id}`, { headers: { 'X-Agent-Key': AGENT_KEY } })
    ).json()) as { attachments: Array<{ url: string }> }
    const agentUrl = local(detail.attachments[0]?.url ?? '')
    expect(new URL(agentUrl).searchParams.get('by')).toBe('a')
    expect((await fetch(agentUrl)).status).toBe(404)
    expect((await fetch(agentUrl, { headers: bob.headers() })).status).toBe(404)
    expect((await fetch(agentUrl.replace('by=a', 'by=u'))).status).toBe(404)
    expect((await fetch(agentUrl, { headers: { 'X-Agent-Key': AGENT_KEY } })).status).toBe(200)
  })

  it('serves a PNG uploaded as evil.html as evil.png, image/png, nosniff, as a download', async () => {
    const res = await upload(server, alice, PNG, 'evil.html')
    expect(res.status).toBe(201)
    const ref = (await res.json()) as { name: string; url: string }
    expect(ref.name).toBe('evil.png')
    const dl = await fetch(local(ref.url))
    expect(dl.status).toBe(200)
    expect(dl.headers.get('content-type')).toBe('image/png')
    expect(dl.headers.get('x-content-type-options')).toBe('nosniff')
    expect(dl.headers.get('content-disposition')).toMatch(/^attachment; filename="evil\.png"/)
    expect(dl.headers.get('content-disposition')).not.toContain('.html')
  })

  it('refuses HTML declared as a PNG', async () => {
    const res = await upload(server, alice, Buffer.from('<script>alert(1)</script>'), 'x.png')
    expect(res.status).toBe(415)
  })
})
