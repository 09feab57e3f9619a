import { describe, expect, it } from 'vitest'
import { restTransport } from '../../../src/transports/rest.js'

/**
 * A user switch while the previous user's identify is still on the wire: its answer arrives
 * last and must not become the session of the user signed in now (or of nobody, after a
 * sign-out). Every later request would carry the previous user's bearer: the next user's
 * queued reports filed under the previous user's account, their "my requests" shown.
 */

interface Held {
  userId: string
  answer: () => void
}

function fakeServer() {
  const held: Held[] = []
  const bearers: Array<string | null> = []
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = String(input instanceof Request ? input.url : input)
    const headers = new Headers(init?.headers)
    if (url.endsWith('/v1/identify')) {
      const { userId } = JSON.parse(String(init?.body)) as { userId: string }
      return new Promise<Response>((resolve, reject) => {
        // As fetch does: an aborted request rejects and never answers.
        init?.signal?.addEventListener('abort', () => {
          held.splice(held.indexOf(entry), 1)
          reject(init.signal!.reason)
        })
        const entry: Held = {
          userId,
          answer: () =>
            resolve(
              new Response(JSON.stringify({ userId, token: `bearer-of-${userId}` }), {
                status: 200,
                headers: { 'Content-Type': 'application/json' },
              }),
            ),
        }
        held.push(entry)
      })
    }
    bearers.push(headers.get('Authorization'))
    return new Response('[]', { status: 200, headers: { 'Content-Type': 'application/json' } })
  }
  /** Answers the held identify of `userId` and lets its continuation run. */
  const answer = async (userId: string) => {
    const mine = held.filter((x) => x.userId === userId)
    if (mine.length === 0) throw new Error(`no identify of ${userId} on the wire`)
    for (const h of mine) {
      held.splice(held.indexOf(h), 1)
      h.answer()
    }
    for (let i = 0; i < 20; i++) await Promise.resolve()
  }
  const onWire = async (userId: string) => {
    for (let i = 0; i < 50 && !held.some((x) => x.userId === userId); i++) await Promise.resolve()
    if (!held.some((x) => x.userId === userId)) throw new Error(`identify of ${userId} never sent`)
  }
  return { fetch, answer, onWire, bearers }
}

describe('REST transport: an identify answered after a user switch', () => {
  it("the previous user's late answer does not become the new user's session", async () => {
    const server = fakeServer()
    const t = restTransport({ baseUrl: 'https://api.test', fetch: server.fetch, retries: 0 })
    const a = t.identify({ id: 'alice', token: 'jwt-a' })
    await server.onWire('alice')
    const b = t.identify({ id: 'bob', token: 'jwt-b' })
    await server.onWire('bob')
    await server.answer('bob')
    await expect(b).resolves.toMatchObject({ userId: 'bob' })
    await server.answer('alice')
    await a.catch(() => undefined)
    await t.listTickets!()
    expect(server.bearers).toEqual(['Bearer bearer-of-bob'])
  })

  it("after a sign-out, the previous user's late answer does not sign anyone in", async () => {
    const server = fakeServer()
    const t = restTransport({ baseUrl: 'https://api.test', fetch: server.fetch, retries: 0 })
    const a = t.identify({ id: 'alice', token: 'jwt-a' })
    await server.onWire('alice')
    t.signOut!()
    await server.answer('alice')
    await a.catch(() => undefined)
    await t.listArticles!({ locale: 'en' })
    expect(server.bearers).toEqual([null])
  })

  it("a re-identify of the previous user in flight is not shared with the next user's requests", async () => {
    const server = fakeServer()
    // A host that gives the user up front: the first request identifies alice on its own.
    const t = restTransport({
      baseUrl: 'https://api.test',
      fetch: server.fetch,
      retries: 0,
      user: { id: 'alice', token: 'jwt-a' },
    })
    const first = t.listTickets!()
    await server.onWire('alice')
    const b = t.identify({ id: 'bob', token: 'jwt-b' })
    await server.onWire('bob')
    // A request made for bob while both identifies are on the wire waits for bob's session.
    const second = t.listTickets!()
    await server.answer('alice')
    await server.answer('bob')
    await b
    await Promise.all([first.catch(() => undefined), second])
    // alice's own request may carry her bearer or be dropped; bob's carries his.
    expect(server.bearers.at(-1)).toBe('Bearer bearer-of-bob')
    expect(server.bearers.filter((x) => x === 'Bearer bearer-of-alice').length).toBeLessThanOrEqual(1)
  })
})

describe('client: an identify answered after a user switch or a sign-out', () => {
  it('leaves the session of whoever is signed in now, and tells the host of no stale sign-in', async () => {
    const { createSupportClient } = await import('../../../src/client.js')
    const server = fakeServer()
    const events: unknown[] = []
    const client = createSupportClient({
      transport: restTransport({ baseUrl: 'https://api.test', fetch: server.fetch, retries: 0 }),
      onEvent: (e) => events.push(e),
    })
    const a = client.identify({ id: 'alice', token: 'jwt-a' })
    await server.onWire('alice')
    // The sign-out aborts alice's sign-in still on the wire (sign-ins and sign-outs go in call order).
    await client.logout()
    await a
    expect(client.store.getState().session).toMatchObject({ user: undefined, session: undefined, status: 'anonymous' })
    expect(events).not.toContainEqual({ type: 'session:identify', userId: 'alice' })

    const b = client.identify({ id: 'bob', token: 'jwt-b' })
    await server.onWire('bob')
    const c = client.identify({ id: 'carol', token: 'jwt-c' })
    await server.onWire('carol')
    await server.answer('carol')
    await c
    await b
    expect(client.store.getState().session).toMatchObject({
      user: { id: 'carol' },
      session: { userId: 'carol' },
      status: 'ready',
    })
    expect(events).not.toContainEqual({ type: 'session:identify', userId: 'bob' })
    client.destroy()
  })
})
