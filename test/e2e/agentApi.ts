import { expect, inject } from 'vitest'
import type { Page } from 'playwright-core'

/** A ticket as the agent API lists it (the fields these tests read). */
export type AgentTicket = { id: string; userId: string; category: string }

/** GET from the reference server's agent API (`/v1/agent…`, what the support console reads). */
export async function agentGet<T>(path: string, base: string = inject('baseUrl')): Promise<T> {
  const res = await fetch(`${base}/v1/agent${path}`, { headers: { 'X-Agent-Key': inject('agentKey') } })
  expect(res.ok).toBe(true)
  return (await res.json()) as T
}

/** One user's tickets, as the agent sees them. */
export async function ticketsOf(userId: string, base?: string): Promise<AgentTicket[]> {
  return (await agentGet<AgentTicket[]>('/tickets', base)).filter((t) => t.userId === userId)
}

type NewTicket = { subject: string; category?: string; description?: string }

/**
 * Files tickets, in order, as the user signed in on `page` (the wallet demo, through its SDK
 * transport, with a fresh idempotency key each); their ids. The description defaults to one
 * naming the subject.
 */
export async function fileTickets<const T extends readonly NewTicket[]>(
  page: Page,
  tickets: T,
): Promise<{ [K in keyof T]: string }> {
  const ids = await page.evaluate(
    async (list: NewTicket[]) => {
      type Transport = { createTicket(input: unknown, options: unknown): Promise<{ id: string }> }
      const help = (window as unknown as { help: { client(): Promise<{ transport(): Promise<Transport> }> } }).help
      const transport = await (await help.client()).transport()
      const ids: string[] = []
      for (const t of list) {
        const created = await transport.createTicket(
          {
            category: t.category ?? 'transfer_delayed',
            subject: t.subject,
            description: t.description ?? `${t.subject}: the transfer has not arrived`,
            fields: {},
            attachments: [],
            priority: 'normal',
            locale: 'en',
          },
          { idempotencyKey: crypto.randomUUID() },
        )
        ids.push(created.id)
      }
      return ids
    },
    [...tickets],
  )
  return ids as unknown as { [K in keyof T]: string }
}
