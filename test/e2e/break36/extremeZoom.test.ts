import { describe, expect, inject, it } from 'vitest'
import { axe, open, w, type Page } from '../browser.js'
import { chromium } from '../session.js'

// Home (chat known, the support card filled in) at the narrowest widths a phone reaches with its
// page zoomed (195 px is 390 px at 200%), with the text on top of that at ×1 and ×2: nothing the
// user can tap or read is cut off at the side of the screen, and nothing has to be scrolled sideways.
const baseUrl = inject('baseUrl')
const s = chromium()

/** The home, opened at `width` CSS px in `locale`, its text at `textScale` times the default root font. */
async function knownHome(page: Page, width: number, locale: string, textScale: number) {
  await page.setViewportSize({ width, height: 700 })
  // The same answer whatever the hour: the card's reply line is always there, with its wording.
  await page.route('**/v1/availability', (r) =>
    r.fulfill({ contentType: 'application/json', body: '{"agentsOnline":1,"queueLength":0,"open":true}' }),
  )
  await page.goto(`${baseUrl}/?locale=${locale}&user=b36-zoom-${Date.now()}`)
  await w(page, 'button.launcher').waitFor()
  await page.evaluate((k) => (document.documentElement.style.fontSize = `${k * 100}%`), textScale)
  await open(page, 'home')
  await w(page, '[data-entry=chat]:not([aria-busy])').waitFor()
  await w(page, '[data-card-reply]').waitFor()
}

/**
 * What sticks out of the viewport sideways: controls the user can tap, each line of text (its
 * box, line by line), and anything in the panel that scrolls (or clips) sideways. Text only a
 * screen reader reads, and what is not shown, are left out.
 */
const offScreen = (page: Page) =>
  page.locator('[data-help-feedback]').evaluate(async (host) => {
    const root = host.shadowRoot!
    await Promise.all(root.getAnimations().map((a) => a.finished.catch(() => undefined)))
    const frame = root.querySelector('.frame')!
    const shown = (e: Element) => !e.closest('.sr-only') && e.checkVisibility({ visibilityProperty: true })
    const out: string[] = []
    const check = (what: string, r: DOMRect) => {
      if (r.width > 0 && (r.left < -0.5 || r.right > innerWidth + 0.5))
        out.push(`${what} ${r.left.toFixed(1)}..${r.right.toFixed(1)}`)
    }
    const name = (e: Element) =>
      `${e.tagName.toLowerCase()}${e.classList.length ? `.${[...e.classList].join('.')}` : ''}`
    for (const e of frame.querySelectorAll('button, a[href], input, textarea, select'))
      if (shown(e)) check(name(e), e.getBoundingClientRect())
    const texts = document.createTreeWalker(frame, NodeFilter.SHOW_TEXT)
    const range = document.createRange()
    for (let t = texts.nextNode(); t; t = texts.nextNode()) {
      if (!t.textContent!.trim() || !shown(t.parentElement!)) continue
      range.selectNodeContents(t)
      for (const line of range.getClientRects()) check(`"${t.textContent!.trim().slice(0, 24)}"`, line)
    }
    for (const e of [frame, ...frame.querySelectorAll('*')]) {
      if (!shown(e) || /^(INPUT|TEXTAREA)$/.test(e.tagName)) continue
      if (getComputedStyle(e).overflowX !== 'visible' && e.scrollWidth > e.clientWidth)
        out.push(`${name(e)} scrolls ${e.clientWidth}→${e.scrollWidth}`)
    }
    return out
  })

describe('Home at extreme zoom: nothing off the side of the screen', () => {
  for (const locale of ['en', 'zh-CN', 'zh-TW'])
    for (const width of [195, 240])
      for (const textScale of [1, 2])
        it(`${width} px, ${locale}, text ×${textScale}`, async () => {
          const { page } = s
          await knownHome(page, width, locale, textScale)
          expect(await offScreen(page)).toEqual([])
        })

  it('195 px, text ×2: axe finds nothing', async () => {
    const { page } = s
    await knownHome(page, 195, 'en', 2)
    expect(await axe(page)).toEqual([])
  })
})
