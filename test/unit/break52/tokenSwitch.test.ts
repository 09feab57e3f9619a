/**
 * Alice's sign-in with the host broke: her token callback no longer answers, and her report waits
 * for it (her session is due for renewal, or the server revoked it: a 401 and a refresh). Bob
 * signs in on the same device and sends a report: it goes out at once, not once Alice's token
 * has timed out (the switch aborted her job in flight; the outbox sends one job at a time).
 */
import 'fake-indexeddb/auto'
import { IDBFactory } from 'fake-indexeddb'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createSupportClient } from '../../../src/client.js'
import { startValues, submitReport } from '../../../src/reports/flow.js'
import { restTransport } from '../../../src/transports/rest.js'
import { TX } from '../../support/fixtures.js'

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory()
})

const CATEGORY = 'charged_not_received'
const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })

describe("a user switch while the previous user's token is pending", () => {
  it.each(['renewal', 'revoked'] as const)("the next user's report is sent at once (%s)", async (how) => {
    const tickets: Array<{ bearer: string | null; at: number }> = []
    let host = 'alice'
    let aliceAsked = 0
    const rest = restTransport({
      baseUrl: 'https://api.test',
      timeoutMs: 8000,
      retries: 0,
      fetch: async (input, init) => {
        const url = String(input)
        const bearer = new Headers(init?.headers).get('Authorization')
        if (url.endsWith('/v1/identify')) {
          const { userId } = JSON.parse(String(init?.body)) as { userId: string }
          // 'renewal': a session that is already due, so each request signs in again.
          const expiresAt = new Date(Date.now() + (how === 'renewal' ? 1000 : 3_600_000)).toISOString()
          return json({ userId, token: `bearer-of-${userId}`, expiresAt })
        }
        if (bearer === 'Bearer bearer-of-alice' && how === 'revoked')
          return json({ error: { code: 'unauthorized', message: 'revoked' } }, 401)
        if (url.endsWith('/v1/tickets') && init?.method === 'POST') {
          tickets.push({ bearer, at: Date.now() })
          const now = new Date().toISOString()
          const n = tickets.length
          return json({
            id: `t${n}`,
            reference: `HF-${n}`,
            priority: 'normal',
            subject: 's',
            category: CATEGORY,
            status: 'open',
            createdAt: now,
            updatedAt: now,
          })
        }
        return json([])
      },
      // Alice's first token comes; after that her host's sign-in hangs. Bob's come.
      getUserToken: () =>
        host === 'alice' && aliceAsked++ > 0 ? new Promise<string>(() => {}) : Promise.resolve(`jwt-${host}`),
    })
    const client = createSupportClient({ transport: rest, locale: 'en' })
    await client.identify({ id: 'alice' })
    const values = { ...startValues(CATEGORY, TX, undefined), description: 'My payment never arrived, please check.' }
    // Not awaited: it answers "queued" once its wait for an outcome is over.
    void submitReport(client, { category: CATEGORY, values, transaction: TX })
    await vi.waitFor(() => expect(aliceAsked).toBe(2))

    host = 'bob'
    await client.identify({ id: 'bob' })
    const start = Date.now()
    await submitReport(client, { category: CATEGORY, values, transaction: TX })
    await vi.waitFor(() => expect(tickets).toHaveLength(1), { timeout: 10_000 })
    expect(tickets[0]!.bearer).toBe('Bearer bearer-of-bob')
    expect(tickets[0]!.at - start).toBeLessThan(2000)
    client.destroy()
  })
})
