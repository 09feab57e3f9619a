/** Test stand-ins for the drafts of several pages or tabs of one device. */
import { createDrafts } from '../../src/drafts/index.js'
import { memoryStore } from '../../src/storage/index.js'

/** A `localStorage` stand-in, shared by the pages and tabs of one device (`m`: its entries). */
export function syncStorage() {
  const m = new Map<string, string>()
  return {
    m,
    getItem: (k: string) => m.get(k) ?? null,
    setItem: (k: string, v: string) => void m.set(k, v),
    removeItem: (k: string) => void m.delete(k),
  }
}

/** Two tabs of one device: one store, one synchronous backup, each its own drafts. */
export function twoTabs() {
  const store = memoryStore()
  const backup = syncStorage()
  const tab = () => {
    const window = new EventTarget()
    return { window, drafts: createDrafts(store, { debounceMs: 0, environment: { window, backup } }) }
  }
  return { store, backup, a: tab(), b: tab(), fresh: () => createDrafts(store, { environment: { backup } }) }
}
