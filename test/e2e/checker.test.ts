import { describe, expect, inject, it } from 'vitest'
import { agentGet, ticketsOf } from './agentApi.js'
import { axe } from './browser.js'
import { chromium } from './session.js'

// "Is this really us?" in Chromium: verdicts announced, no axe violations, and a scam report
// that reaches the reference server as exactly one impersonation ticket.
const baseUrl = inject('baseUrl')
const s = chromium()

type Detail = { description: string; fields: Record<string, unknown>; priority?: string }

describe('checker', () => {
  it('checks a link, a number and an account from the safety notice, then files one scam report', async () => {
    const { page } = s
    const userId = `checker-${Date.now()}`
    await page.goto(`${baseUrl}/?locale=en&user=${userId}`)
    const shadow = (sel: string) => page.locator(`[data-help-feedback] >> ${sel}`)
    await page.getByTestId('help-entry').click()
    await shadow('[data-open-checker]').click()
    const input = shadow('input#' + (await shadow('form.ck-form input').getAttribute('id')))
    const result = shadow('.ck-result[role=status]')
    const check = async (value: string) => {
      await input.fill(value)
      await input.press('Enter')
    }

    // The verdict region is a polite live region: screen readers announce each answer.
    expect(await result.getAttribute('aria-live')).toBe('polite')
    await check('https://wallet.example.com.evil.cn/refund')
    await shadow('.ck-result[data-verdict=lookalike]').waitFor()
    expect(await result.textContent()).toMatch(/Looks like ours, but it is not.*in front of someone else.*evil\.cn/)

    await check('９５１８８')
    await shadow('.ck-result[data-verdict=official]').waitFor()
    expect(await result.textContent()).toContain('hotline 95188')
    expect(await shadow('[data-report-scam]').count()).toBe(0)

    await check('@examp1ewallet')
    await shadow('.ck-result[data-verdict=lookalike]').waitFor()
    expect(await result.textContent()).toContain('one or two characters away from our account')

    await check('+95188')
    await shadow('.ck-result[data-verdict=lookalike]').waitFor()
    expect(await axe(page, '[data-help-feedback]')).toEqual([])

    await shadow('[data-report-scam]').click()
    await shadow('[data-report-status=sent]').waitFor({ timeout: 15_000 })
    expect(await shadow('[data-report-status=sent]').textContent()).toMatch(/reported \(reference .+\)/)
    // A second tap cannot file it twice.
    expect(await shadow('[data-report-scam]').isDisabled()).toBe(true)

    const mine = await ticketsOf(userId)
    expect(mine).toHaveLength(1)
    expect(mine[0]!.category).toBe('impersonation')
    const detail = await agentGet<Detail>(`/tickets/${mine[0]!.id}`)
    expect(detail.fields).toMatchObject({ contactKind: 'phone', contactValue: '+95188', verdict: 'lookalike' })
    expect(detail.fields.checkedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/)
    expect(detail.description).toContain('+95188')
  })

  it('answers in Chinese with no axe violations, and names a known scam', async () => {
    const { page } = s
    await page.goto(`${baseUrl}/?locale=zh-CN&user=checker-zh-${Date.now()}`)
    const shadow = (sel: string) => page.locator(`[data-help-feedback] >> ${sel}`)
    await page.evaluate(() =>
      (window as unknown as { help: { open(v: string, p: unknown): Promise<void> } }).help.open('checker', {
        value: '0086 171 0000 1234',
      }),
    )
    await shadow('.ck-result[data-verdict=notOurs]').waitFor()
    expect(await shadow('.ck-result').textContent()).toContain('已有其他用户举报其为诈骗')
    expect(await axe(page, '[data-help-feedback]')).toEqual([])
  })
})
