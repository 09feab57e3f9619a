import type { Page } from 'playwright-core'
import { shadow } from './host.js'

/** The chat's message rows in the panel (events left out): their text and `data-state`. */
export const chatRows = (page: Page) =>
  page.evaluate(() =>
    [
      ...document.querySelector('[data-help-feedback]')!.shadowRoot!.querySelectorAll('[data-row]:not([data-event])'),
    ].map((r) => ({ text: r.querySelector('.text')?.textContent ?? '', state: r.getAttribute('data-state') })),
  )

/**
 * What the agent sees: a reader of every message `userId` wrote, over all their conversations,
 * through the reference server's agent API.
 */
export const agentInbox =
  (baseUrl: string, agentKey: string) =>
  async (userId: string): Promise<string[]> => {
    const h = { headers: { 'X-Agent-Key': agentKey } }
    const list = (await (await fetch(`${baseUrl}/v1/agent/conversations`, h)).json()) as Array<{
      id: string
      userId: string
    }>
    const out: string[] = []
    for (const c of list.filter((x) => x.userId === userId)) {
      const d = (await (await fetch(`${baseUrl}/v1/agent/conversations/${c.id}`, h)).json()) as {
        messages: Array<{ author: string; text: string }>
      }
      for (const m of d.messages) if (m.author === 'user') out.push(m.text)
    }
    return out
  }

/** Support answers "open, one agent online" whatever the server's hours say. */
export const agentsOnline = (page: Page) =>
  page.route('**/v1/availability', (r) =>
    r.fulfill({
      status: 200,
      contentType: 'application/json',
      body: JSON.stringify({ agentsOnline: 1, queueLength: 0, open: true }),
    }),
  )

/** The demo page as `user`, the panel opened from the app's entry, on a chat ready to type in. */
export async function openChat(page: Page, baseUrl: string, user: string): Promise<void> {
  await page.goto(`${baseUrl}/?locale=en&user=${user}`)
  await page.getByTestId('help-entry').click()
  await shadow(page, '[data-entry=chat]').click()
  await shadow(page, '.chat[data-ready]').waitFor()
}
