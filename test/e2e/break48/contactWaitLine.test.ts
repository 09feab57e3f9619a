import { describe, expect, inject, it } from 'vitest'
import { axe, jsonAnswer as json, open, panelControls as controls, w } from '../browser.js'
import { chromium } from '../session.js'

// Contact's chat status line holds the room of its longest wording from the start: the answer of
// /v1/availability arriving late moves nothing below it, at the narrowest width, with the text
// enlarged, in each locale, and with waits longer than three digits of minutes.
const baseUrl = inject('baseUrl')
const s = chromium()

async function lateAnswer(locale: string, width: number, textScale: number, waitSeconds: number) {
  const { page } = s
  await page.unrouteAll()
  await page.setViewportSize({ width, height: 800 })
  let release!: () => void
  const held = new Promise<void>((r) => (release = r))
  await page.route(/\/v1\/availability(\?|$)/, async (route) => {
    await held
    await route.fulfill(json({ agentsOnline: 1, queueLength: 40, open: true, expectedWaitSeconds: waitSeconds }))
  })
  try {
    await page.goto(`${baseUrl}/?locale=${locale}&user=b48-wait-${Date.now()}`)
    await page.evaluate((k) => (document.documentElement.style.fontSize = `${k * 100}%`), textScale)
    await open(page, 'contact')
    await w(page, '[data-channel=chat] [data-checking]').waitFor()
    const first = await controls(page)
    release()
    await w(page, '[data-channel=chat] [data-checking]').waitFor({ state: 'detached' })
    return { first, then: await controls(page) }
  } finally {
    release()
    await page.setViewportSize({ width: 1280, height: 800 })
  }
}

describe('Contact: the chat wait arriving late moves nothing', () => {
  for (const locale of ['en', 'zh-CN', 'zh-TW']) {
    for (const [width, textScale] of [
      [320, 1],
      [320, 2],
    ] as const) {
      it(`a long queue (15 min), ${locale}, ${width} px, text ×${textScale}`, async () => {
        const { first, then } = await lateAnswer(locale, width, textScale, 900)
        expect(then).toEqual(first)
      })
    }
  }

  // A queue of a day (an outage): four digits of minutes, one more than the room was made for.
  for (const width of [320, 336, 352, 368, 384, 400]) {
    it(`a wait of 1,440 min, en, ${width} px`, async () => {
      const { first, then } = await lateAnswer('en', width, 1, 86_400)
      expect(then).toEqual(first)
    })
  }

  it('axe finds nothing once the wait is shown, 320 px, text ×2 (zh-CN)', async () => {
    await lateAnswer('zh-CN', 320, 2, 900)
    expect(await axe(s.page)).toEqual([])
  })
})
