import { expect, inject } from 'vitest'

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
