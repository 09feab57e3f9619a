import { describe, expect, it } from 'vitest'
import { createSupportClient } from '../../../src/client.js'
import { createDrafts } from '../../../src/drafts/drafts.js'
import { draftFiles, loadReportDraft, saveReportFiles } from '../../../src/reports/flow.js'
import { memoryStore } from '../../../src/storage/memory.js'
import { scopedStore } from '../../../src/storage/scope.js'
import { stubTransport } from '../../support/transport.js'

const transport = () =>
  stubTransport({ identify: async (u) => ({ userId: u.id, token: 'session' }), capabilities: { tickets: true } })
const shot = () => ({
  blob: new Blob([new Uint8Array([1, 2, 3])], { type: 'image/png' }),
  name: 'shot.png',
  type: 'image/png',
})

describe('a screenshot saved as another user signs in', () => {
  for (const ticks of [0, 1, 2, 3, 4, 5, 6, 8, 10]) {
    it(`after ${ticks} microtasks: stays the first user's`, async () => {
      const client = createSupportClient({ transport: transport(), user: { id: 'alice' }, locale: 'en' })
      await client.services()
      await client.identify({ id: 'alice' })
      const saving = saveReportFiles(client, 'payment_failed', [shot()])
      for (let i = 0; i < ticks; i++) await Promise.resolve()
      const switching = client.identify({ id: 'bob' })
      await saving
      await switching
      await (await client.services()).drafts.flush()
      const bob = draftFiles(await loadReportDraft(client, 'payment_failed'))
      await client.identify({ id: 'alice' })
      const alice = draftFiles(await loadReportDraft(client, 'payment_failed'))
      expect([bob.length, alice.length]).toEqual([0, 1])
      client.destroy()
    })
  }

  it('text saved just before the scope changes: written to its own scope, never shown to the next user', async () => {
    const base = memoryStore()
    let scope = 'alice'
    const drafts = createDrafts(
      scopedStore(base, () => scope),
      { scope: () => scope, storeOf: (of) => scopedStore(base, () => of), environment: {} },
    )
    drafts.save('report:other', 'typed by alice')
    scope = 'bob'
    expect(await drafts.load('report:other')).toBeUndefined()
    await drafts.flush()
    expect(await drafts.load('report:other')).toBeUndefined()
    scope = 'alice'
    expect(await drafts.load('report:other')).toBe('typed by alice')
  })
})
