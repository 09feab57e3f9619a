import { IDBFactory } from 'fake-indexeddb'
import { afterEach, beforeEach } from 'vitest'
import type { Transport } from '../../src/transports/types.js'
import { createHelpFeedback, type HelpFeedback } from '../../widgets/index.js'
import { stubTransport, type StubOverrides } from './transport.js'

// For tests of what the panel shows while the backend's capabilities are unknown (the
// transport's code still loading, as on a slow phone).

/** A transport that arrives (or fails to load) when the test says so. */
export const late = () => {
  let resolve!: (t: Transport) => void
  let reject!: (e: unknown) => void
  const promise = new Promise<Transport>((res, rej) => ((resolve = res), (reject = rej)))
  // A failure the client has not asked for yet is not an unhandled rejection of the test's own.
  promise.catch(() => {})
  return { option: () => promise, resolve, reject }
}

/** A backend with chat and an agent online. */
export const withChat = (extra: StubOverrides = {}) =>
  stubTransport({
    capabilities: { chat: true },
    availability: async () => ({ agentsOnline: 1, queueLength: 0, open: true, expectedWaitSeconds: 120 }),
    ...extra,
  })

/** Watches `root` as the DOM changes and keeps what `pick` finds, each new value once. */
function watch<T>(root: Node, pick: (found: T[]) => void) {
  const seen: T[] = []
  const look = () => pick(seen)
  look()
  const mo = new MutationObserver(look)
  mo.observe(root, { childList: true, subtree: true, attributes: true, characterData: true })
  return { seen, stop: () => mo.disconnect() }
}

/** Every element matching `selector` that was ever in `root`. */
export const everSeen = (root: Node, selector: string) =>
  watch<Element>(root, (seen) => {
    for (const el of (root as ParentNode).querySelectorAll(selector)) if (!seen.includes(el)) seen.push(el)
  })

/** Every text `selector` ever showed in `root` (a text repeated in a row counts once). */
export const textsSeen = (root: Node, selector: string) =>
  watch<string>(root, (seen) => {
    for (const el of (root as ParentNode).querySelectorAll(selector)) {
      const text = el.textContent ?? ''
      if (seen.at(-1) !== text) seen.push(text)
    }
  })

/** A fresh IndexedDB for each test, and the widget it mounted destroyed after it. */
export function widgetPerTest() {
  const ui = {
    current: undefined as HelpFeedback | undefined,
    mount: (options: Parameters<typeof createHelpFeedback>[0]) => (ui.current = createHelpFeedback(options).mount()),
    shadow: () => document.querySelector('[data-help-feedback]')!.shadowRoot!,
    dialog: () => ui.shadow().querySelector('[role=dialog]') as HTMLElement | null,
  }
  beforeEach(() => {
    globalThis.indexedDB = new IDBFactory()
  })
  afterEach(() => {
    ui.current?.destroy()
    ui.current = undefined
  })
  return ui
}
