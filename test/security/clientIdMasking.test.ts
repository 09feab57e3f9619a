import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningServer } from '../../examples/server/server.js'
import { AGENT_KEY, deployment, post, signIn, type User } from './helpers.js'

// A chat message keeps its Idempotency-Key as `clientId`, which goes back to the user's devices
// (so the sender can swap its pending bubble for the stored message) and to the agent console.
// The key is client-chosen: a custom transport may build it from a card number or a code. The
// SDK's own keys are random UUIDs and must come back exactly as sent.
let server: RunningServer
let user: User
beforeAll(async () => {
  server = await deployment()
  user = await signIn(server, 'client-id-mask')
})
afterAll(() => server?.close())

const text = (body: string) => ({ kind: 'text', text: body, attachments: [] })
const key = (k: string) => ({ 'Idempotency-Key': k })

/** Everything a client id can reach: the stored rows, the user's and the agent's reads, the events. */
async function everywhere(conversationId: string): Promise<string> {
  const rows = server.db.prepare<{ t: string | null }>('SELECT client_id AS t FROM messages').all()
  const events = server.db.prepare<{ t: string | null }>('SELECT data AS t FROM events').all()
  const mine = await fetch(`${server.url}/v1/conversations/${conversationId}/messages`, { headers: user.headers() })
  const agent = await fetch(`${server.url}/v1/agent/conversations/${conversationId}`, {
    headers: { 'X-Agent-Key': AGENT_KEY },
  })
  expect([mine.status, agent.status]).toEqual([200, 200])
  return [...rows, ...events].map((r) => r.t ?? '').join('\n') + (await mine.text()) + (await agent.text())
}

describe('a chat message’s Idempotency-Key shown back as its clientId', () => {
  it('has no card number, ID number or code left in it', async () => {
    const start = await post(
      server,
      '/v1/conversations',
      user,
      {
        locale: 'en',
        text: 'hello',
        transaction: { id: 'T-1', time: '2026-11-23T09:30:00Z', amount: '1.00', currency: 'CNY' },
      },
      key('pay-4111111111111111'),
    )
    expect(start.status).toBe(201)
    const { id } = (await start.json()) as { id: string }
    const sent = await post(server, `/v1/conversations/${id}/messages`, user, text('my code'), key('otp-384921'))
    expect(sent.status).toBe(201)
    const reply = (await sent.json()) as { clientId: string }
    expect(reply.clientId).toBe('otp-******')
    const idKey = key('id-11010519491231002X')
    expect((await post(server, `/v1/conversations/${id}/messages`, user, text('id'), idKey)).status).toBe(201)

    const seen = await everywhere(id)
    for (const secret of ['411111111111', '384921', '1101051949123']) expect(seen).not.toContain(secret)
    expect(seen).toContain('pay-************1111:transaction')
    expect(seen).toContain('id-**************002X')
  })

  it('still replays a retry with the same key', async () => {
    const start = await post(server, '/v1/conversations', user, { locale: 'en' })
    const { id } = (await start.json()) as { id: string }
    const first = await post(
      server,
      `/v1/conversations/${id}/messages`,
      user,
      text('again'),
      key('card4111111111111111'),
    )
    const again = await post(
      server,
      `/v1/conversations/${id}/messages`,
      user,
      text('again'),
      key('card4111111111111111'),
    )
    expect([first.status, again.status]).toEqual([201, 201])
    expect(again.headers.get('Idempotent-Replayed')).toBe('true')
    const [a, b] = (await Promise.all([first.json(), again.json()])) as Array<{ id: string; clientId: string }>
    expect(b).toEqual(a)
    expect(a?.clientId).toBe('card************1111')
  })

  it('keeps the SDK’s UUID keys as sent, also one whose digit groups read as a card', async () => {
    // `52897415-5504-4544…`: its first 16 digits pass Luhn after a card prefix; about 1 random UUID
    // in 2,000 is such a one. Masked, the sender could not match its pending message.
    const uuids = ['52897415-5504-4544-b012-02c9ad8d4966', '3F2A9C1E-8B7D-4E6A-9F01-2B3C4D5E6F70']
    // A user of its own: at the open-conversation limit a start would join an earlier conversation.
    const user = await signIn(server, 'client-id-uuid')
    const start = await post(server, '/v1/conversations', user, { locale: 'en', text: 'hi' }, key(uuids[0]!))
    const { id } = (await start.json()) as { id: string }
    const sent = await post(server, `/v1/conversations/${id}/messages`, user, text('second'), key(uuids[1]!))
    expect(((await sent.json()) as { clientId: string }).clientId).toBe(uuids[1])
    const page = await fetch(`${server.url}/v1/conversations/${id}/messages`, { headers: user.headers() })
    const { messages } = (await page.json()) as { messages: Array<{ clientId?: string }> }
    expect(messages.map((m) => m.clientId).filter((c) => c !== undefined)).toEqual(uuids)
  })
})
