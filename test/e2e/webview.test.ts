/**
 * The SDK inside a hybrid app, in Chromium with phone emulation:
 *  1. the web "native shell" (examples/wallet-demo/webview/) around an iframe of the wallet page:
 *     the bridge both ways over postMessage with pinned origins, and forged messages dropped;
 *  2. the wallet page as a WKWebView page (a fake `window.webkit` handler): native channel,
 *     safe-area insets and the virtual keyboard (simulated by shrinking the viewport).
 */
import type { Frame, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { axe, launch, type Session } from './browser.js'

const baseUrl = inject('baseUrl')
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }
let s: Session

beforeAll(async () => {
  s = await launch(PHONE)
})
afterAll(async () => {
  await s?.close()
})

type Msg = { v: number; id: string; type: string; payload: Record<string, unknown> }
const inShadow = (frame: Page | Frame, selector: string) => frame.locator(`[data-help-feedback] >> ${selector}`)

async function walletFrame(page: Page): Promise<Frame> {
  await page.locator('#webview').waitFor()
  let frame: Frame | null = null
  await expect.poll(() => (frame = page.frame({ url: /\/webview\/wallet\.html/ })) !== null).toBe(true)
  return frame!
}
const shellReceived = (page: Page) =>
  page.evaluate(() =>
    (window as unknown as { shell: { received: Msg[] } }).shell.received.map((m) => ({
      type: m.type,
      payload: m.payload,
    })),
  )
const debugOf = (frame: Frame) =>
  frame.evaluate(
    () => (window as unknown as { bridgeDebug: Array<{ type: string; reason?: string; origin?: string }> }).bridgeDebug,
  )

describe('native shell around the wallet page (parent-frame channel)', () => {
  it('the host drives the SDK (locale, open contact) and tapping the hotline goes back to the host', async () => {
    const { page } = s
    // The hotline is open 09:00–21:00 Shanghai time, and an urgent problem puts the open live
    // channel first: pin the page's clock to 10:00 there (today, or a later day that is not one
    // of the demo's holidays), so the order does not depend on when the test runs.
    const at = new Date()
    at.setUTCHours(2, 0, 0, 0)
    while (['2026-10-01', '2026-10-02', '2026-10-03', '2027-01-01'].includes(at.toISOString().slice(0, 10)))
      at.setUTCDate(at.getUTCDate() + 1)
    await page.clock.setFixedTime(at)
    await page.goto(`${baseUrl}/webview/`)
    const frame = await walletFrame(page)
    await expect.poll(() => shellReceived(page).then((r) => r.map((m) => m.type))).toContain('ready')
    expect(await frame.evaluate(() => (window as unknown as { bridge: { channel: string } }).bridge.channel)).toBe(
      'parent',
    )
    expect(await frame.evaluate(() => new Date().toISOString())).toBe(at.toISOString())

    await page.getByRole('button', { name: '繁體中文' }).click()
    await page.getByRole('button', { name: 'Contact (unauthorized)' }).click()
    await inShadow(frame, '[data-channel="hotline"]').waitFor()
    expect(await inShadow(frame, 'h2').textContent()).toBe('聯絡我們')
    expect(
      await inShadow(frame, '[data-channel]').evaluateAll((els) =>
        els.map((e) => e.getAttribute('data-channel')).slice(0, 2),
      ),
    ).toEqual(['hotline', 'chat'])
    expect(await inShadow(frame, '.ct-official').textContent()).toContain('我們絕不會索取您的密碼')

    const before = frame.url()
    await inShadow(frame, '[data-channel="hotline"] a').click()
    await inShadow(frame, '[data-channel="email"] a').click()
    await expect
      .poll(() =>
        shellReceived(page).then((r) => r.filter((m) => m.type === 'openUrl').map((m) => String(m.payload.url))),
      )
      .toEqual(['tel:95188', expect.stringMatching(/^mailto:support@wallet\.example\.com\?subject=.*HF-2026-000123/)])
    expect(frame.url()).toBe(before)
    // Every host message was acknowledged by id.
    const replies = (await shellReceived(page)).filter((m) => m.type === 'reply')
    expect(replies.length).toBeGreaterThanOrEqual(3)
    expect(replies.every((r) => r.payload.ok === true)).toBe(true)
  })

  it('request/response: the SDK asks the host for an image and gets a PNG back; unread count and close reach the host', async () => {
    const { page } = s
    const frame = await walletFrame(page)
    const image = await frame.evaluate(async () => {
      const picked = await (
        window as unknown as { bridge: { pickImage(): Promise<{ name: string; type: string; blob: Blob } | null> } }
      ).bridge.pickImage()
      return (
        picked && {
          name: picked.name,
          type: picked.type,
          size: picked.blob.size,
          magic: [...new Uint8Array(await picked.blob.slice(0, 4).arrayBuffer())],
        }
      )
    })
    expect(image).toMatchObject({ name: 'receipt.png', type: 'image/png', magic: [0x89, 0x50, 0x4e, 0x47] })
    expect(image!.size).toBeGreaterThan(50)

    await frame.evaluate(async () => {
      const client = await (
        window as unknown as { help: { client(): Promise<{ events: { emit(e: unknown): void } }> } }
      ).help.client()
      client.events.emit({ type: 'unread:change', count: 2 })
    })
    await expect.poll(() => page.locator('#badge').textContent()).toBe('2')
    await inShadow(frame, '[aria-label="關閉"]').click()
    await expect.poll(() => shellReceived(page).then((r) => r.map((m) => m.type))).toContain('close')
  })

  it('drops forged messages: from a sandboxed (opaque-origin) frame and from a same-origin sibling frame', async () => {
    const { page } = s
    const frame = await walletFrame(page)
    const seen = (await debugOf(frame)).length
    await page.evaluate(() => {
      for (const sandbox of [true, false]) {
        const f = document.createElement('iframe')
        f.name = sandbox ? 'forger-sandboxed' : 'forger-sibling'
        if (sandbox) f.setAttribute('sandbox', 'allow-scripts')
        document.body.append(f)
      }
    })
    const forge = JSON.stringify({ v: 1, id: 'forged', type: 'open', payload: { view: 'chat' } })
    for (const name of ['forger-sandboxed', 'forger-sibling']) {
      let forger: Frame | null = null
      await expect.poll(() => (forger = page.frame({ name })) !== null).toBe(true)
      await forger!.evaluate((m) => (window.parent.frames[0] as Window).postMessage(m, '*'), forge)
    }
    await expect
      .poll(async () =>
        (await debugOf(frame))
          .slice(seen)
          .filter((d) => d.type === 'bridge:drop')
          .map((d) => d.reason),
      )
      .toEqual(['origin', 'source'])
    expect(await frame.evaluate(() => document.documentElement.dataset.view)).not.toBe('chat')
  })
})

