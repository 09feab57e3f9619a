import { describe, expect, inject, it } from 'vitest'
import { axe, launch, type Session } from './browser.js'
import { chromium } from './session.js'

const baseUrl = inject('baseUrl')
const s = chromium()

const dialog = (s: Session) => s.page.locator('[data-help-feedback] >> [role=dialog]')

describe('wallet demo in Chromium', () => {
  it('opens the panel by keyboard from the launcher, Escape closes and restores focus', async () => {
    const { page } = s
    await page.goto(`${baseUrl}/?transport=memory&locale=en`)
    await page.locator('[data-testid=report-tx]').first().waitFor()
    // Tab through the page until the launcher in the shadow root has focus.
    let onLauncher = false
    for (let i = 0; i < 30 && !onLauncher; i++) {
      await page.keyboard.press('Tab')
      onLauncher = await page.evaluate(
        () =>
          document.querySelector('[data-help-feedback]')?.shadowRoot?.activeElement?.classList.contains('launcher') ??
          false,
      )
    }
    expect(onLauncher).toBe(true)
    await page.keyboard.press('Enter')
    await dialog(s).waitFor()
    await expect
      .poll(() =>
        page.evaluate(() =>
          document.querySelector('[data-help-feedback]')!.shadowRoot!.activeElement?.getAttribute('type'),
        ),
      )
      .toBe('search')
    await page.keyboard.press('Escape')
    await dialog(s).waitFor({ state: 'detached' })
    await expect
      .poll(() =>
        page.evaluate(() => document.querySelector('[data-help-feedback]')!.shadowRoot!.activeElement?.className),
      )
      .toBe('launcher')
  })

  it('keeps what the user types while the panel loads and searches it', async () => {
    // On a slow network the panel's code takes a moment; keys typed meanwhile went to the
    // launcher and were lost, and the search box came up empty.
    const slow = await launch()
    try {
      await slow.page.route('**/dist/chunks/**', async (route) => {
        await new Promise((r) => setTimeout(r, 800))
        await route.continue()
      })
      await slow.page.goto(`${baseUrl}/?transport=memory&locale=en`)
      await slow.page.getByTestId('help-entry').click()
      await slow.page.keyboard.type('refund')
      const input = slow.page.locator('[data-help-feedback] >> input[type=search]').first()
      await expect.poll(() => input.inputValue(), { timeout: 20_000 }).toBe('refund')
      await slow.page.locator('[data-help-feedback] >> .help-result').first().waitFor({ timeout: 20_000 })
      expect(await dialog(slow).locator('h2').textContent()).toBe('Search results')
    } finally {
      await slow.close()
    }
  })

  it('opens by click from the app entry and from a transaction row; axe finds no violations', async () => {
    const { page } = s
    await page.goto(`${baseUrl}/?transport=memory&locale=zh-CN`)
    await page.getByTestId('help-entry').click()
    await dialog(s).waitFor()
    expect(await dialog(s).locator('h2').textContent()).toBe('帮助与反馈')
    const violations = await axe(page)
    expect(violations).toEqual([])
    await page.keyboard.press('Escape')
    await page.locator('[data-testid=report-tx]').first().click()
    await dialog(s).waitFor()
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-help-feedback'))).toBe('')
  })

  it('the default demo talks to the reference server over REST and identifies the user', async () => {
    const { page } = s
    const errors: string[] = []
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()))
    await page.goto(`${baseUrl}/?locale=en`)
    await page.getByTestId('help-entry').click()
    await dialog(s).waitFor()
    await expect
      .poll(() =>
        page.evaluate(async () => {
          const c = await (
            window as unknown as {
              help: { client(): Promise<{ store: { getState(): { session: { status: string } } } }> }
            }
          ).help.client()
          return c.store.getState().session.status
        }),
      )
      .toBe('ready')
    expect(
      await page.evaluate(
        async () =>
          (
            await (
              await (
                window as unknown as { help: { client(): Promise<{ transport(): Promise<{ name: string }> }> } }
              ).help.client()
            ).transport()
          ).name,
      ),
    ).toBe('rest')
    expect(errors).toEqual([])
  })

  it('is a full-screen sheet on a phone-sized screen, and the page has no violations in dark mode', async () => {
    const phone = await launch({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })
    try {
      await phone.page.emulateMedia({ colorScheme: 'dark', reducedMotion: 'reduce' })
      await phone.page.goto(`${baseUrl}/?transport=memory&locale=en`)
      await phone.page.getByTestId('help-entry').click()
      await phone.page.locator('[data-help-feedback] >> [role=dialog]').waitFor()
      const box = await phone.page.locator('[data-help-feedback] >> .frame').boundingBox()
      expect(box).toEqual({ x: 0, y: 0, width: 390, height: 844 })
      // The floating launcher must not cover the sheet's content (WCAG 2.4.11).
      expect(await phone.page.locator('[data-help-feedback] >> .launcher').isVisible()).toBe(false)
      expect(await axe(phone.page)).toEqual([])
    } finally {
      await phone.close()
    }
  })
})
