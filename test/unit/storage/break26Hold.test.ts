import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createDrafts } from '../../../src/drafts/index.js'
import { memoryStore } from '../../../src/storage/index.js'
import { scopedStore } from '../../../src/storage/scope.js'

beforeEach(() => {
  vi.useFakeTimers()
  return () => vi.useRealTimers()
})

describe('a draft held while sent, as another user signs in', () => {
  it("the next user's saves are written, and the clear of the sending reaches the sender's scope only", async () => {
    const base = memoryStore()
    let user = 'alice'
    const storeOf = (of: string) => scopedStore(base, () => of)
    const drafts = createDrafts(
      scopedStore(base, () => user),
      { scope: () => user, storeOf, environment: {} },
    )
    user = 'bob'
    drafts.save('report', 'bob: half written')
    await drafts.flush()
    user = 'alice'
    drafts.save('report', 'alice: the report being sent')
    await drafts.flush()
    const release = drafts.hold('report')
    await drafts.flush()
    user = 'bob'
    drafts.save('report', 'bob: half written, and more')
    await drafts.clear('report')
    release()
    await drafts.flush()
    expect(await storeOf('bob').get('draft:report')).toMatchObject({ value: 'bob: half written, and more' })
    expect(await drafts.load('report')).toBe('bob: half written, and more')
    expect(await storeOf('alice').get('draft:report')).toBeUndefined()
  })
})
