import { waitFor } from '@testing-library/preact'
import { describe, expect, it } from 'vitest'
import type { fakeTransport } from '../../support/fakeTransport.js'
import { TX } from '../../support/fixtures.js'
import { setOnline } from '../panelHarness.js'
import { category, refusedInTwoTabs, settled, twoTabDevice, values } from '../twoTabs.js'

// (break22) A refused report open in two tabs of one device (two clients over one IndexedDB, the outbox's
// lease and BroadcastChannel between them). Whatever the two tabs do with it, one ticket.
twoTabDevice()

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
