import { waitFor } from '@testing-library/preact'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createSupportClient, type SupportClient } from '../../src/client.js'
import { RejectedError, TimeoutError } from '../../src/errors/index.js'
import { prefillFromTransaction } from '../../src/reports/index.js'
import type { Transport } from '../../src/transports/types.js'
import { fakeTransport } from '../support/fakeTransport.js'
import { TX } from '../support/fixtures.js'
import { freshDevice, setOnline } from './panelHarness.js'

// A refused report open in two tabs of one device (two clients over one IndexedDB, the outbox's
// lease and BroadcastChannel between them). Whatever the two tabs do with it, one ticket.
const clients: SupportClient[] = []
beforeEach(() => freshDevice())
afterEach(async () => {
  for (const c of clients.splice(0)) {
    await (await c.services()).drafts.dispose()
    c.destroy()
  }
})

const category = 'charged_not_received'
const values = (description: string) => ({ ...prefillFromTransaction(category, TX), description })

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
async function refusedInTwoTabs() {
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
async function settled(...tabs: SupportClient[]) {
  await waitFor(async () => {
    for (const t of tabs) await (await t.services()).outbox.flush()
    for (const t of tabs) expect(await (await t.services()).outbox.list()).toEqual([])
  })
}

describe('a refused report fixed in two tabs', () => {
  it('sent again in one tab while the other tab sends it again too (in flight): one ticket', async () => {
    const s = await refusedInTwoTabs()
    s.hold()
    const fromA = s.a.reports.submit({
      category,
      values: values('Fixed in tab A.'),
      transaction: TX,
      retryJobId: s.jobId,
      settleMs: 50,
    })
    const box = (await s.b.services()).outbox
    await waitFor(async () => expect((await box.list())[0]?.state).toBe('sending'))
    // Tab A's attempt is on the wire; tab B's user presses "Send again" with their own fix.
    const fromB = await s.b.reports.submit({
      category,
      values: values('Fixed in tab B.'),
      transaction: TX,
      retryJobId: s.jobId,
      settleMs: 50,
    })
    s.release()
    await fromA
    await settled(s.a, s.b)
    expect(s.fake.tickets.size).toBe(1)
    // Tab B was told about that same report, not a second one.
    expect(fromB.status).not.toBe('invalid')
    expect((fromB as { jobId: string }).jobId).toBe(s.jobId)
  })

  it('sent again in one tab and delivered; the other tab, still showing it refused, sends it again: one ticket', async () => {
    const s = await refusedInTwoTabs()
    const fromA = await s.a.reports.submit({
      category,
      values: values('Fixed in tab A.'),
      transaction: TX,
      retryJobId: s.jobId,
    })
    expect(fromA.status).toBe('sent')
    const fromB = await s.b.reports.submit({
      category,
      values: values('Fixed in tab B.'),
      transaction: TX,
      retryJobId: s.jobId,
      settleMs: 50,
    })
    await settled(s.a, s.b)
    expect(s.fake.tickets.size).toBe(1)
    // Nothing queued: the report left this device already (sent, or discarded) from another tab.
    expect(fromB.status).toBe('gone')
  })

  it("sent again in one tab, its answer lost (it may have landed); the other tab's fix is not a second request", async () => {
    const s = await refusedInTwoTabs()
    s.loseNextAnswer()
    const fromA = await s.a.reports.submit({
      category,
      values: values('Fixed in tab A.'),
      transaction: TX,
      retryJobId: s.jobId,
      settleMs: 50,
    })
    expect(fromA.status).toBe('queued')
    const box = (await s.b.services()).outbox
    await waitFor(async () => expect((await box.list())[0]?.state).toBe('reconcile'))
    expect(s.fake.tickets.size).toBe(1)
    await s.b.reports.submit({
      category,
      values: values('Fixed in tab B.'),
      transaction: TX,
      retryJobId: s.jobId,
      settleMs: 50,
    })
    await settled(s.a, s.b)
    expect(s.fake.tickets.size).toBe(1)
  })

  it("discarded in one tab while the other tab's fix waits offline: not thrown away; refused again, it can be", async () => {
    const s = await refusedInTwoTabs()
    setOnline(false)
    try {
      const fromA = await s.a.reports.submit({
        category,
        values: values('Fixed in tab A.'),
        transaction: TX,
        retryJobId: s.jobId,
        settleMs: 50,
      })
      expect(fromA.status).toBe('queued')
      // Tab B still shows the version refused before: its discard must not take tab A's saved fix.
      expect(await s.b.reports.discard(s.jobId)).toBe(false)
      expect((await (await s.b.services()).outbox.list()).map((j) => j.id)).toEqual([s.jobId])
    } finally {
      setOnline(true)
    }
    // Tab A's fix is refused too: the same refused report, which tab B may now throw away.
    s.fake.setMode({ reject: new RejectedError([{ field: 'fields.amount', code: 'limit' }], 'invalid', 422) })
    const box = (await s.a.services()).outbox
    await waitFor(async () => {
      await box.flush()
      expect((await box.list())[0]?.state).toBe('rejected')
    })
    expect(await s.b.reports.discard(s.jobId)).toBe(true)
    expect(await box.list()).toEqual([])
  })

  it("a tab's fix not taken (another tab's was sent) is kept; once that fix is refused, sending again takes it", async () => {
    const s = await refusedInTwoTabs()
    s.fake.setMode({ reject: new RejectedError([{ field: 'fields.amount', code: 'limit' }], 'invalid', 422) })
    const fromA = await s.a.reports.submit({
      category,
      values: values('Fixed in tab A.'),
      transaction: TX,
      retryJobId: s.jobId,
      settleMs: 5_000,
    })
    expect(fromA.status).toBe('rejected')
    s.fake.setMode('ok')
    const first = await s.b.reports.submit({
      category,
      values: values('Fixed in tab B.'),
      transaction: TX,
      retryJobId: s.jobId,
      settleMs: 5_000,
    })
    // Told, not sent; what tab B typed stays beside the report.
    expect(first.status).toBe('changed')
    const { drafts } = await s.b.services()
    expect(await drafts.load(`report:job:${s.jobId}`)).toMatchObject({ values: { description: 'Fixed in tab B.' } })
    const again = await s.b.reports.submit({
      category,
      values: values('Fixed in tab B.'),
      transaction: TX,
      retryJobId: s.jobId,
      settleMs: 5_000,
    })
    expect(again.status).toBe('sent')
    await settled(s.a, s.b)
    expect([...s.fake.tickets.values()].map((t) => t.description)).toEqual(['Fixed in tab B.'])
  })
})
