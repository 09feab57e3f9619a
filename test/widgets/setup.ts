import 'fake-indexeddb/auto'
import { cleanup, configure } from '@testing-library/preact'
import { afterEach } from 'vitest'

// A browser's IndexedDB keeps a Blob as a Blob; Node's structuredClone, which fake-indexeddb
// uses, turns happy-dom's Blobs into empty objects, so a stored screenshot would come back as
// nothing. Blobs are immutable: the clone may hold the same one.
const nodeClone = globalThis.structuredClone
globalThis.structuredClone = ((value: unknown, options?: StructuredSerializeOptions) => {
  const blobs: Blob[] = []
  const swap = (v: unknown): unknown => {
    if (v instanceof Blob) return { '\u0000blob': blobs.push(v) - 1 }
    if (Array.isArray(v)) return v.map(swap)
    if (v && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype)
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, swap(x)]))
    return v
  }
  const back = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(back)
    if (v && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
      const index = (v as Record<string, unknown>)['\u0000blob']
      if (typeof index === 'number') return blobs[index]
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, back(x)]))
    }
    return v
  }
  return back(nodeClone(swap(value), options))
}) as typeof structuredClone

// waitFor gives up after 1 s by default: a busy CI core can take longer than that to run a
// view's effects and its lazy chunks. Waiting longer changes nothing a test asserts.
configure({ asyncUtilTimeout: 5_000 })

afterEach(() => {
  cleanup()
  document.body.replaceChildren()
})
