import { describe, expect, it } from 'vitest'
import { createDrafts } from '../../../src/drafts/index.js'
import { memoryStore } from '../../../src/storage/index.js'

/** A `localStorage` stand-in. */
function syncStorage() {
  const m = new Map<string, string>()
  return {
    getItem: (k: string) => m.get(k) ?? null,
    setItem: (k: string, v: string) => void m.set(k, v),
    removeItem: (k: string) => void m.delete(k),
  }
}

describe('a draft whose write is still on its way when the page hides', () => {
  it('is in the synchronous copy: the next page finds it though the write never lands', async () => {
    const backup = syncStorage()
    const window = new EventTarget()
    const stuck = { ...memoryStore(), set: () => new Promise<void>(() => undefined) }
    const drafts = createDrafts(stuck, { debounceMs: 0, environment: { window, backup } })
    drafts.save('report', 'typed before the reload', true)
    await Promise.resolve()
    window.dispatchEvent(new Event('pagehide'))
    const next = createDrafts(memoryStore(), { environment: { backup } })
    expect(await next.load('report')).toBe('typed before the reload')
  })

  it('stored() says whether the store took the value', async () => {
    const ok = createDrafts(memoryStore(), { environment: {} })
    ok.save('files', { files: ['a'] }, true)
    expect(await ok.stored('files')).toBe(true)
    const refusing = { ...memoryStore(), set: () => Promise.reject(new Error('quota')) }
    const no = createDrafts(refusing, { environment: {} })
    no.save('files', { files: ['a'] }, true)
    expect(await no.stored('files')).toBe(false)
    expect(await no.load('files')).toEqual({ files: ['a'] })
  })
})
