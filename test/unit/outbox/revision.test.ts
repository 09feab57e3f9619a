import 'fake-indexeddb/auto'
import { describe, expect, it } from 'vitest'
import { RejectedError } from '../../../src/errors/index.js'
import { localLock } from '../../../src/outbox/index.js'
import { idbStore, memoryStore } from '../../../src/storage/index.js'
import type { KeyValueStore } from '../../../src/storage/types.js'
import { makeOutbox } from './helpers.js'

let n = 0
const stores: Array<[string, () => KeyValueStore]> = [
  ['IndexedDB', () => idbStore('hf:', { dbName: `hf-rev-${++n}-${Math.random()}` })],
  ['memory', () => memoryStore()],
]

/**
 * Two tabs' outboxes over one store, and a job refused once: both read it at the same revision.
 * Then the device goes offline, so what a retry queues stays queued.
 */
async function refusedInTwoTabs(store: KeyValueStore) {
  let refuse = true
  let up = true
  const online = () => up
  const sent: unknown[] = []
  const send = async (job: { payload: unknown }) => {
    if (refuse) throw new RejectedError([{ field: 'amount', code: 'limit' }], 'invalid', 422)
    sent.push(job.payload)
    return { id: 't1' }
  }
  const lock = localLock()
  const a = makeOutbox({ store, send, lock, online, autoStart: false }).outbox
  const b = makeOutbox({ store, send, lock, online, autoStart: false }).outbox
  const id = await a.enqueue('ticket', { text: 'first' })
  await a.flush()
  const [read] = await b.list()
  expect(read?.state).toBe('rejected')
  refuse = false
  up = false
  return { a, b, id, rev: read!.rev ?? 0, sent }
}

describe.each(stores)('retry and remove against the revision a tab read (%s)', (_, make) => {
  it('two tabs sending their own fix at once: exactly one takes, the other is told it changed', async () => {
    const { a, b, id, rev } = await refusedInTwoTabs(make())
    const taken = await Promise.all([a.retry(id, { text: 'fix A' }, { rev }), b.retry(id, { text: 'fix B' }, { rev })])
    expect(taken.filter(Boolean)).toHaveLength(1)
    const [job] = await a.list()
    expect(job?.payload).toEqual(taken[0] ? { text: 'fix A' } : { text: 'fix B' })
    expect(job?.rev).toBeGreaterThan(rev)
  })

  it('a fix sent after another tab queued its own (offline) does not replace it; without a revision it still does', async () => {
    const { a, b, id, rev } = await refusedInTwoTabs(make())
    expect(await a.retry(id, { text: 'fix A' }, { rev })).toBe(true)
    expect(await b.retry(id, { text: 'fix B' }, { rev })).toBe(false)
    expect((await b.list())[0]?.payload).toEqual({ text: 'fix A' })
    // The plain call (no revision read) keeps its earlier meaning: a job never sent with this key may be edited.
    expect(await b.retry(id, { text: 'fix B' })).toBe(true)
  })

  it('a discard against an older revision leaves the job that another tab sent again', async () => {
    const { a, b, id, rev } = await refusedInTwoTabs(make())
    expect(await a.retry(id, { text: 'fix A' }, { rev })).toBe(true)
    expect(await b.remove(id, { rev })).toBe(false)
    expect((await b.list()).map((j) => j.id)).toEqual([id])
    const now = (await b.list())[0]!.rev ?? 0
    expect(await b.remove(id, { rev: now })).toBe(true)
    expect(await a.list()).toEqual([])
  })
})
