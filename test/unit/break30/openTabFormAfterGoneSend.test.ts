/**
 * Two tabs of one device, offline. Tab B is open (the SDK started) but its report form is
 * closed. Tab A sends its report and goes the moment its job is stored, before its draft's
 * deletion reached the device. Then the user opens the report form in tab B.
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
  gone = false
  for (const r of stuck.splice(0)) r()
  await closeAll()
})

const CATEGORY = 'charged_not_received'
const SENT = 'The coffee shop says my payment never arrived.'

describe('a tab whose form opens after another tab sent the draft and went before deleting it', () => {
  it('does not offer the report sent (sent again, a second ticket)', async () => {
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
    // Tab B: open, its report form not (yet).
    const b = makeClient(fake, device).client
    await b.services()
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
    expect(await device.keys('outbox:job:')).toHaveLength(1)

    // The user opens the report form in tab B.
    expect((await loadReportDraft(b, CATEGORY))?.values.description).toBeUndefined()
  })
})
