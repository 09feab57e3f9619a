import { describe, expect, it, vi } from 'vitest'
import type { Article } from '../../../src/types.js'
import { late, widgetPerTest, withChat } from '../../support/pending.js'

// A transport later than Home's 3 s fallback: the popular articles show without waiting for the
// card any longer. When the backend then turns out to have chat, the card comes too.

const articles: Article[] = [
  { id: 'en-limits', locale: 'en', title: 'Card limits', tags: ['limits'], body: 'Limits.' },
  { id: 'en-refund', locale: 'en', title: 'Refunds', tags: ['refund'], body: 'Refunds.' },
]

const ui = widgetPerTest()
const dialog = () => ui.dialog()!

describe('a transport later than the 3 s fallback, on a backend with chat', () => {
  const openLate = async () => {
    const { option, resolve } = late()
    const widget = ui.mount({ transport: option, locale: 'en', articles: { articles } })
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

describe('a transport later than the 3 s fallback, the popular articles later still', () => {
  // The card shows (the transport has loaded) while the articles are still on their way: they come
  // below it, not above it, where they would push its buttons down under the user's finger.
  it('the card stays where it showed, the articles come in below it', async () => {
    const { option, resolve } = late()
    const widget = ui.mount({ transport: option, locale: 'en' })
    await widget.open()
    // The placeholder goes after 3 s: chat is still unknown and there are no articles yet.
    await vi.waitFor(() => expect(dialog().querySelector('[data-entry]')).not.toBeNull())
    await vi.waitFor(() => expect(dialog().querySelector('[data-card-pending]')).toBeNull(), { timeout: 6000 })
    let release!: () => void
    const held = new Promise<void>((r) => (release = r))
    resolve(
      withChat({
        capabilities: { chat: true, articles: true },
        listArticles: () => held.then(() => articles),
      }),
    )
    const card = await vi.waitFor(() => {
      const found = dialog().querySelector('[data-card-reply]')?.closest('[data-home-card]')
      expect(found).toBeTruthy()
      return found!
    })
    const before = [...card.parentElement!.children].indexOf(card)
    release()
    const popular = await vi.waitFor(() => {
      const link = dialog().querySelector('.help-section:not([hidden]) .help-result')
      expect(link).not.toBeNull()
      return link!.closest('section')!
    })
    expect(card.isConnected).toBe(true)
    expect([...card.parentElement!.children].indexOf(card)).toBe(before)
    expect(card.compareDocumentPosition(popular) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy()
  })
})
