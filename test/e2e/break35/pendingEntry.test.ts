import { describe, expect, inject, it } from 'vitest'
import { open, w, type Page } from '../browser.js'
import { chromium } from '../session.js'

// Home while the transport's code is loading (chat unknown): the first entry's placeholder, at
// narrow widths and large text, and what happens to what the user can tap when it is replaced.
const baseUrl = inject('baseUrl')
const s = chromium()

/** The REST transport's code held on the network until `release()`; `abort` fails it then instead. */
const holdTransportCode = async (page: Page, abort = false) => {
  await page.unrouteAll()
  let release!: () => void
  const held = new Promise<void>((r) => (release = r))
  await page.route('**/dist/transports/rest.js', async (route) => {
    await held
    await (abort ? route.abort() : route.continue())
  })
  return release
}

/** The home, opened at `width` CSS px in `locale`, its text at `textScale` times the default root font. */
async function pendingHome(page: Page, width: number, locale: string, textScale: number, abort = false) {
  await page.setViewportSize({ width, height: 700 })
  const release = await holdTransportCode(page, abort)
  await page.goto(`${baseUrl}/?locale=${locale}&user=b35-entry-${Date.now()}`)
  await w(page, 'button.launcher').waitFor()
  await page.evaluate((k) => (document.documentElement.style.fontSize = `${k * 100}%`), textScale)
  await open(page, 'home')
  await w(page, '[data-entry=chat][aria-busy=true]').waitFor()
  return release
}

/** The placeholder bars that stick out of their entry's content box (into its padding, or past its border). */
const barsOutside = (page: Page) =>
  w(page, '[data-entry=chat]').evaluate((entry) => {
    const box = entry.getBoundingClientRect()
    const css = getComputedStyle(entry)
    const left = box.left + parseFloat(css.borderLeftWidth) + parseFloat(css.paddingLeft)
    const right = box.right - parseFloat(css.borderRightWidth) - parseFloat(css.paddingRight)
    return [...entry.querySelectorAll('.entry-bar')]
      .map((bar) => bar.getBoundingClientRect())
      .filter((b) => b.left < left - 0.5 || b.right > right + 0.5)
      .map((b) => `${b.left.toFixed(1)}..${b.right.toFixed(1)} in ${left.toFixed(1)}..${right.toFixed(1)}`)
  })

/** Where the search box, each entry and the safety notice's button are (once the open animation is over). */
const places = (page: Page) =>
  page.locator('[data-help-feedback]').evaluate(async (host) => {
    const root = host.shadowRoot!
    await Promise.all(root.getAnimations().map((a) => a.finished.catch(() => undefined)))
    return [...root.querySelectorAll('form[role=search] input, .entry, [data-open-checker]')].map((e) => {
      const r = e.getBoundingClientRect()
      return `${e.getAttribute('data-entry') ?? e.tagName.toLowerCase()}@${r.x},${r.y} ${r.width}×${r.height}`
    })
  })

const cases = [
  [195, 'en', 1],
  [320, 'en', 2],
  [280, 'zh-TW', 2],
] as const

describe('Home while chat is unknown: the first entry', () => {
  for (const [width, locale, textScale] of cases) {
    it(`${width} px, ${locale}, text ×${textScale}: the placeholder's bars stay inside the entry`, async () => {
      const { page } = s
      const release = await pendingHome(page, width, locale, textScale)
      try {
        expect(await barsOutside(page)).toEqual([])
      } finally {
        release()
      }
    })

    it(`${width} px, ${locale}, text ×${textScale}: nothing the user can tap moves when chat becomes known`, async () => {
      const { page } = s
      const release = await pendingHome(page, width, locale, textScale)
      const before = await places(page)
      release()
      await w(page, '[data-entry=chat]:not([aria-busy])').waitFor()
      expect(await places(page)).toEqual(before)
    })
  }

  it('the transport failing to load: nothing the user can tap moves when the entry takes its wording', async () => {
    const { page } = s
    const release = await pendingHome(page, 195, 'en', 1, true)
    const before = await places(page)
    release()
    await w(page, '[data-entry=chat]:not([aria-busy])').waitFor()
    expect(await places(page)).toEqual(before)
  })

  it('the wordings that hold its room are unseen, unnamed, and set like the lines they stand for', async () => {
    const { page } = s
    const release = await pendingHome(page, 320, 'en', 1)
    release()
    await w(page, '[data-entry=chat]:not([aria-busy])').waitFor()
    const fit = await w(page, '[data-entry=chat]').evaluate((entry) => {
      const style = (e: Element, pseudo?: string) => {
        const c = getComputedStyle(e, pseudo)
        return [c.fontStyle, c.fontWeight, c.fontSize, c.fontFamily, c.lineHeight].join(' ')
      }
      const [title, hint] = [entry.querySelector('b')!, entry.querySelector('span')!]
      return [...entry.querySelectorAll('.entry-fit')].map((f) => ({
        hidden: getComputedStyle(f).visibility,
        ariaHidden: f.getAttribute('aria-hidden'),
        title: style(f.children[0]!, '::before') == style(title),
        hint: style(f.children[1]!, '::before') == style(hint),
      }))
    })
    expect(fit).toEqual([
      { hidden: 'hidden', ariaHidden: 'true', title: true, hint: true },
      { hidden: 'hidden', ariaHidden: 'true', title: true, hint: true },
    ])
  })
})
