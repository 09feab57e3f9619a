import Database from 'better-sqlite3'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { RunningServer } from '../../../examples/server/server.js'
import { storageHttpError } from '../../../examples/server/storageErrors.js'
import { login, start, ticketInput } from './helpers.js'

const dirs: string[] = []
const servers: RunningServer[] = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()))
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})
const fileDb = () => {
  const dir = mkdtempSync(join(tmpdir(), 'hf-storage-'))
  dirs.push(dir)
  return join(dir, 'db.sqlite')
}
const run = async (opts: Parameters<typeof start>[0]) => {
  const s = await start(opts)
  servers.push(s)
  return s
}
const errorOf = async (res: Response) =>
  ((await res.json()) as { error: { code: string; retryAfterMs?: number } }).error

describe('storage errors are retryable answers, not bare 500s', () => {
  it('a read-only database serves reads; writes answer 503 read_only with Retry-After', async () => {
    const dbPath = fileDb()
    const writable = await run({ dbPath })
    expect(writable.readOnly).toBe(false)
    const user = await login(writable, 'u_ro')
    expect((await user.post('/v1/tickets', ticketInput())).status).toBe(201)
    await writable.close()

    const ro = await run({ dbPath, readOnly: true })
    expect(ro.readOnly).toBe(true)
    // Same secret, so the session still verifies: reading works.
    const list = await fetch(`${ro.url}/v1/tickets`, { headers: user.headers() })
    expect(list.status).toBe(200)
    expect((await list.json()) as unknown[]).toHaveLength(1)
    const write = await fetch(`${ro.url}/v1/tickets`, {
      method: 'POST',
      headers: user.headers({ 'Content-Type': 'application/json', 'Idempotency-Key': 'ro-1' }),
      body: JSON.stringify(ticketInput()),
    })
    expect(write.status).toBe(503)
    expect(write.headers.get('Retry-After')).toBe('30')
    expect(await errorOf(write)).toMatchObject({ code: 'read_only', retryAfterMs: 30_000 })
  })

  it('a database locked by another writer answers 503 storage_busy, and works once the lock is gone', async () => {
    const dbPath = fileDb()
    const s = await run({ dbPath })
    const user = await login(s, 'u_busy')
    s.db.pragma('busy_timeout = 0')
    const other = new Database(dbPath)
    other.exec('BEGIN IMMEDIATE')
    const res = await user.post('/v1/tickets', ticketInput(), 'busy-1')
    expect(res.status).toBe(503)
    expect(res.headers.get('Retry-After')).toBe('1')
    expect((await errorOf(res)).code).toBe('storage_busy')
    other.exec('ROLLBACK')
    other.close()
    expect((await user.post('/v1/tickets', ticketInput(), 'busy-1')).status).toBe(201)
  })

  it('a full database answers 503 storage_full', async () => {
    const s = await run({ dbPath: fileDb() })
    const user = await login(s, 'u_full')
    s.db.pragma(`max_page_count = ${Number(s.db.pragma('page_count', { simple: true }))}`)
    // Tickets until the file would have to grow past its cap.
    let res = await user.post('/v1/tickets', ticketInput({ description: 'x'.repeat(1500) }))
    for (let i = 0; i < 100 && res.status === 201; i++)
      res = await user.post('/v1/tickets', ticketInput({ description: 'x'.repeat(1500) }))
    expect(res.status).toBe(503)
    expect(res.headers.get('Retry-After')).toBe('60')
    expect((await errorOf(res)).code).toBe('storage_full')
  })

  it('maps I/O failures and leaves other SQLite errors alone', () => {
    expect(storageHttpError({ code: 'SQLITE_IOERR_WRITE' })?.code).toBe('storage_unavailable')
    expect(storageHttpError({ code: 'SQLITE_BUSY_SNAPSHOT' })?.status).toBe(503)
    expect(storageHttpError({ code: 'SQLITE_CONSTRAINT_UNIQUE' })).toBeUndefined()
    expect(storageHttpError(new Error('boom'))).toBeUndefined()
  })

  it('maps Postgres failures the same way and leaves constraint errors alone', () => {
    expect(storageHttpError({ code: '40P01' })?.code).toBe('storage_busy')
    expect(storageHttpError({ code: '53100' })?.code).toBe('storage_full')
    expect(storageHttpError({ code: '25006' })?.code).toBe('read_only')
    expect(storageHttpError({ code: '57P01' })?.code).toBe('storage_unavailable')
    expect(storageHttpError({ code: 'CONNECTION_CLOSED' })?.code).toBe('storage_unavailable')
    expect(storageHttpError({ code: '23505' })).toBeUndefined()
  })

  it('a read-only database whose schema is behind cannot be served, and says why', async () => {
    const dbPath = fileDb()
    new Database(dbPath).close()
    await expect(start({ dbPath, readOnly: true })).rejects.toThrow(/read-only and its schema/)
  })
})
