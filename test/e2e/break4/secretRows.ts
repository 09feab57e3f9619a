import type { Page } from 'playwright-core'
import { expect, inject } from 'vitest'
import { shadow } from '../break/host.js'

const baseUrl = inject('baseUrl')
const agentKey = inject('agentKey')

/** Opens chat as a new user in `locale`, has the agent send `texts`, and returns which rows carry the warning. */
export async function warnings(page: Page, locale: string, texts: string[]): Promise<Record<string, boolean>> {
  const user = `b4-secret-${locale}-${Date.now()}`
  await page.route('**/v1/availability', (r) =>
    r.fulfill({
      status: 200,
      contentType: 'application/json',
      body: JSON.stringify({ agentsOnline: 1, queueLength: 0, open: true }),
    }),
  )
  await page.goto(`${baseUrl}/?locale=${locale}&user=${user}`)
  await page.getByTestId('help-entry').click()
  await shadow(page, '[data-entry=chat]').click()
  await shadow(page, '.chat[data-ready]').waitFor()
  const input = shadow(page, '.composer textarea')
  await input.fill('hello')
  await input.press('Enter')
  let id: string | undefined
  await expect
    .poll(async () => {
      const list = (await (
        await fetch(`${baseUrl}/v1/agent/conversations`, { headers: { 'X-Agent-Key': agentKey } })
      ).json()) as Array<{ id: string; userId: string }>
      id = list.find((c) => c.userId === user)?.id
      return id
    })
    .toBeDefined()
  for (const text of texts) {
    const r = await fetch(`${baseUrl}/v1/agent/conversations/${id}/messages`, {
      method: 'POST',
      headers: { 'X-Agent-Key': agentKey, 'Content-Type': 'application/json' },
      body: JSON.stringify({ text }),
    })
    expect(r.status).toBe(201)
  }
  const read = () =>
    page.evaluate(() =>
      [
        ...document.querySelector('[data-help-feedback]')!.shadowRoot!.querySelectorAll('[data-row]:not([data-event])'),
      ].map((r) => ({
        text: r.querySelector('.text')?.textContent ?? '',
        warned: !!r.querySelector('.warn[role=note]'),
      })),
    )
  await expect
    .poll(
      async () => {
        const rows = await read()
        return texts.every((t) => rows.some((r) => r.text === t))
      },
      { timeout: 15_000 },
    )
    .toBe(true)
  const rows = await read()
  return Object.fromEntries(texts.map((t) => [t, rows.find((r) => r.text === t)!.warned]))
}
