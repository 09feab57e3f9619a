/**
 * Two tabs of one device with the same draft; tab A sends it. Tab B's next save is not stored
 * (it would bring the report sent back): tab B is told, and can keep what it typed since as a
 * new draft of the key.
 */
import { describe, expect, it } from 'vitest'
import type { createDrafts } from '../../../src/drafts/index.js'
import { twoTabs } from '../../support/draftTabs.js'

async function send(drafts: ReturnType<typeof createDrafts>, key: string) {
  const release = drafts.hold(key)
  await drafts.clear(key)
  release()
}

describe('a save of a draft another tab sent', () => {
  it('is not stored, and the tab is told', async () => {
    const { a, b, fresh } = twoTabs()
    a.drafts.save('report', "tab A's report", true)
    await a.drafts.flush()
    expect(await b.drafts.load('report')).toBe("tab A's report")
    const told: string[] = []
    b.drafts.watchStale('report', () => told.push('report'))
    await send(a.drafts, 'report')
    b.drafts.save('report', "tab A's report, and more", true)
    await b.drafts.flush()
    expect(told).toEqual(['report'])
    expect(await fresh().load('report')).toBeUndefined()
  })

  it('what was typed since, renewed, is a new draft; the saves after it are stored too', async () => {
    const { a, b, fresh } = twoTabs()
    a.drafts.save('report', "tab A's report", true)
    await a.drafts.flush()
    await b.drafts.load('report')
    await send(a.drafts, 'report')
    let told = 0
    const stop = b.drafts.watchStale('report', () => {
      told++
      b.drafts.renew('report', 'and more')
    })
    b.drafts.save('report', "tab A's report, and more", true)
    await b.drafts.flush()
    expect(await fresh().load('report')).toBe('and more')
    b.drafts.save('report', 'and more, typed later', true)
    await b.drafts.flush()
    expect(await fresh().load('report')).toBe('and more, typed later')
    expect(told).toBe(1)
    stop()
  })
})
