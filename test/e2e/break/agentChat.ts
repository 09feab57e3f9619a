import type { Page } from 'playwright-core'

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
