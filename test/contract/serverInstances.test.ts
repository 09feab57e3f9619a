import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import postgres from 'postgres'
import { startServer, type RunningServer, type ServerOptions } from '../../examples/server/server.js'
import { migrate, migrations } from '../../examples/server/store/pgMigrate.js'
import type { ChatEvent, Conversation, Message } from '../../src/types.js'
import { agentPost, login, openSse, ticketInput, type SseEvent } from '../unit/server/helpers.js'
import { createTestDatabase, dropTestDatabases, pgSkipReason, warnPgSkipped } from '../support/postgres.js'

/*
 * Several reference-server instances on one Postgres: what one writes, every other one streams;
 * numbering, idempotency, limits and migrations hold when the instances race each other.
 */

if (pgSkipReason) warnPgSkipped()

const base: ServerOptions = { port: 0, secret: 'test-secret', agentKey: 'demo-agent', hours: null }
const allMessagesOf = (events: SseEvent[]): Message[] =>
  events.map((e) => e.data as ChatEvent).flatMap((e) => (e.type === 'message' ? [e.message] : []))
/** What users and agents wrote (the server's system lines, such as "joined", left out). */
const messagesOf = (events: SseEvent[]): Message[] => allMessagesOf(events).filter((m) => m.author !== 'system')

describe.skipIf(pgSkipReason !== undefined)('several instances on one Postgres', () => {
  let url = ''
  let a: RunningServer
  let b: RunningServer
  beforeAll(async () => {
    url = await createTestDatabase()
    // Both start at once: the advisory lock makes one migrate and the other find it done.
    ;[a, b] = await Promise.all([
      startServer({ ...base, databaseUrl: url }),
      startServer({ ...base, databaseUrl: url }),
    ])
  })
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()])
    await dropTestDatabases()
  })

  it('migrated once, every version recorded in order', async () => {
    const sql = postgres(url, { max: 1, onnotice: () => {} })
    try {
      const rows = await sql<Array<{ version: number }>>`SELECT version FROM schema_migrations ORDER BY version`
      expect(rows.map((r) => r.version)).toEqual(migrations().map((m) => m.version))
      expect(await migrate(sql)).toEqual([])
    } finally {
      await sql.end()
    }
  })

  it('streams an agent reply posted on B to the user connected to A, and resumes on B after Last-Event-ID', async () => {
    const user = await login(a, 'u_cross')
    const conv = (await (await user.post('/v1/conversations', { locale: 'en', text: 'hello' })).json()) as Conversation
    const onA = await openSse(`${a.url}/v1/events`, user.headers())
    await agentPost(b, `/conversations/${conv.id}/messages`, { text: 'from B' })
    // The user's own "hello" may reach the new stream too (its NOTIFY can land after the stream registered).
    const fromAgents = (ev: SseEvent[]) => messagesOf(ev).filter((m) => m.author === 'agent')
    const seen = await onA.until((ev) => fromAgents(ev).length === 1)
    expect(fromAgents(seen).map((m) => m.text)).toEqual(['from B'])
    const lastId = seen.at(-1)?.id as string
    onA.close()

    await agentPost(a, `/conversations/${conv.id}/messages`, { text: 'two' })
    await agentPost(b, `/conversations/${conv.id}/messages`, { text: 'three' })
    const onB = await openSse(`${b.url}/v1/events`, user.headers({ 'Last-Event-ID': lastId }))
    await onB.until((ev) => fromAgents(ev).length === 2)
    await agentPost(a, `/conversations/${conv.id}/messages`, { text: 'four' })
    await onB.until((ev) => fromAgents(ev).length === 3)
    expect(fromAgents(onB.events).map((m) => [m.seq, m.text])).toEqual([
      // seq 2 is the "joined" line of the agent's first reply (seq 3).
      [4, 'two'],
      [5, 'three'],
      [6, 'four'],
    ])
    const ids = onB.events.map((e) => Number(e.id))
    expect(new Set(ids).size).toBe(ids.length)
    expect([...ids].sort((x, y) => x - y)).toEqual(ids)
    onB.close()
  })

  it('numbers concurrent sends through both instances without gaps or repeats, in stream order', async () => {
    const userA = await login(a, 'u_race')
    const userB = await login(b, 'u_race')
    const conv = (await (await userA.post('/v1/conversations', { locale: 'en' })).json()) as Conversation
    const watch = await openSse(`${a.url}/v1/events`, userA.headers())
    const sends = Array.from({ length: 40 }, (_, i) =>
      (i % 2 ? userA : userB).post(`/v1/conversations/${conv.id}/messages`, {
        text: `m${i}`,
        kind: 'text',
        attachments: [],
      }),
    )
    const replies = Array.from({ length: 10 }, (_, i) =>
      agentPost(i % 2 ? a : b, `/conversations/${conv.id}/messages`, { text: `r${i}` }),
    )
    const all = await Promise.all([...sends, ...replies])
    expect(all.map((r) => r.status)).toEqual(all.map(() => 201))
    const seqs = (await Promise.all(all.map(async (r) => ((await r.json()) as Message).seq))).sort((x, y) => x - y)
    // Agent replies also write system lines ("joined"; racing first replies may each write one).
    const streamed = await watch.until((ev) => messagesOf(ev).length === 50, 10_000)
    const every = allMessagesOf(streamed)
    const streamedSeqs = every.map((m) => m.seq)
    expect(streamedSeqs).toEqual(Array.from({ length: every.length }, (_, i) => i + 1))
    const system = every.filter((m) => m.author === 'system')
    expect(system.length).toBeGreaterThanOrEqual(1)
    expect(system.every((m) => m.text === 'joined' || m.text === 'transferred')).toBe(true)
    expect([...seqs, ...system.map((m) => m.seq)].sort((x, y) => x - y)).toEqual(streamedSeqs)
    watch.close()
  })

  it('runs a request once when its retry races it on the other instance', async () => {
    const onA = await login(a, 'u_idem')
    const onB = await login(b, 'u_idem')
    const key = `race-${Date.now()}`
    const [r1, r2] = await Promise.all([
      onA.post('/v1/tickets', ticketInput(), key),
      onB.post('/v1/tickets', ticketInput(), key),
    ])
    expect([r1.status, r2.status]).toEqual([201, 201])
    const [t1, t2] = [(await r1.json()) as { id: string }, (await r2.json()) as { id: string }]
    expect(t1.id).toBe(t2.id)
    expect([r1.headers.get('Idempotent-Replayed'), r2.headers.get('Idempotent-Replayed')].sort()).toEqual(
      [null, 'true'].sort(),
    )
    const list = (await (await onA.get('/v1/tickets')).json()) as unknown[]
    expect(list).toHaveLength(1)
  })

  it('shares the request rate limit between instances', async () => {
    const url2 = await createTestDatabase()
    const opts = { ...base, databaseUrl: url2, rateLimit: { perMinute: 6, burst: 6 } }
    const [x, y] = await Promise.all([startServer(opts), startServer(opts)])
    try {
      const statuses: number[] = []
      for (let i = 0; i < 8; i++) statuses.push((await fetch(`${(i % 2 ? x : y).url}/v1/availability`)).status)
      expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 429, 429])
    } finally {
      await Promise.all([x.close(), y.close()])
    }
  })

  it('shares the tickets-per-hour quota between instances, even when posts race', async () => {
    const onA = await login(a, 'u_quota')
    const onB = await login(b, 'u_quota')
    const posts = Array.from({ length: 14 }, (_, i) => (i % 2 ? onA : onB).post('/v1/tickets', ticketInput()))
    const statuses = (await Promise.all(posts)).map((r) => r.status)
    expect(statuses.filter((s) => s === 201)).toHaveLength(10)
    expect(statuses.filter((s) => s === 429)).toHaveLength(4)
  })
})
