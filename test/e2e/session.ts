import { afterAll, beforeAll } from 'vitest'
import { launch, type Session } from './browser.js'

/**
 * One Chromium (a persistent context of its own) for a test file: launched before its tests,
 * closed after them. `s.page` and `s.browser` read the live session.
 *
 * @example
 * const s = chromium()
 * it('…', async () => { await s.page.goto(url) })
 */
export function chromium(options?: Parameters<typeof launch>[0]): Session {
  let s: Session | undefined
  beforeAll(async () => {
    s = await launch(options)
  })
  afterAll(async () => {
    await s?.close()
  })
  const live = (): Session => {
    if (!s) throw new Error('chromium(): the session starts in beforeAll')
    return s
  }
  return {
    get browser() {
      return live().browser
    },
    get page() {
      return live().page
    },
    close: () => live().close(),
  }
}