describe('wallet page in a WKWebView (native channel)', () => {
  let page: Page
  beforeAll(async () => {
    page = await s.browser.newPage()
    // What WKUserContentController.add(_:name: "helpFeedback") injects, recording what the SDK posts.
    await page.addInitScript(() => {
      const posted: string[] = []
      ;(window as unknown as { __native: string[] }).__native = posted
      ;(window as unknown as { webkit: unknown }).webkit = {
        messageHandlers: { helpFeedback: { postMessage: (m: string) => void posted.push(m) } },
      }
    })
    await page.goto(`${baseUrl}/webview/wallet.html`)
    await page.waitForFunction(() => (window as unknown as { __native: string[] }).__native.length > 0)
  })
  const native = () =>
    page.evaluate(() => (window as unknown as { __native: string[] }).__native.map((m) => JSON.parse(m) as Msg))
  const receive = (type: string, payload: unknown) =>
    page.evaluate(
      ([t, p]) =>
        (window as unknown as { HelpFeedbackBridge: { receive(m: string): void } }).HelpFeedbackBridge.receive(
          JSON.stringify({ v: 1, id: `n-${t}`, type: t, payload: p }),
        ),
      [type, payload] as const,
    )

  it('uses the webkit channel; the app opens the panel and switches to dark mode', async () => {
    expect((await native())[0]).toMatchObject({ type: 'ready', payload: { protocol: 1 } })
    await receive('locale', { locale: 'en-US' })
    await receive('open', { view: 'contact', params: { problem: 'refund_not_received' } })
    await inShadow(page, '[data-channel="messages"]').waitFor()
    expect(await axe(page)).toEqual([])
    await receive('theme', { mode: 'dark' })
    await expect.poll(() => page.locator('[data-help-feedback]').getAttribute('data-theme')).toBe('dark')
    expect(
      await inShadow(page, '[data-channel]').evaluateAll((els) =>
        els.map((e) => e.getAttribute('data-channel')).slice(0, 2),
      ),
    ).toEqual(['messages', 'email'])
    expect((await native()).filter((m) => m.type === 'reply').map((m) => m.payload.to)).toEqual(
      expect.arrayContaining(['n-locale', 'n-theme', 'n-open']),
    )
    expect(await axe(page)).toEqual([])
  })

  it('pads the panel by the safe-area insets (viewport-fit=cover)', async () => {
    const cdp = await s.browser.newCDPSession(page)
    await cdp.send(
      'Emulation.setSafeAreaInsetsOverride' as never,
      { insets: { top: 47, bottom: 34, left: 0, right: 0 } } as never,
    )
    const box = await page.evaluate(() => {
      const frame = document.querySelector('[data-help-feedback]')!.shadowRoot!.querySelector('.frame')!
      const style = getComputedStyle(frame)
      const head = frame.querySelector('.head')!.getBoundingClientRect()
      return {
        top: style.paddingTop,
        bottom: style.paddingBottom,
        headTop: head.top,
        height: frame.getBoundingClientRect().height,
      }
    })
    expect(box).toEqual({ top: '47px', bottom: '34px', headTop: 47, height: 844 })
    await cdp.send('Emulation.setSafeAreaInsetsOverride' as never, { insets: {} } as never)
    await cdp.detach()
  })

  it('keeps the focused input above the virtual keyboard (viewport shrinks by the keyboard height)', async () => {
    for (const [view, selector] of [
      ['home', 'input[type=search]'],
      ['chat', 'textarea'],
    ] as const) {
      await page.setViewportSize(PHONE.viewport)
      await receive('open', { view })
      const input = inShadow(page, selector).first()
      await input.waitFor()
      await input.focus()
      await page.setViewportSize({ width: 390, height: 844 - 336 })
      const fit = await page.evaluate((sel) => {
        const root = document.querySelector('[data-help-feedback]')!.shadowRoot!
        const el = root.querySelector(sel)!.getBoundingClientRect()
        const frame = root.querySelector('.frame')!.getBoundingClientRect()
        const vv = window.visualViewport!
        return {
          focused: root.activeElement === root.querySelector(sel),
          top: el.top >= vv.offsetTop,
          bottom: el.bottom <= vv.offsetTop + vv.height,
          frameBottom: Math.round(frame.bottom),
          vv: Math.round(vv.height),
        }
      }, selector)
      expect(fit, view).toEqual({ focused: true, top: true, bottom: true, frameBottom: 508, vv: 508 })
    }
    await page.setViewportSize(PHONE.viewport)
  })
})
