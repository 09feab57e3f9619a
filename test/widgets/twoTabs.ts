import { waitFor } from '@testing-library/preact'
import { afterEach, beforeEach, expect } from 'vitest'
import { createSupportClient, type SupportClient } from '../../src/client.js'
import { RejectedError, TimeoutError } from '../../src/errors/index.js'
import { prefillFromTransaction } from '../../src/reports/index.js'
import type { Transport } from '../../src/transports/types.js'
import { fakeTransport } from '../support/fakeTransport.js'
import { TX } from '../support/fixtures.js'
import { freshDevice } from './panelHarness.js'

// A refused report open in two tabs of one device (two clients over one IndexedDB, the outbox's
// lease and BroadcastChannel between them). Whatever the two tabs do with it, one ticket.
const clients: SupportClient[] = []

/** Call once in a test file: a fresh device per test, its tabs closed after it. */
export function twoTabDevice(): void {
  beforeEach(() => freshDevice())
  afterEach(async () => {
    for (const c of clients.splice(0)) {
      await (await c.services()).drafts.dispose()
      c.destroy()
    }
  })
}

export const category = 'charged_not_received'
export const values = (description: string) => ({ ...prefillFromTransaction(category, TX), description })

/**
 * The backend, with a gate on ticket creation: while `hold()` is on, a create waits (it is on
 * the wire) until `release()`; `lose` makes the next create land and its answer get lost.
 */
function backend() {
  const fake = fakeTransport()
  let gate: Promise<void> | undefined
  let open: (() => void) | undefined
  let lose = false
  const transport: Transport = {
    ...fake.transport,
    async createTicket(input, opts) {
      if (gate) await gate
      const ticket = await fake.transport.createTicket(input, opts)
      if (lose) {
        lose = false
        throw new TimeoutError()
      }
      return ticket
    },
  }
  return {
    fake,
    transport,
    hold: () => void (gate = new Promise<void>((r) => (open = r))),
    release: () => {
      gate = undefined
      open?.()
    },
    loseNextAnswer: () => void (lose = true),
  }
}

function tab(transport: Transport) {
  const client = createSupportClient({ transport, locale: 'en' })
  clients.push(client)
  return client
}

/** A report sent from tab A and refused (on the amount); tab B shows it too (reopened from My requests). */
export async function refusedInTwoTabs() {
  const b = backend()
  b.fake.setMode({
    reject: new RejectedError([{ field: 'fields.amount', code: 'limit', message: 'over the limit' }], 'invalid', 422),
  })
  const a = tab(b.transport)
  const first = await a.reports.submit({ category, values: values('Paid, the shop got nothing.'), transaction: TX })
  expect(first.status).toBe('rejected')
  const jobId = (first as { jobId: string }).jobId
  const other = tab(b.transport)
  expect((await other.reports.reopen(jobId))?.values.description).toBe('Paid, the shop got nothing.')
  b.fake.setMode('ok')
  return { ...b, a, b: other, jobId }
}

/** Every outbox has run its passes: nothing left to send anywhere. */
export async function settled(...tabs: SupportClient[]) {
  await waitFor(async () => {
    for (const t of tabs) await (await t.services()).outbox.flush()
    for (const t of tabs) expect(await (await t.services()).outbox.list()).toEqual([])
  })
}
