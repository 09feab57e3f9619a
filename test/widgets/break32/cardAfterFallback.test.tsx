import { IDBFactory } from 'fake-indexeddb'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Transport } from '../../../src/transports/types.js'
import type { Article } from '../../../src/types.js'
import { createHelpFeedback, type HelpFeedback } from '../../../widgets/index.js'
import { stubTransport } from '../../support/transport.js'

// A transport later than Home's 3 s fallback: the popular articles show without waiting for the
// card any longer. When the backend then turns out to have chat, the card comes too.

const withChat = () =>
  stubTransport({
    capabilities: { chat: true },
    availability: async () => ({ agentsOnline: 1, queueLength: 0, open: true, expectedWaitSeconds: 120 }),
  })

const articles: Article[] = [
  { id: 'en-limits', locale: 'en', title: 'Card limits', tags: ['limits'], body: 'Limits.' },
  { id: 'en-refund', locale: 'en', title: 'Refunds', tags: ['refund'], body: 'Refunds.' },
]

let widget: HelpFeedback | undefined
beforeEach(() => {
  globalThis.indexedDB = new IDBFactory()
})
afterEach(() => {
  widget?.destroy()
  widget = undefined
})
const dialog = () =>
  document.querySelector('[data-help-feedback]')!.shadowRoot!.querySelector('[role=dialog]') as HTMLElement

describe('a transport later than the 3 s fallback, on a backend with chat', () => {
  const openLate = async () => {
    let resolve!: (t: Transport) => void
    const promise = new Promise<Transport>((res) => (resolve = res))
    widget = createHelpFeedback({ transport: () => promise, locale: 'en', articles: { articles } }).mount()
    await widget.open()
    // The placeholder has gone (3 s) and the popular articles are there, the transport still loading.
    const popular = await vi.waitFor(
      () => {
        expect(dialog().querySelector('[data-card-pending]')).toBeNull()
        const link = dialog().querySelector('.help-result')
        expect(link).not.toBeNull()
        return link!.closest('section')!
      },
      { timeout: 6000 },
    )
    return { popular, resolve }
  }

  it('the card shows once chat is known: chat is not off for the session', async () => {
    const { resolve } = await openLate()
    resolve(withChat())
    await vi.waitFor(() => expect(dialog().querySelector('[data-home-card] [data-card-reply]')).not.toBeNull())
  })

  // A card that fills in after the popular articles showed goes below them (as the article view
  // adds a late chat button after the buttons already there).
  it('the card does not come in above the popular articles the user may be about to tap', async () => {
    const { popular, resolve } = await openLate()
    const before = [...popular.parentElement!.children].indexOf(popular)
    resolve(withChat())
    await vi.waitFor(() => expect(dialog().querySelector('[data-home-card] [data-card-reply]')).not.toBeNull())
    expect(popular.isConnected).toBe(true)
    expect([...popular.parentElement!.children].indexOf(popular)).toBe(before)
  })
})
