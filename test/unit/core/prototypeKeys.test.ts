import { describe, expect, it } from 'vitest'
import { minorUnits } from '../../../src/reports/money.js'
import { deliver } from '../../../src/services.js'
import type { OutboxJob } from '../../../src/outbox/index.js'
import type { Transport } from '../../../src/transports/types.js'

/** Names found on every plain object: a lookup by an outside key must not return them. */
const NAMES = ['constructor', 'toString', 'valueOf', 'hasOwnProperty', '__proto__']

describe('lookups by outside keys read own entries only', () => {
  it('minorUnits: a currency code named like an Object.prototype member has 2 decimals', () => {
    for (const n of NAMES) expect(minorUnits(n)).toBe(2)
    expect(minorUnits('JPY')).toBe(0)
    expect(minorUnits('KWD')).toBe(3)
  })

  it('deliver: a stored job of such a kind is kept for a newer SDK ("no delivery"), not a TypeError', async () => {
    for (const kind of NAMES) {
      const job = {
        id: `j-${kind}`,
        kind,
        payload: {},
        attempts: 0,
        createdAt: 0,
        updatedAt: 0,
      } as unknown as OutboxJob
      await expect(deliver({} as Transport, job, {} as never)).rejects.toThrow(/no delivery for outbox job kind/)
    }
  })
})
