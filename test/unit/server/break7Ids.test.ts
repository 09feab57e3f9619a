import postgres from 'postgres'
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest'
import { newId } from '../../../examples/server/model.js'
import { pgAdminUrl, warnPgSkipped } from '../../support/postgres.js'

afterEach(() => vi.restoreAllMocks())

/** Offsets in ms whose base-32 stamps ended in `aa`, `ch`, `cs`, `dz`, `ea`... (the former format). */
const TIMES = [0, 9, 10, 31, 32, 320, 330, 331, 395, 401, 412, 419, 428, 458, 1023, 1024, 32 * 1024]
// Later than any real clock (ids never go back within a process), a fresh span for each call.
let base = 2_000_000_000_000

/** Ids made at `TIMES` after a new base, in this order. */
function idsInOrder(): string[] {
  const now = vi.spyOn(Date, 'now')
  base += 1 << 20
  return TIMES.map((t) => {
    now.mockReturnValue(base + t)
    return newId('tk')
  })
}

describe('server ids', () => {
  it('are URL-safe and fit every id field clients send back', () => {
    for (const prefix of ['tk', 'cm', 'cv', 'msg', 'att']) {
      const id = newId(prefix)
      expect(encodeURIComponent(id)).toBe(id)
      // attachment refs and transaction ids are capped at 100 and 200 characters (schemas.ts).
      expect(id.length).toBeLessThanOrEqual(100)
    }
  })
})

describe.skipIf(!pgAdminUrl)('server ids in Postgres text order', () => {
  warnPgSkipped()
  const sql = pgAdminUrl ? postgres(pgAdminUrl, { max: 1, onnotice: () => {} }) : undefined
  afterAll(() => sql?.end({ timeout: 1 }))

  const order = async (ids: string[], collation: string): Promise<string[]> => {
    const rows = await sql!.unsafe<Array<{ id: string }>>(
      `SELECT id FROM unnest($1::text[]) AS t(id) ORDER BY id COLLATE "${collation}"`,
      [[...ids].reverse()],
    )
    return rows.map((r) => r.id)
  }

  it.each(['C', 'und-x-icu', 'en-x-icu'])('sort in creation order under collation %s', async (collation) => {
    const ids = idsInOrder()
    expect(await order(ids, collation)).toEqual(ids)
  })

  // Languages that collate letter pairs as one letter (Danish "aa" as å after z, Czech "ch" after
  // h) sorted the former base-32 stamps out of creation order; a stamp of digits keeps its order.
  it.each(['da-x-icu', 'cs-x-icu'])('sort in creation order under collation %s', async (c) => {
    const ids = idsInOrder()
    expect(await order(ids, c)).toEqual(ids)
  })
})
