import { waitFor } from '@testing-library/preact'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createSupportClient, type SupportClient } from '../../../src/client.js'
import { RejectedError, TimeoutError } from '../../../src/errors/index.js'
import { prefillFromTransaction } from '../../../src/reports/index.js'
import type { Transport } from '../../../src/transports/types.js'
import { fakeTransport } from '../../support/fakeTransport.js'
import { TX } from '../../support/fixtures.js'
import { freshDevice, setOnline } from '../panelHarness.js'

// (break22) A refused report open in two tabs of one device (two clients over one IndexedDB, the outbox's
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

/** The description of the one ticket made. */
const sentText = (s: { fake: ReturnType<typeof fakeTransport> }) =>
  [...s.fake.tickets.values()].map((t) => t.description)

/** What a tab was told matches what reached the backend: "sent" or "saved" means its own fix went (or will go). */
function toldTheTruth(result: { status: string }, fix: string, texts: string[]) {
  if (result.status === 'sent' || result.status === 'queued') expect(texts.join('|')).toContain(fix)
}

describe('a refused report fixed in two tabs: what each tab is told', () => {
  it('both tabs send their fix at the same moment: one ticket, and neither is told "sent" for a fix that was not', async () => {
    const s = await refusedInTwoTabs()
    const [fromA, fromB] = await Promise.all([
      s.a.reports.submit({
        category,
        values: values('Fixed in tab A.'),
        transaction: TX,
        retryJobId: s.jobId,
        settleMs: 50,
      }),
      s.b.reports.submit({
        category,
        values: values('Fixed in tab B.'),
        transaction: TX,
        retryJobId: s.jobId,
        settleMs: 50,
      }),
    ])
    await settled(s.a, s.b)
    expect(s.fake.tickets.size).toBe(1)
    toldTheTruth(fromA, 'Fixed in tab A.', sentText(s))
    toldTheTruth(fromB, 'Fixed in tab B.', sentText(s))
  })

  it("tab B's fix sent while tab A's attempt is on the wire: B is not told it was saved or sent", async () => {
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
    toldTheTruth(fromB, 'Fixed in tab B.', sentText(s))
  })

  it("offline: tab A's fix is saved to be sent, then tab B's fix replaces it without either tab knowing", async () => {
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
      const fromB = await s.b.reports.submit({
        category,
        values: values('Fixed in tab B.'),
        transaction: TX,
        retryJobId: s.jobId,
        settleMs: 50,
      })
      setOnline(true)
      await settled(s.a, s.b)
      expect(s.fake.tickets.size).toBe(1)
      toldTheTruth(fromA, 'Fixed in tab A.', sentText(s))
      toldTheTruth(fromB, 'Fixed in tab B.', sentText(s))
    } finally {
      setOnline(true)
    }
  })

  it("tab B's fix not taken (tab A's attempt on the wire, then sent) is not kept on the device for ever", async () => {
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
    await s.b.reports.saveEdit(s.jobId, values('Fixed in tab B.'))
    await s.b.reports.submit({
      category,
      values: values('Fixed in tab B.'),
      transaction: TX,
      retryJobId: s.jobId,
      settleMs: 50,
    })
    s.release()
    await fromA
    await settled(s.a, s.b)
    const { drafts } = await s.b.services()
    await drafts.flush()
    expect(await drafts.load(`report:job:${s.jobId}`)).toBeUndefined()
  })

  it('a fix typed in one tab after the report was discarded in the other is not kept on the device for ever', async () => {
    const s = await refusedInTwoTabs()
    expect(await s.b.reports.discard(s.jobId)).toBe(true)
    // Tab A still shows the form: what is typed into it is saved beside the (gone) job.
    await s.a.reports.saveEdit(s.jobId, values('Fixed in tab A, card 4111 1111 1111 1111.'))
    const r = await s.a.reports.submit({
      category,
      values: values('Fixed in tab A.'),
      transaction: TX,
      retryJobId: s.jobId,
      settleMs: 50,
    })
    expect(r.status).toBe('gone')
    const { drafts } = await s.a.services()
    await drafts.flush()
    expect(await drafts.load(`report:job:${s.jobId}`)).toBeUndefined()
  })
})
