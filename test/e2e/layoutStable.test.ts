import { describe, expect, inject, it } from 'vitest'
import { type Session } from './browser.js'
import { chromium } from './session.js'

// Views paint before the transport answers. What the user can tap must not move when the
// answers arrive: a tap aimed at "Is this really us?", an entry or a channel landed on whatever
// had slid under it.
const baseUrl = inject('baseUrl')
const s = chromium()

const hold = () => {
  let release!: () => void
  const held = new Promise<void>((r) => (release = r))
  return { held, release }
}

/** Every control in the panel with where it is, by its label. */
const controls = (page: Session['page']) =>
  page.evaluate(() =>
    [...document.querySelector('[data-help-feedback]')!.shadowRoot!.querySelectorAll('button, a, input, textarea')].map(
      (e) => {
        const { x, y } = e.getBoundingClientRect()
        return `${e.textContent || e.getAttribute('aria-label')}@${x},${y}`
      },
    ),
  )

describe('layout as answers arrive', () => {
  it('Home keeps the entries, the safety notice and the support card in place as the rest loads', async () => {
    const { page } = s
    const help = hold()
    const api = hold()
    await page.route(/homeHelp-[\w-]+\.js$/, async (route) => {
      await help.held
      await route.continue()
    })
    await page.route(/\/v1\/(availability|tickets)(\?|$)/, async (route) => {
      await api.held
      await route.continue()
    })
    await page.goto(`${baseUrl}/?locale=en&user=home-stable-${Date.now()}`)
    const shadow = (sel: string) => page.locator(`[data-help-feedback] >> ${sel}`)
    await page.getByTestId('help-entry').click()
    const targets = ['[data-entry=chat]', '[data-entry=contact]', '[data-open-checker]']
    const boxes = () => Promise.all(targets.map((sel) => shadow(sel).boundingBox()))
    await shadow('[data-open-checker]').waitFor()
    const first = await boxes()
    expect(first.every(Boolean)).toBe(true)

    api.release()
    const card = shadow('[data-home-card]')
    await shadow('[data-card-reply]').waitFor()
    expect(await boxes()).toEqual(first)
    const cardBox = await card.boundingBox()

    help.release()
    await shadow('.help-section:not([hidden]) .help-result').first().waitFor()
    expect(await boxes()).toEqual(first)
    expect(await card.boundingBox()).toEqual(cardBox)
  })

  it('Home keeps popular articles in place when the transport answers after them', async () => {
    const { page } = s
    await page.unrouteAll()
    const api = hold()
    await page.route(/\/v1\/(availability|tickets)(\?|$)/, async (route) => {
      await api.held
      await route.continue()
    })
    await page.goto(`${baseUrl}/?locale=en&user=home-slow-${Date.now()}`)
    const shadow = (sel: string) => page.locator(`[data-help-feedback] >> ${sel}`)
    await page.getByTestId('help-entry').click()
    // A transport slower than a second: the articles show without waiting for it.
    await shadow('.help-section:not([hidden]) .help-result').first().waitFor()
    const first = await controls(page)
    api.release()
    await shadow('[data-card-reply]').waitFor()
    expect(await controls(page)).toEqual(first)
  })

  it('Contact keeps its channels in place when the chat hours come late', async () => {
    const { page } = s
    await page.unrouteAll()
    const api = hold()
    await page.route(/\/v1\/availability(\?|$)/, async (route) => {
      await api.held
      await route.continue()
    })
    await page.goto(`${baseUrl}/?locale=en&user=contact-stable-${Date.now()}`)
    const shadow = (sel: string) => page.locator(`[data-help-feedback] >> ${sel}`)
    await page.evaluate(() => (window as unknown as { help: { open(v: string): Promise<void> } }).help.open('contact'))
    // The list shows after a moment without the answer.
    await shadow('[data-channel=chat]').waitFor()
    const first = await controls(page)
    expect(first.length).toBeGreaterThan(5)
    api.release()
    await shadow('[data-channel=chat] .ct-status[data-open]').waitFor()
    expect(await controls(page)).toEqual(first)
  })
})
