/**
 * The device refuses to store a report's outbox job (storage full), offline: the job lives in
 * that page's memory and the report's draft stays on the device ("parked"), for a reload to
 * find. Another user signs in on that page, then the page is reloaded (or the app closed)
 * before the job went. The first user's report must still be on the device.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { loadReportDraft } from '../../../src/reports/flow.js'
import { resilientStore } from '../../../src/storage/resilient.js'
import { fakeTransport } from '../../support/fakeTransport.js'
import { closeAll, makeClient } from '../flows/helpers.js'
import { fullDisk, parkReport } from '../flows/tabs.js'

afterEach(async () => {
  await closeAll()
})

const CATEGORY = 'charged_not_received'
const PARKED = 'The coffee shop says my payment never arrived.'

describe('a report parked on the device (its job in memory only), another user signing in', () => {
  it('a reload before its job went still finds the report', async () => {
    const full = fullDisk()
    const fake = fakeTransport()
    fake.setMode('offline')
    const { a } = await parkReport(full, fake, CATEGORY, PARKED, { user: { id: 'A' } })
    const { drafts } = await a.services()

    // Another user signs in on that page, and the first one again (a shared family tablet).
    const sv = await a.services()
    await sv.setUser('B')
    await sv.setUser('A')
    await drafts.flush()
    await closeAll()

    // The app is opened again, the first user signed in: the job died with the page.
    const next = makeClient(fake, resilientStore(full), { user: { id: 'A' } }).client
    expect(await (await next.services()).outbox.list()).toEqual([])
    expect((await loadReportDraft(next, CATEGORY))?.values.description).toBe(PARKED)
  })
})
