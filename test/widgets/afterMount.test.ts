import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

const prefetchPanel = vi.fn(async () => {})
const { afterMount, rememberOpened } = await import('../../widgets/host/afterMount.js')

/** Mounts the background work with the SDK's own element; resolves `prefetched` when the prefetch ran. */
function start() {
  const own = document.createElement('div')
  document.body.append(own)
  let prefetched = false
  const stop = afterMount({
    prefetch: () => prefetchPanel(),
    deliver: () => {},
    prefetched: () => void (prefetched = true),
    inside: (e) => e.composedPath().includes(own),
  })
  return { own, stop, prefetched: () => prefetched }
}
const idle = () => new Promise((done) => setTimeout(done, 1700)) // past the 1500 ms fallback without requestIdleCallback

beforeEach(() => {
  localStorage.clear()
  prefetchPanel.mockClear()
})
afterEach(() => localStorage.clear())

describe('the panel prefetch after mount', () => {
  it('waits on a first visit until the user interacts with the page, and ignores the SDK’s own elements', async () => {
    const { own, stop, prefetched } = start()
    await idle()
    expect(prefetchPanel).not.toHaveBeenCalled()
    own.dispatchEvent(new Event('pointerdown', { bubbles: true, composed: true }))
    await idle()
    expect(prefetchPanel).not.toHaveBeenCalled()
    document.body.dispatchEvent(new Event('pointerdown', { bubbles: true, composed: true }))
    await vi.waitFor(() => expect(prefetched()).toBe(true), { timeout: 4000 })
    expect(prefetchPanel).toHaveBeenCalledTimes(1)
    stop()
  })

  it('starts at idle without an interaction where the panel was opened before', async () => {
    rememberOpened()
    const { stop, prefetched } = start()
    await vi.waitFor(() => expect(prefetched()).toBe(true), { timeout: 4000 })
    expect(prefetchPanel).toHaveBeenCalledTimes(1)
    stop()
  })

  it('does nothing once stopped', async () => {
    const { stop } = start()
    stop()
    document.body.dispatchEvent(new Event('keydown', { bubbles: true }))
    await idle()
    expect(prefetchPanel).not.toHaveBeenCalled()
  })
})
