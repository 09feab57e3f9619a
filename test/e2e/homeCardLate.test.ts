import { beforeAll, describe, expect, inject, it } from 'vitest'
import { fileTickets } from './agentApi.js'
import { axe, jsonAnswer as json, panelControls as controls, w, type Page } from './browser.js'
import { agentsOnline, chatRows, openChat } from './break/agentChat.js'
import { chromium } from './session.js'

// Home's support card answered later than the 3 s after which the popular articles no longer wait
// for it: they show below a card still saying "Checking…". Whatever the answer then adds to the
// card (an "open requests" line, a reply time on two lines where "Checking…" took one), the
// articles the user may be reaching for stay where they were painted.
const baseUrl = inject('baseUrl')
const s = chromium()

const HOURS = [
  ['an agent online, no estimate', json({ agentsOnline: 1, queueLength: 0, open: true })],
  ['a wait', json({ agentsOnline: 1, queueLength: 9, open: true, expectedWaitSeconds: 900 })],
  ['a wait of a week', json({ agentsOnline: 1, queueLength: 99, open: true, expectedWaitSeconds: 700_000 })],
  ['closed', json({ agentsOnline: 0, queueLength: 0, open: false })],
  ['failing (500)', { status: 500, contentType: 'application/json', body: '{"error":{"code":"internal"}}' }],
] as const

/** A user with an open request, filed once for the whole file. */
let withRequest = ''

beforeAll(async () => {
  const { page } = s
  withRequest = `card52-open-${Date.now()}`
  await page.goto(`${baseUrl}/?locale=en&user=${withRequest}`)
  await fileTickets(page, [{ subject: 'Transfer missing' }])
})

/**
 * Opens Home with the hours (and the open requests) held until the popular articles showed
 * below the card, then lets them through: the controls before and after.
 */
async function lateAnswer(opts: {
  requests: boolean
  hours: (typeof HOURS)[number][1]
  locale: string
  width: number
}) {
  const { page } = s
  await page.unrouteAll()
  await page.setViewportSize({ width: opts.width, height: 800 })
  let release!: () => void
  const held = new Promise<void>((r) => (release = r))
  await page.route(/\/v1\/(availability|tickets)(\?|$)/, async (route) => {
    if (route.request().method() !== 'GET') return route.fallback()
    await held
    if (route.request().url().includes('/v1/availability')) await route.fulfill(opts.hours)
    else await route.fallback()
  })
  try {
    const user = opts.requests ? withRequest : `card52-none-${Date.now()}`
    await page.goto(`${baseUrl}/?locale=${opts.locale}&user=${user}`)
    await page.getByTestId('help-entry').click()
    await w(page, '[data-card-checking]').waitFor()
    await w(page, '.help-section:not([hidden]) .help-result').first().waitFor()
    // The card is above the articles, still checking.
    expect(await w(page, '[data-home-card] ~ .help-section .help-result').count()).toBeGreaterThan(0)
    expect(await w(page, '[data-card-checking]').count()).toBe(1)
    const first = await controls(page)
    release()
    await w(page, '[data-card-checking]').waitFor({ state: 'detached' })
    if (opts.requests) await w(page, '[data-card-requests]').waitFor()
    return { first, then: await controls(page) }
  } finally {
    release()
    await page.setViewportSize({ width: 1280, height: 800 })
  }
}

/** The height the card has below its last line of text (its padding and border left out). */
const blankRoom = (page: Page) =>
  w(page, '[data-home-card]').evaluate((card) => {
    const ps = card.querySelectorAll('p')
    const { paddingBottom, borderBottomWidth } = getComputedStyle(card)
    return (
      card.getBoundingClientRect().bottom -
      ps[ps.length - 1]!.getBoundingClientRect().bottom -
      parseFloat(paddingBottom) -
      parseFloat(borderBottomWidth)
    )
  })

