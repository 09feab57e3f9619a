import { waitFor } from '@testing-library/preact'
import { describe, expect, it } from 'vitest'
import { RejectedError } from '../../src/errors/index.js'
import { TX } from '../support/fixtures.js'
import { setOnline } from './panelHarness.js'
import { category, refusedInTwoTabs, settled, twoTabDevice, values } from './twoTabs.js'

// A refused report open in two tabs of one device (two clients over one IndexedDB, the outbox's
// lease and BroadcastChannel between them). Whatever the two tabs do with it, one ticket.
twoTabDevice()

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
