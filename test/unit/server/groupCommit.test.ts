import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { SqliteStore } from '../../../examples/server/store/sqlite.js'
import type { StoredEvent, TicketOnce } from '../../../examples/server/store/types.js'

const dirs: string[] = []
const stores: SqliteStore[] = []
afterEach(async () => {
  await Promise.all(stores.splice(0).map((s) => s.close()))
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})
const open = (): { store: SqliteStore; path: string } => {
  const dir = mkdtempSync(join(tmpdir(), 'hf-group-'))
  dirs.push(dir)
  const path = join(dir, 'db.sqlite')
  const store = SqliteStore.open(path)
  stores.push(store)
  return { store, path }
}
/** A one-step create of a ticket `id` for `userId` with idempotency key `key`, its text just its reference. */
const onceTicket = (id: string, userId: string, key: string): TicketOnce => ({
  idem: { scope: userId, key, fingerprint: 'fp', at: 1 },
  ticket: {
    id,
    userId,
    priority: 'normal',
    category: 'other',
    subject: 's',
    description: 'd',
    fields: '{}',
    txn: null,
    attachments: '[]',
    locale: 'en',
    diagnostics: null,
    now: '2026-01-01T00:00:00.000Z',
  },
  quota: undefined,
  head: '{"reference":"',
  tail: '"}',
})
const names = (s: SqliteStore): string[] =>
  s.db
    .prepare<{ id: string }>('SELECT id FROM users ORDER BY id')
    .all()
    .map((r) => r.id)

