import { afterAll, beforeAll, describe, it } from 'vitest'
import { restTransport } from 'help-feedback/transports/rest'
import type { TicketStatus } from '../../src/types.js'
import { builtinArticles } from '../../examples/server/seed.js'
import { startServer, type RunningServer } from '../../examples/server/server.js'
import { identityToken } from '../support/identityToken.js'
import { dropTestDatabases, testDatabases, warnPgSkipped } from '../support/postgres.js'
import { describeTransportContract, key, type AgentDriver } from './transportContract.js'

/*
 * The REST transport against the real reference server (real HTTP on 127.0.0.1, real SSE), once
 * on SQLite in memory and once on Postgres. The agent side goes through the documented
 * /v1/agent API.
 */

const SECRET = 'contract-test-secret'
const AGENT_KEY = 'demo-agent'

afterAll(() => dropTestDatabases())

for (const db of testDatabases) {
  if (db.skip) {
    warnPgSkipped()
    describe.skip(`rest against examples/server on ${db.name} (skipped: ${db.skip})`, () => {
      it('runs where the database exists', () => {})
    })
    continue
  }
  describe(`on ${db.name}`, () => {
    let server: RunningServer
    let base = ''

    beforeAll(async () => {
      server = await startServer({
        port: 0,
        dbPath: ':memory:',
        secret: SECRET,
        agentKey: AGENT_KEY,
        ...(await db.options()),
      })
      await server.store.tx((repo) => repo.upsertArticles(builtinArticles, new Date().toISOString()))
      base = server.url.replace(/\/+$/, '')
    })
    afterAll(async () => server?.close())

    async function agentCall(path: string, body: unknown, expected: number): Promise<void> {
      const response = await fetch(`${base}/v1/agent${path}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Agent-Key': AGENT_KEY, 'Idempotency-Key': key() },
        body: JSON.stringify(body),
      })
      if (response.status !== expected)
        throw new Error(`agent ${path} answered ${response.status}: ${await response.text()}`)
    }

    const agent: AgentDriver = {
      reply: (conversationId: string, text: string) =>
        agentCall(
          `/conversations/${encodeURIComponent(conversationId)}/messages`,
          { text, agentName: 'Contract Agent' },
          201,
        ),
      setTicketStatus: (ticketId: string, status: TicketStatus) =>
        agentCall(`/tickets/${encodeURIComponent(ticketId)}/status`, { status }, 200),
    }

    describeTransportContract(`rest against examples/server on ${db.name}`, async () => {
      const user = { id: `srv-${key()}`, name: 'Contract User' }
      const transport = restTransport({
        baseUrl: base,
        getUserToken: () => identityToken(SECRET, { sub: user.id, name: user.name }),
        stream: { minDelayMs: 50 },
      })
      return { transport, agent, user, cleanup: async () => {} }
    })
  })
}
