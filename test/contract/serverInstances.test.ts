import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import postgres from 'postgres'
import { startServer, type RunningServer, type ServerOptions } from '../../examples/server/server.js'
import { migrate, migrations } from '../../examples/server/store/pgMigrate.js'
import type { Availability, ChatEvent, Conversation, Message } from '../../src/types.js'
import { appendMessage, loadConversation } from '../../examples/server/chatStore.js'
import { PgRepo } from '../../examples/server/store/pgRepo.js'
import { agentPost, login, openSse, ticketInput, type SseEvent } from '../unit/server/helpers.js'
import { startInstancePair, stopInstances } from '../support/instances.js'
import { createTestDatabase, pgSkipReason, warnPgSkipped } from '../support/postgres.js'

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
    // Both start at once: the advisory lock makes one migrate and the other find it done.
    ;({ url, a, b } = await startInstancePair(base))
  })
  afterAll(() => stopInstances(a, b))

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
    // The agent's first reply also writes one "joined" line, however the replies race.
    const streamed = await watch.until((ev) => allMessagesOf(ev).length === 51, 10_000)
    const every = allMessagesOf(streamed)
    const streamedSeqs = every.map((m) => m.seq)
    expect(streamedSeqs).toEqual(Array.from({ length: 51 }, (_, i) => i + 1))
    const system = every.filter((m) => m.author === 'system')
    expect(system.map((m) => m.text)).toEqual(['joined'])
    expect([...seqs, ...system.map((m) => m.seq)].sort((x, y) => x - y)).toEqual(streamedSeqs)
    watch.close()
  })

  it('writes one "joined" line when first replies race on both instances', async () => {
    const users = await Promise.all(Array.from({ length: 6 }, (_, i) => login(i % 2 ? a : b, `u_join${i}`)))
    const convs = await Promise.all(
      users.map(async (u) => (await (await u.post('/v1/conversations', { locale: 'en' })).json()) as Conversation),
    )
    const replies = convs.flatMap((c) => [
      agentPost(a, `/conversations/${c.id}/messages`, { text: 'on A' }),
      agentPost(b, `/conversations/${c.id}/messages`, { text: 'on B' }),
    ])
    expect((await Promise.all(replies)).map((r) => r.status)).toEqual(replies.map(() => 201))
    for (const [i, c] of convs.entries()) {
      const page = (await (await users[i]!.get(`/v1/conversations/${c.id}/messages`)).json()) as {
        messages: Message[]
      }
      expect(page.messages.map((m) => m.seq)).toEqual([1, 2, 3])
      expect(page.messages.filter((m) => m.author === 'system').map((m) => [m.seq, m.text])).toEqual([[1, 'joined']])
    }
  })

  it('ends a conversation once when the user and an agent end it on two instances, and refuses sends after', async () => {
    const users = await Promise.all(Array.from({ length: 4 }, (_, i) => login(i % 2 ? a : b, `u_end${i}`)))
    for (const user of users) {
      const conv = (await (await user.post('/v1/conversations', { locale: 'en' })).json()) as Conversation
      const other = await login(user === users[0] || user === users[2] ? a : b, user.userId)
      const send = (by: typeof user) =>
        by.post(`/v1/conversations/${conv.id}/messages`, { text: 'late?', kind: 'text', attachments: [] })
      const results = await Promise.all([
        user.post(`/v1/conversations/${conv.id}/end`, {}),
        agentPost(a, `/conversations/${conv.id}/end`, {}),
        agentPost(b, `/conversations/${conv.id}/end`, {}),
        send(user),
        send(other),
      ])
      expect(results.slice(0, 3).map((r) => r.status)).toEqual([200, 200, 200])
      const page = (await (await user.get(`/v1/conversations/${conv.id}/messages`)).json()) as { messages: Message[] }
      const texts = page.messages.map((m) => m.text)
      expect(texts.filter((t) => t === 'ended')).toHaveLength(1)
      // A send either made it before the end (201) or was refused (409); none lands after it.
      expect(texts.at(-1)).toBe('ended')
      const sent = results.slice(3).filter((r) => r.status === 201).length
      expect(results.slice(3).every((r) => r.status === 201 || r.status === 409)).toBe(true)
      expect(texts.filter((t) => t === 'late?')).toHaveLength(sent)
      expect(page.messages.map((m) => m.seq)).toEqual(texts.map((_, i) => i + 1))
    }
  })

  it('an uncommitted send holds up no other write, and no stream skips its lower event id', async () => {
    const user = await login(a, 'u_held')
    const other = await login(b, 'u_free')
    const held = (await (await user.post('/v1/conversations', { locale: 'en' })).json()) as Conversation
    const free = (await (await other.post('/v1/conversations', { locale: 'en' })).json()) as Conversation
    const raw = postgres(url, { max: 1, onnotice: () => {} })
    const [top] = await raw<Array<{ id: string }>>`SELECT COALESCE(MAX(id), 0)::text AS id FROM events`
    const before = top?.id ?? '0'
    const live = await openSse(`${a.url}/v1/events`, user.headers({ 'Last-Event-ID': before }))
    // A send in `held` through the server's own write path, stopped after its events were
    // written (their ids taken) and before commit: the slow transaction that makes bigserial gaps.
    const inFlight = (text: string) => {
      let release!: (commit: boolean) => void
      const decision = new Promise<boolean>((r) => (release = r))
      let reached!: (id: number) => void
      const flushed = new Promise<number>((r) => (reached = r))
      const done = raw
        .begin(async (tx) => {
          const repo = new PgRepo(tx, undefined)
          const conv = await loadConversation(repo, held.id)
          await appendMessage(
            repo,
            conv,
            { author: 'user', kind: 'text', text, attachments: [] },
            a.app.refOut('agent'),
          )
          await repo.flushEvents()
          const [r] = await tx<
            Array<{ id: string }>
          >`SELECT currval(pg_get_serial_sequence('events', 'id'))::text AS id`
          reached(Number(r?.id))
          if (!(await decision)) throw new Error('rolled back')
        })
        .catch((err: unknown) => {
          if (!(err instanceof Error && err.message === 'rolled back')) throw err
        })
      pending.push(() => release(false))
      return { flushed, release: (commit: boolean) => (release(commit), done) }
    }
    const pending: Array<() => void> = []
    try {
      const first = inFlight('held one')
      const heldId = await first.flushed
      // Writes elsewhere go ahead (a global event lock would hang them here): sends in another
      // conversation on both instances, and an agent typing to the held user (a later event id).
      const sends = await Promise.all([
        other.post(`/v1/conversations/${free.id}/messages`, { text: 'free on B', kind: 'text', attachments: [] }),
        (await login(a, 'u_free')).post(`/v1/conversations/${free.id}/messages`, {
          text: 'free on A',
          kind: 'text',
          attachments: [],
        }),
        agentPost(b, `/conversations/${held.id}/typing`, { on: true }),
      ])
      expect(sends.map((r) => r.status)).toEqual([201, 201, 204])
      // Nothing at or above the held id is handed out while it may still commit...
      expect(a.store.deliveredUpTo()).toBeLessThan(heldId)
      expect(b.store.deliveredUpTo()).toBeLessThan(heldId)
      // ...also not to a stream resuming now on the other instance, where the later ids are in the table.
      const resumed = await openSse(`${b.url}/v1/events`, user.headers({ 'Last-Event-ID': before }))
      await first.release(true)

      // A second one rolls back: its id is a hole the streams pass over.
      const second = inFlight('rolled back')
      await second.flushed
      expect((await agentPost(a, `/conversations/${held.id}/typing`, { on: false })).status).toBe(204)
      await second.release(false)

      const seen = (ev: SseEvent[]) =>
        ev.flatMap((e) => {
          const d = e.data as ChatEvent
          if (d.type === 'message') return [d.message.text]
          if (d.type === 'typing') return [`typing ${d.on}`]
          return []
        })
      for (const stream of [live, resumed]) {
        const got = await stream.until((ev) => seen(ev).includes('typing false'), 10_000)
        expect(seen(got)).toEqual(['held one', 'typing true', 'typing false'])
        const ids = got.map((e) => Number(e.id))
        expect([...ids].sort((x, y) => x - y)).toEqual(ids)
        expect(new Set(ids).size).toBe(ids.length)
        expect(ids).toContain(heldId)
        stream.close()
      }
      const page = (await (await user.get(`/v1/conversations/${held.id}/messages`)).json()) as { messages: Message[] }
      expect(page.messages.map((m) => [m.seq, m.text])).toEqual([[1, 'held one']])
    } finally {
      for (const rollBack of pending) rollBack()
      await raw.end({ timeout: 5 })
    }
  })

  it('keeps streaming while sends never stop on both instances: delivery does not wait for a quiet moment', async () => {
    // Writers keep transactions overlapping all the time (some is always open), so a reader that
    // waited for "no write in flight" would deliver nothing until they stop. Each writer stops
    // after LIMIT sends at most, and all of them as soon as the watched stream got every probe:
    // the probes must arrive while the writers still run, i.e. before any writer ran out.
    const WRITERS = 6
    const LIMIT = 300
    const PROBES = 3
    const watched = await login(a, 'u_watched')
    const conv = (await (await watched.post('/v1/conversations', { locale: 'en' })).json()) as Conversation
    const stream = await openSse(`${a.url}/v1/events`, watched.headers())
    const writers = await Promise.all(
      Array.from({ length: WRITERS }, async (_, w) => {
        const user = await login(w % 2 ? a : b, `u_busy${w}`)
        const c = (await (await user.post('/v1/conversations', { locale: 'en' })).json()) as Conversation
        return { user, conv: c }
      }),
    )
    let stop = false
    const sent: number[] = writers.map(() => 0)
    const writing = writers.map(async ({ user, conv: c }, w) => {
      while (!stop && sent[w]! < LIMIT) {
        const r = await user.post(`/v1/conversations/${c.id}/messages`, {
          text: `busy ${w}`,
          kind: 'text',
          attachments: [],
        })
        expect(r.status).toBe(201)
        sent[w]!++
      }
    })
    const probes = (ev: SseEvent[]) =>
      messagesOf(ev)
        .filter((m) => m.author === 'agent')
        .map((m) => m.text)
    const ranOut = () => sent.some((n) => n >= LIMIT)
    const gotAllWhileBusy: boolean[] = []
    try {
      // Wait until every writer is under way, so each probe is posted into constant load.
      while (sent.some((n) => n < 3)) await new Promise((r) => setTimeout(r, 5))
      for (let p = 0; p < PROBES; p++) {
        expect(
          (await agentPost(p % 2 ? a : b, `/conversations/${conv.id}/messages`, { text: `probe ${p}` })).status,
        ).toBe(201)
        while (!probes(stream.events).includes(`probe ${p}`) && !ranOut()) await new Promise((r) => setTimeout(r, 5))
        gotAllWhileBusy.push(probes(stream.events).includes(`probe ${p}`) && !ranOut())
      }
    } finally {
      stop = true
      await Promise.all(writing)
    }
    expect(gotAllWhileBusy).toEqual(Array.from({ length: PROBES }, () => true))
    const got = await stream.until((ev) => probes(ev).length === PROBES, 10_000)
    expect(probes(got)).toEqual(Array.from({ length: PROBES }, (_, p) => `probe ${p}`))
    stream.close()
  })

  it('counts an agent connected to B as online on A, until they leave or B stops refreshing', async () => {
    const url2 = await createTestDatabase()
    const opts = { ...base, databaseUrl: url2, requireAgentOnline: true }
    const [x, y] = await Promise.all([startServer(opts), startServer(opts)])
    const onX = async () => (await (await fetch(`${x.url}/v1/availability`)).json()) as Availability
    try {
      expect(await onX()).toMatchObject({ agentsOnline: 0, open: false })
      const agent = await openSse(`${y.url}/v1/agent/events`, { 'X-Agent-Key': 'demo-agent' })
      expect(await onX()).toMatchObject({ agentsOnline: 1, open: true })
      agent.close()
      await expect.poll(async () => (await onX()).agentsOnline, { timeout: 10_000 }).toBe(0)
      expect((await onX()).open).toBe(false)

      // An instance that died without a word: its row counts until it expires, then not.
      const raw = postgres(url2, { max: 1, onnotice: () => {} })
      try {
        await raw`INSERT INTO agent_presence (instance, streams, expires_at) VALUES ('gone', 2, now() + interval '1 second')`
        expect(await onX()).toMatchObject({ agentsOnline: 2, open: true })
        await expect.poll(async () => (await onX()).agentsOnline, { timeout: 10_000 }).toBe(0)
        expect((await onX()).open).toBe(false)
      } finally {
        await raw.end()
      }
    } finally {
      await Promise.all([x.close(), y.close()])
    }
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