describe('SQLite group commit', () => {
  it('commits the requests of one turn together; a failing one rolls back alone; no success settles before COMMIT', async () => {
    const { store } = open()
    const delivered: StoredEvent[][] = []
    store.onEvents((events) => delivered.push(events))
    const committedWhenSettled: Record<string, boolean> = {}
    const write = (id: string, fail: boolean) =>
      store
        .tx(async (repo) => {
          await repo.insertUserIfMissing(id, id, `${id}@example.test`, '2026-01-01T00:00:00Z')
          await repo.emit(id, 'user', { type: 'typing', on: true } as never)
          if (fail) throw new Error(`refused ${id}`)
          return id
        })
        .finally(() => (committedWhenSettled[id] = !store.db.inTransaction))
    const results = await Promise.allSettled([write('a', false), write('b', true), write('c', false)])
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled'])
    expect(names(store)).toEqual(['a', 'c'])
    // One batch: the events of a and c reached the listeners once, in order, after the commit; b's never.
    expect(delivered.map((batch) => batch.map((e) => e.userId))).toEqual([['a', 'c']])
    // The successes are answered after the COMMIT; the refusal may be answered at once (nothing of it stays).
    expect(committedWhenSettled.a).toBe(true)
    expect(committedWhenSettled.c).toBe(true)
  })

  it('a second process sees every answered write (the answer waits for the commit)', async () => {
    const { store, path } = open()
    await Promise.all(['x', 'y', 'z'].map((id) => store.tx((r) => r.insertUserIfMissing(id, id, id, 'now'))))
    const other = SqliteStore.open(path)
    stores.push(other)
    expect(names(other)).toEqual(['x', 'y', 'z'])
  })

  it('a replayed idempotency key within the same batch sees the first request and writes one row', async () => {
    const { store } = open()
    const claim = (body: string) =>
      store.tx(async (repo) => {
        const row = await repo.claimIdem('u', 'k1', 'fp', 1)
        if (row) return `replay:${row.body}`
        await repo.finishIdem('u', 'k1', 201, body)
        return 'first'
      })
    expect(await Promise.all([claim('one'), claim('two')])).toEqual(['first', 'replay:one'])
    expect(store.db.prepare('SELECT COUNT(*) AS n FROM idempotency').get()).toEqual({ n: 1 })
  })

  it('one-step creates number their tickets and events as AUTOINCREMENT would, mixed in a batch with other writes', async () => {
    const { store } = open()
    const delivered: StoredEvent[] = []
    store.onEvents((events) => delivered.push(...events))
    const once = (key: string) => store.createTicketOnce(onceTicket(`tk_${key}`, 'u', key))
    // Another request of the batch that files a ticket and an event itself (the handler's way).
    const inTx = (key: string) =>
      store.tx(async (repo) => {
        const { row } = await repo.createTicket({ ...onceTicket(`tk_${key}`, 'u', key).ticket }, undefined)
        await repo.emit('u', 'both', { type: 'typing', on: true } as never)
        return row?.n
      })
    const check = async (): Promise<void> => {
      const tickets = store.db.prepare<{ id: string; n: number }>('SELECT id, n FROM tickets').all()
      for (const t of tickets) {
        const key = t.id.slice(3)
        const stored = store.db
          .prepare<{ body: string }>("SELECT body FROM idempotency WHERE scope = 'u' AND key = ?")
          .get(key)
        // The one-step create's text carries the number its row got.
        if (stored) expect(JSON.parse(stored.body)).toEqual({ reference: `HF-${String(t.n).padStart(6, '0')}` })
      }
      const events = store.db.prepare<{ id: number; data: string }>('SELECT id, data FROM events ORDER BY id').all()
      // Every stored event reached the listeners under its own id (some were deleted since).
      const byId = new Map(delivered.map((e) => [e.id, e.data]))
      expect(byId.size).toBe(delivered.length)
      for (const e of events) expect(byId.get(e.id), String(e.id)).toBe(e.data)
    }
    const first = await Promise.all([once('a'), inTx('b'), once('c'), once('d'), inTx('e'), once('f')])
    expect(first.map((r) => (typeof r === 'object' ? r.outcome : r))).toEqual([
      'created',
      2,
      'created',
      'created',
      5,
      'created',
    ])
    await check()
    // Numbers freed by a delete are not taken again, by either path.
    store.db.exec('DELETE FROM tickets WHERE n >= 5; DELETE FROM events WHERE id >= 5')
    const second = await Promise.all([once('g'), inTx('h'), once('i')])
    expect(second.map((r) => (typeof r === 'object' ? r.outcome : r))).toEqual(['created', 8, 'created'])
    await check()
    const ns = store.db.prepare<{ n: number }>('SELECT n FROM tickets ORDER BY n').all()
    expect(ns.map((r) => r.n)).toEqual([1, 2, 3, 4, 7, 8, 9])
    expect(delivered.map((e) => e.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9])
  })

  it('a one-step create stopped halfway (no savepoint) rolls its whole batch back; every request in it learns so', async () => {
    const { store } = open()
    // A write that fails after the ticket and its history entry were inserted: the event's.
    store.db.exec(`CREATE TRIGGER boom BEFORE INSERT ON events WHEN NEW.user_id = 'boom'
      BEGIN SELECT RAISE(ABORT, 'events refused'); END`)
    const delivered: StoredEvent[][] = []
    store.onEvents((events) => delivered.push(events))
    const ticket = (userId: string, key: string): TicketOnce => onceTicket(`tk_${userId}`, userId, key)
    const user = (id: string) =>
      store.tx(async (repo) => {
        await repo.insertUserIfMissing(id, id, `${id}@example.test`, '2026-01-01T00:00:00Z')
        await repo.emit(id, 'user', { type: 'typing', on: true } as never)
        return id
      })
    const first = await Promise.allSettled([
      user('a'),
      store.createTicketOnce(ticket('ok', 'k1')),
      store.createTicketOnce(ticket('boom', 'k2')),
    ])
    expect(first.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected'])
    const count = (table: string): unknown => store.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get()
    for (const table of ['users', 'tickets', 'ticket_history', 'events', 'idempotency'])
      expect(count(table)).toEqual({ n: 0 })
    expect(delivered).toEqual([])
    // The store goes on: the next batch commits.
    const again = await Promise.all([user('a'), store.createTicketOnce(ticket('ok', 'k1'))])
    expect(again[1]).toMatchObject({ outcome: 'created', text: '{"reference":"HF-000001"}' })
    expect(names(store)).toEqual(['a'])
    for (const table of ['tickets', 'ticket_history', 'idempotency']) expect(count(table)).toEqual({ n: 1 })
    expect(delivered.map((batch) => batch.map((e) => e.userId))).toEqual([['a', 'ok']])
  })
})
