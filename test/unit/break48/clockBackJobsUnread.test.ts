/**
 * Tab A sends a report and goes before deleting its draft. The device clock is set back. Tab B
 * starts a new report under the same key, and its save cannot read the jobs on the device (a
 * storage error, caught): it is stamped on the clock, older than the job, unless it knows the
 * job another way.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createDrafts, type DraftRef } from '../../../src/drafts/drafts.js'
import { memoryStore } from '../../../src/storage/index.js'
import { syncStorage } from '../../support/draftTabs.js'

afterEach(() => {
  vi.useRealTimers()
})

const SENT = 'The coffee shop says my payment never arrived.'
const MINE = 'My card was charged twice at the pharmacy.'

describe("a tab's new report after a send elsewhere, the clock set back, the jobs unreadable", () => {
  it('the next page keeps it', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date('2026-03-01T12:00:00Z'))
    const device = memoryStore()
    const local = syncStorage()
    const environment = { backup: local }
    const jobs: DraftRef[] = []
    const a = createDrafts(device, { environment, sent: async () => jobs })
    a.save('report:x', SENT, true)
    await a.flush()
    a.hold('report:x')
    jobs.push((await a.sending('report:x'))!)
    // Tab A goes: its clear never runs.

    vi.setSystemTime(new Date('2026-03-01T11:00:00Z'))
    const b = createDrafts(device, { environment, sent: () => Promise.reject(new Error('read failed')) })
    b.save('report:x', MINE, true)
    await b.flush()

    const next = createDrafts(device, { environment, sent: async () => jobs })
    await next.settle(jobs)
    expect(await next.load('report:x')).toBe(MINE)
  })
})
