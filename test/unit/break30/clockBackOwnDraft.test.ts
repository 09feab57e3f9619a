/**
 * Two tabs of one device, offline. Tab B's report form is open, empty (opened before anything was
 * typed). Tab A types a report, sends it and goes the moment its job is stored, before its draft's
 * deletion reached the device. The device clock is then set back an hour (a wrong time corrected).
 * Tab B's user types a report of their own, written to the device. The next page keeps it.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { loadReportDraft, saveReportDraft, startValues, submitReport } from '../../../src/reports/flow.js'
import { memoryStore } from '../../../src/storage/index.js'
import type { KeyValueStore } from '../../../src/storage/types.js'
import { fakeTransport } from '../../support/fakeTransport.js'
import { TX, closeAll, makeClient } from '../flows/helpers.js'

const stuck: Array<() => void> = []
let gone = false
afterEach(async () => {
  vi.useRealTimers()
  gone = false
  for (const r of stuck.splice(0)) r()
  await closeAll()
})

const CATEGORY = 'charged_not_received'
const SENT = 'The coffee shop says my payment never arrived.'
const MINE = 'My card was charged twice at the pharmacy.'

describe('a tab typing its own report after another tab sent one and went, the clock set back', () => {
  // Fails: the clean-up a gone page left deletes the draft stored under the key if it is older, on
  // the clock, than the job; tab B's own report, written after the send with the clock set back,
  // looks older and is deleted by the next page: what tab B's user typed is lost.
  it.fails('the next page keeps what tab B typed', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date('2026-03-01T12:00:00Z'))
    const device = memoryStore()
    const fake = fakeTransport()
    fake.setMode('offline')
    const drafted = (k: string) => gone && k.includes('draft:')
    const never = () => new Promise<void>((r) => stuck.push(r))
    const pageA: KeyValueStore = {
      ...device,
      set: (k, v) => (drafted(k) ? never() : device.set(k, v)),
      del: (k) => (drafted(k) ? never() : device.del(k)),
      update: (k, fn) => (drafted(k) ? never() : device.update!(k, fn)),
    }
    const a = makeClient(fake, pageA).client
    const asv = await a.services()
    const b = makeClient(fake, device).client
    expect(await loadReportDraft(b, CATEGORY)).toBeUndefined()

    const values = { ...startValues(CATEGORY, TX, undefined), description: SENT }
    await saveReportDraft(a, CATEGORY, { values, transaction: TX })
    await asv.drafts.flush()
    const enqueue = asv.outbox.enqueue.bind(asv.outbox)
    asv.outbox.enqueue = (async (...args: Parameters<typeof enqueue>) => {
      const id = await enqueue(...args)
      gone = true
      asv.outbox.dispose()
      return id
    }) as typeof asv.outbox.enqueue
    void submitReport(a, { category: CATEGORY, values, transaction: TX }).catch(() => undefined)
    await vi.waitFor(() => expect(gone).toBe(true))

    vi.setSystemTime(new Date('2026-03-01T11:00:00Z'))
    const bsv = await b.services()
    const mine = { ...startValues(CATEGORY, TX, undefined), description: MINE }
    await saveReportDraft(b, CATEGORY, { values: mine, transaction: TX })
    await bsv.drafts.flush()

    const next = makeClient(fake, device).client
    expect((await loadReportDraft(next, CATEGORY))?.values.description).toBe(MINE)
  })
})
