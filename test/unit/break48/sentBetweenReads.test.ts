/**
 * Two tabs with the same draft. Tab B's save reads the draft's sent mark, then the jobs on the
 * device (`sent`, one read per job): tab A's send is cleared and delivered in between. The
 * read of the jobs widened that window on every write.
 */
import { describe, expect, it } from 'vitest'
import { createDrafts, type DraftRef } from '../../../src/drafts/drafts.js'
import { memoryStore } from '../../../src/storage/index.js'

const SENT = 'The coffee shop says my payment never arrived.'
const LATER = 'And a second payment to the bakery failed too.'

describe("a tab's save while another tab's send of the same draft is cleared and delivered", () => {
  // Tab B reading the mark (generation 0) before tab A's clear bumped it, and the jobs after the
  // job left the device, nothing told it the draft was sent: it wrote its copy (the report sent,
  // with what it added) back, and the next page offered the report sent again (a second ticket).
  it('the next page is not offered the report sent', async () => {
    const device = memoryStore()
    const none = { environment: {} }
    const jobs: DraftRef[] = []
    let between: (() => Promise<void>) | undefined
    const a = createDrafts(device, { ...none, sent: async () => jobs })
    const b = createDrafts(device, {
      ...none,
      sent: async () => {
        const run = between
        between = undefined
        await run?.()
        return [...jobs]
      },
    })
    a.save('report:x', SENT, true)
    await a.flush()
    expect(await b.load('report:x')).toBe(SENT)

    const release = a.hold('report:x')
    const ref = (await a.sending('report:x'))!
    jobs.push(ref)
    // Tab B types on; its save's read of the jobs comes after A's clear and the delivery.
    between = async () => {
      await a.clear('report:x')
      release()
      jobs.splice(0)
      await a.settle([ref])
    }
    let told = false
    b.watchStale('report:x', () => (told = true))
    b.save('report:x', `${SENT} ${LATER}`, true)
    await b.flush()

    const next = createDrafts(device, { ...none, sent: async () => jobs })
    expect((await next.load<string>('report:x')) ?? '').not.toContain(SENT)
    // Tab B's form is told, and keeps what was typed after the send as a new draft.
    expect(told).toBe(true)
  })
})
