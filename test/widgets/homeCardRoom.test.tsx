import { describe, expect, it, vi } from 'vitest'
import type { Article } from '../../src/types.js'
import { widgetPerTest, withChat } from '../support/pending.js'
import { refundArticle } from '../support/fixtures.js'

// Home's card holds the room of its longest answer (unseen wordings in `.home-fit`) only while
// popular articles are listed below it. Browsers without CSS `:has()` (Chrome < 105, Firefox <
// 121, old WebViews) cannot hide that room by CSS: the wordings must not be there at all.
const article = refundArticle

const ui = widgetPerTest()
const never = () => new Promise<never>(() => {})

async function openChecking(articles?: Article[]) {
  // Chat is on and its hours never answer: the card says "Checking…"; three seconds on, the
  // popular articles stop waiting for it.
  const transport = withChat({ availability: never, listTickets: never })
  ui.mount({ transport: async () => transport, locale: 'en', ...(articles ? { articles: { articles } } : {}) })
  ;(ui.shadow().querySelector('.launcher') as HTMLButtonElement).click()
  await vi.waitFor(() => expect(ui.dialog()?.querySelector('[data-card-checking]')).not.toBeNull())
  await vi.waitFor(() => expect(ui.dialog()!.querySelector('[aria-labelledby$=popular]')).not.toBeNull(), {
    timeout: 5000,
  })
}

describe('Home: the room the card holds for its answer', () => {
  it('no popular articles below the card (no help content): no unseen wordings hold room', async () => {
    await openChecking()
    await new Promise((r) => setTimeout(r, 200))
    expect(ui.dialog()!.querySelector('[aria-labelledby$=popular]')!.hasAttribute('hidden')).toBe(true)
    expect(ui.dialog()!.querySelectorAll('[data-home-card] .home-fit > span')).toHaveLength(0)
  }, 10_000)

  it('popular articles listed below a card still checking: the room is held', async () => {
    await openChecking([article])
    await vi.waitFor(() => expect(ui.dialog()!.querySelector('[aria-labelledby$=popular] li')).not.toBeNull())
    await vi.waitFor(() =>
      expect(ui.dialog()!.querySelectorAll('[data-home-card] .home-fit > span').length).toBeGreaterThan(0),
    )
  }, 10_000)
})
