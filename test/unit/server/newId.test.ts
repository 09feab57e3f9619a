import { afterEach, describe, expect, it, vi } from 'vitest'
import Database from 'better-sqlite3'
import { newId } from '../../../examples/server/model.js'

afterEach(() => vi.restoreAllMocks())

describe('newId', () => {
  it('keeps the prefix, then 14 digits of time and 12 characters of randomness', () => {
    const id = newId('tk')
    expect(id).toMatch(/^tk_\d{14}[A-Za-z0-9_-]{12}$/)
    expect(newId('msg')).toMatch(/^msg_/)
  })

  it('sorts in creation order, as text in JavaScript and in SQLite, also when the clock steps back', () => {
    const now = vi.spyOn(Date, 'now')
    // After every time an earlier test or module used (ids never go back within a process).
    const base = 1_900_000_000_000
    const times = [0, 1, 31, 32, 1023, 1024, 1e9, 1e9, 1e9 + 1, 1e9 - 1000].map((t) => base + t)
    times.push(2 ** 45, 1e14 - 1)
    const ids = times.map((t) => {
      now.mockReturnValue(t)
      return newId('tk')
    })
    const stamps = ids.map((id) => id.slice(3, 17))
    for (let i = 1; i < stamps.length; i++) expect(stamps[i]! >= stamps[i - 1]!).toBe(true)
    // The clock stepping back (by a second) keeps the last stamp.
    expect(stamps[9]).toBe(stamps[8])
    expect(stamps[1]! > stamps[0]!).toBe(true)
    expect(stamps[6]).toBe(stamps[7])
    const db = new Database(':memory:')
    db.exec('CREATE TABLE t (id TEXT PRIMARY KEY, i INTEGER)')
    const insert = db.prepare('INSERT INTO t (id, i) VALUES (?, ?)')
    ;[...ids.entries()].reverse().forEach(([i, id]) => insert.run(id, i))
    const sorted = db
      .prepare<{ id: string }>('SELECT id FROM t ORDER BY id')
      .all()
      .map((r) => r.id.slice(3, 17))
    expect(sorted).toEqual(stamps)
    db.close()
  })

  it('draws fresh randomness for every id, also within one millisecond', () => {
    vi.spyOn(Date, 'now').mockReturnValue(1_800_000_000_000)
    const ids = Array.from({ length: 2000 }, () => newId('cv'))
    expect(new Set(ids).size).toBe(2000)
    expect(new Set(ids.map((id) => id.slice(3, 17))).size).toBe(1)
  })
})
