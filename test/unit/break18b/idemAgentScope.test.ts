import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { startServer, type RunningServer } from '../../../examples/server/server.js'

/**
 * Idempotency keys are kept per caller: per user id, and agents together. Agents were kept under
 * the scope `agent`, which is also the scope of a user whose id is `agent` (any host id may be):
 * that user could take an agent script's next key first, and its reply was then refused 422.
 */
const dir = mkdtempSync(join(tmpdir(), 'idem-'))
let server: RunningServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

const ticket = {
  category: 'other',
  subject: 'Help',
  description: 'please',
  fields: {},
  attachments: [],
  priority: 'normal',
  locale: 'en',
}

describe('idempotency scopes of users and agents', () => {
  it("a user whose id is 'agent' does not share the agents' keys", async () => {
    server = await startServer({
      port: 0,
      dbPath: join(dir, 'idem.db'),
      secret: 'test-secret',
      agentKey: 'k',
      hours: null,
    })
    const base = server.url
    const identify = await fetch(`${base}/v1/identify`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ userId: 'agent', token: server.userToken('agent') }),
    })
    const { token } = (await identify.json()) as { token: string }
    const user = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }
    const first = await fetch(`${base}/v1/tickets`, {
      method: 'POST',
      headers: { ...user, 'Idempotency-Key': 'reply-1' },
      body: JSON.stringify(ticket),
    })
    expect(first.status).toBe(201)
    const { id } = (await first.json()) as { id: string }
    // An agent script's reply with the same key is its own request.
    const reply = await fetch(`${base}/v1/agent/tickets/${id}/comments`, {
      method: 'POST',
      headers: { 'X-Agent-Key': 'k', 'Content-Type': 'application/json', 'Idempotency-Key': 'reply-1' },
      body: JSON.stringify({ body: 'On it' }),
    })
    expect(reply.status).toBe(201)
    // And the user's retry still replays the ticket.
    const again = await fetch(`${base}/v1/tickets`, {
      method: 'POST',
      headers: { ...user, 'Idempotency-Key': 'reply-1' },
      body: JSON.stringify(ticket),
    })
    expect(again.status).toBe(201)
    expect(again.headers.get('Idempotent-Replayed')).toBe('true')
  })
})