describe('Home: the card answered after the popular articles showed below it', () => {
  for (const requests of [true, false]) {
    for (const [name, hours] of HOURS) {
      // Each case waits out the 3 s: one width (the panel is as wide at 1280 px), both scripts.
      for (const [width, locale] of [
        [360, 'en'],
        [360, 'zh-CN'],
      ] as const) {
        it(`${requests ? 'open requests' : 'no open requests'}, hours ${name} (${width} px, ${locale}): nothing below the card moves`, async () => {
          const { first, then } = await lateAnswer({ requests, hours, locale, width })
          expect(then).toEqual(first)
        })
      }
    }
  }

  // The room is held while articles may come below a card still checking; answered before they
  // show (their section there but still loading), the card gives it back: it ends below its last line.
  it('articles shown after the answer: the card keeps no blank room', async () => {
    const { page } = s
    await page.unrouteAll()
    let release!: () => void
    const api = new Promise<void>((r) => (release = r))
    let releaseIndex!: () => void
    const index = new Promise<void>((r) => (releaseIndex = r))
    await page.route(/\/v1\/(availability|tickets)(\?|$)/, async (route) => {
      if (route.request().method() === 'GET') await api
      await route.fallback()
    })
    await page.route(/\/search-index\.json/, async (route) => {
      await index
      await route.fallback()
    })
    try {
      await page.goto(`${baseUrl}/?locale=en&user=card52-room-${Date.now()}`)
      await page.getByTestId('help-entry').click()
      await w(page, '[data-card-checking]').waitFor()
      // Three seconds on: the popular articles' section is there, its articles still loading.
      await w(page, '[aria-labelledby$=popular][hidden]').waitFor({ state: 'attached' })
      release()
      await w(page, '[data-card-checking]').waitFor({ state: 'detached' })
      releaseIndex()
      await w(page, '.help-section:not([hidden]) .help-result').first().waitFor()
      expect(await blankRoom(page)).toBe(0)
    } finally {
      release()
      releaseIndex()
    }
  })

  it('the wordings that hold the room are unseen, unnamed, set like the lines; axe finds nothing', async () => {
    const { page } = s
    await lateAnswer({ requests: true, hours: HOURS[3][1], locale: 'zh-CN', width: 360 })
    const card = await w(page, '[data-home-card]').evaluate((card) => {
      const style = (e: Element, pseudo?: string) => {
        const c = getComputedStyle(e, pseudo)
        return [c.fontStyle, c.fontWeight, c.fontSize, c.fontFamily, c.lineHeight].join(' ')
      }
      const line = card.querySelector('[data-card-reply]')!
      const fits = [...card.querySelectorAll('[aria-hidden=true]')].filter((e) => !e.closest('button'))
      return {
        fits: fits.length,
        all: fits.every(
          (f) =>
            getComputedStyle(f).visibility == 'hidden' &&
            style(f, '::before') == style(line) &&
            style(f, '::after') == style(line),
        ),
        lines: [...card.querySelectorAll('p')].map((p) => p.textContent),
      }
    })
    expect(card.fits).toBeGreaterThan(0)
    expect(card.all).toBe(true)
    expect(card.lines).toEqual(['处理中的反馈：1 条', '在线客服暂未开放，留言将以工单形式回复。'])
    expect(await axe(page)).toEqual([])
  })
})

describe('Home: the card checks again, or has nothing below it', () => {
  // The transport's code did not load: the card answered with what the device keeps (an ongoing
  // chat) and the popular articles showed below it. A later try (the network back) loads the code:
  // chat is on, so the card checks the hours again ("Checking…"), then answers. The articles
  // went, came back and moved down by the card's new lines.
  it('the transport code loaded on a later try: nothing below the card moves while it checks again or after', async () => {
    const { page } = s
    await page.unrouteAll()
    const user = `card53-kept-${Date.now()}`
    await agentsOnline(page)
    await openChat(page, baseUrl, user)
    await w(page, '.composer textarea').fill('Transfer still pending')
    await w(page, '.composer textarea').press('Enter')
    await expect.poll(async () => (await chatRows(page)).map((r) => r.state), { timeout: 15_000 }).toEqual(['sent'])
    await page.unrouteAll()
    let code = false
    await page.route(/\/dist\/transports\/rest\.js/, (route) => (code ? route.continue() : route.abort()))
    let release!: () => void
    const held = new Promise<void>((r) => (release = r))
    await page.route(/\/v1\/availability(\?|$)/, async (route) => {
      await held
      await route.fulfill(HOURS[1][1])
    })
    try {
      await page.goto(`${baseUrl}/?locale=en&user=${user}`)
      await page.getByTestId('help-entry').click()
      await w(page, '[data-card-chat]').waitFor()
      await w(page, '.help-section:not([hidden]) .help-result').first().waitFor()
      const first = await controls(page)
      code = true
      await page.evaluate(() => dispatchEvent(new Event('online')))
      await w(page, '[data-card-checking]').waitFor()
      expect(await controls(page)).toEqual(first)
      release()
      await w(page, '[data-card-reply]').waitFor()
      expect(await controls(page)).toEqual(first)
    } finally {
      release()
    }
  })

  // No help content: the popular articles' section stays hidden, nothing comes below the card.
  it('no popular articles: the card takes only its own height, checking or answered', async () => {
    const { page } = s
    await page.unrouteAll()
    let release!: () => void
    const held = new Promise<void>((r) => (release = r))
    await page.route(/\/v1\/availability(\?|$)/, async (route) => {
      await held
      await route.fulfill(HOURS[1][1])
    })
    await page.route(/\/search-index\.json/, (route) => route.fulfill({ status: 404, body: 'gone' }))
    try {
      await page.goto(`${baseUrl}/?locale=en&user=card53-no-help-${Date.now()}`)
      await page.getByTestId('help-entry').click()
      await w(page, '[data-card-checking]').waitFor()
      // Three seconds on, the articles' section is there, hidden: the help content did not load.
      await w(page, '[aria-labelledby$=popular][hidden]').waitFor({ state: 'attached' })
      await page.waitForTimeout(1000)
      expect(await w(page, '[aria-labelledby$=popular][hidden]').count()).toBe(1)
      expect(await blankRoom(page)).toBe(0)
      release()
      await w(page, '[data-card-reply]').waitFor()
      expect(await blankRoom(page)).toBe(0)
    } finally {
      release()
    }
  })
})
