import { afterAll, beforeAll } from 'vitest'
import { restTransport } from 'help-feedback/transports/rest'
import type { TicketStatus } from '../../src/types.js'
import { builtinArticles, upsertArticles } from '../../examples/server/seed.js'
import { startServer, type RunningServer } from '../../examples/server/server.js'
import { identityToken } from '../support/identityToken.js'
import { describeTransportContract, key, type AgentDriver } from './transportContract.js'

/*
 * The REST transport against the real reference server (SQLite in memory, real HTTP on
 * 127.0.0.1, real SSE). The agent side goes through the documented /v1/agent API.
 */

const SECRET = 'contract-test-secret'
const AGENT_KEY = 'demo-agent'
let server: RunningServer
let base = ''

beforeAll(async () => {
  server = await startServer({ port: 0, dbPath: ':memory:', secret: SECRET, agentKey: AGENT_KEY })
  upsertArticles(server.db, builtinArticles)
  base = server.url.replace(/\/+$/, '')
})
afterAll(async () => server?.close())


async function agentCall(path: string, body: unknown, expected: number): Promise<void> {
  const response = await fetch(`${base}/v1/agent${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Agent-Key': AGENT_KEY, 'Idempotency-Key': key() },
    body: JSON.stringify(body),
  })
  if (response.status !== expected) throw new Error(`agent ${path} answered ${response.status}: ${await response.text()}`)
}

const agent: AgentDriver = {
  reply: (conversationId: string, text: string) =>
    agentCall(`/conversations/${encodeURIComponent(conversationId)}/messages`, { text, agentName: 'Contract Agent' }, 201),
  setTicketStatus: (ticketId: string, status: TicketStatus) =>
    agentCall(`/tickets/${encodeURIComponent(ticketId)}/status`, { status }, 200),
}

describeTransportContract('rest against examples/server', async () => {
  const user = { id: `srv-${key()}`, name: 'Contract User' }
  const transport = restTransport({
    baseUrl: base, getUserToken: () => identityToken(SECRET, { sub: user.id, name: user.name }), stream: { minDelayMs: 50 },
  })
  return { transport, agent, user, cleanup: async () => {} }
})
