import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { launch, type Session } from './browser.js'

// Home paints before the transport answers (the support card) and before the help chunk comes
// (popular articles). What is there at the first paint must not move when those arrive: a tap
// aimed at "Is this really us?" or an entry landed on whatever had slid under it.
const baseUrl = inject('baseUrl')
let s: Session

beforeAll(async () => {
  s = await launch()
})
afterAll(async () => {
  await s?.close()
})

describe('Home layout', () => {
  it('keeps the entries, the safety notice and the support card in place as the rest loads', async () => {
    const { page } = s
    const hold = () => {
      let release!: () => void
      const held = new Promise<void>((r) => (release = r))
      return { held, release }
    }
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
})
