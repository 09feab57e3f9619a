import { describe, expect, it } from 'vitest'
import { createDrafts } from '../../../src/drafts/index.js'
import { memoryStore } from '../../../src/storage/index.js'

describe('two forms of one draft key, the first being sent', () => {
  it("the second form's saves are written at once, survive a reload, and the first send's clear leaves them", async () => {
    const store = memoryStore()
    const drafts = createDrafts(store, { environment: {} })
    const first = {}
    const second = {}
    drafts.save('report', 'the report being sent', true, first)
    await drafts.flush()
    const release = drafts.hold('report', first)
    // Reopened while the first is sending: a new report of the same kind.
    drafts.save('report', 'a second report, half written', true, second)
    // A late save of the form being sent is kept aside, as before.
    drafts.save('report', 'the report being sent, masked', false, first)
    await drafts.flush()
    // A reload now (a new page on the same storage) finds the second form's text.
    expect(await createDrafts(store, { environment: {} }).load('report')).toBe('a second report, half written')
    await drafts.clear('report', first)
    release()
    await drafts.flush()
    expect(await createDrafts(store, { environment: {} }).load('report')).toBe('a second report, half written')
    expect(await drafts.load('report')).toBe('a second report, half written')
  })

  it('two sends of one key: the second failing keeps what it had kept aside though the first went through', async () => {
    const store = memoryStore()
    const drafts = createDrafts(store, { environment: {} })
    const a = {}
    const b = {}
    const releaseA = drafts.hold('report', a)
    const releaseB = drafts.hold('report', b)
    drafts.save('report', "b's text, typed as it was being sent", false, b)
    await drafts.clear('report', a)
    releaseA()
    releaseB()
    await drafts.flush()
    expect(await createDrafts(store, { environment: {} }).load('report')).toBe("b's text, typed as it was being sent")
  })
})
