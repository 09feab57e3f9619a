import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import postgres from 'postgres'
import { startServer, type RunningServer, type ServerOptions } from '../../../examples/server/server.js'
import type { ChatEvent, Conversation } from '../../../src/types.js'
import { agentPost, login, openSse } from '../../unit/server/helpers.js'
import { createTestDatabase, dropTestDatabases, pgSkipReason, warnPgSkipped } from '../../support/postgres.js'

/*
 * An event id taken by a transaction that never committed (an instance killed between its event
 * INSERT and COMMIT) moves the Postgres watermark past the newest stored event. The resync frame
 * carries that watermark as its id; resuming with the id the server itself just sent must not be
 * answered with another resync (protocol.md §10: resync only for an id older than the window or
 * newer than anything the server has).
 */

if (pgSkipReason) warnPgSkipped()

const base: ServerOptions = { port: 0, secret: 'test-secret', agentKey: 'demo-agent', hours: null }
const isResync = (d: unknown): boolean => (d as ChatEvent).type === 'resync'

describe.skipIf(pgSkipReason !== undefined)('resync id after a rolled-back event id (Postgres)', () => {
  let url = ''
  let a: RunningServer
  let b: RunningServer | undefined
  beforeAll(async () => {
    url = await createTestDatabase()
    a = await startServer({ ...base, databaseUrl: url })
  })
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()])
    await dropTestDatabases()
  })

  it('resuming with the id of a resync frame is not answered with another resync', async () => {
    const user = await login(a, 'u_resync')
    const conv = (await (await user.post('/v1/conversations', { locale: 'en', text: 'hello' })).json()) as Conversation
    expect(conv.id).toBeTruthy()

    // A writer that took an event id and died before COMMIT (same effect as a killed instance).
    const sql = postgres(url, { max: 1, onnotice: () => {} })
    try {
      await sql
        .begin(async (tx) => {
          await tx`INSERT INTO events (user_id, audience, data, created_at) VALUES ('u_other', 'user', '{}', 0)`
          throw new Error('crash before commit')
        })
        .catch(() => undefined)
    } finally {
      await sql.end()
    }
    // An instance started after it: its watermark is the sequence's last value.
    b = await startServer({ ...base, databaseUrl: url })

    // A stale or foreign id far ahead: resync, as promised, with "the current latest id".
    const first = await openSse(`${b.url}/v1/events`, user.headers({ 'Last-Event-ID': '999999' }))
    const got = await first.until((ev) => ev.some((e) => isResync(e.data)))
    first.close()
    const resyncId = got.find((e) => isResync(e.data))?.id as string
    expect(resyncId).toMatch(/^\d+$/)

    // The client resumes with exactly that id (what EventSource does on reconnect).
    const again = await openSse(`${b.url}/v1/events`, user.headers({ 'Last-Event-ID': resyncId }))
    expect(again.status).toBe(200)
    // A resync would be the first frame; a later agent reply shows the replay part has arrived.
    expect((await agentPost(b, `/conversations/${conv.id}/messages`, { text: 'later' })).status).toBe(201)
    await again.until((ev) => ev.some((e) => (e.data as ChatEvent).type === 'message'))
    again.close()
    expect(again.events.filter((e) => isResync(e.data))).toEqual([])
  })
})
