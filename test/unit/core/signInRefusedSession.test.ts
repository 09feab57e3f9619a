/**
 * The session said `ready`, but the REST transport's own sign-in (after a 401) was refused 422
 * each time: the report was retried every 5 minutes for ever, shown as "Your session has
 * expired", and the client still said ready. Now the session leaves ready (error, with a clear
 * message for the host, told once), and the report stays stored, retried on its backoff, and goes
 * at once when a sign-in succeeds. A refusal that comes back after another sign-in succeeded
 * changes nothing (test/unit/brk55/staleRefusal.test.ts).
 * Also: the transport's own sign-in while ready puts its new session in the store.
 */
import 'fake-indexeddb/auto'
import { describe, expect, it, vi } from 'vitest'
import { createSupportClient } from '../../../src/client.js'
import type { HelpFeedbackEvent } from '../../../src/events.js'
import { restTransport } from '../../../src/transports/rest.js'
import type { Session, UserIdentity } from '../../../src/types.js'
import { ticketInput, wireTicket } from '../../support/fixtures.js'
import { jsonResponse } from '../../support/restBackend.js'
import { stubTransport } from '../../support/transport.js'
import { outboxClock } from '../../support/outboxClock.js'

const input = ticketInput('refund missing')
const TICKET = wireTicket

/** A REST backend: identify answers a token, or 422 while `refuse`; a ticket needs the last token given. */
function backend() {
  const state = { refuse: false, token: 0, valid: '' }
  const calls: string[] = []
  const transport = restTransport({
    baseUrl: 'https://api.test',
    retries: 0,
    fetch: async (req, init) => {
      const url = String(req instanceof Request ? req.url : req).replace('https://api.test', '')
      calls.push(url)
      if (url === '/v1/identify') {
        if (state.refuse) return jsonResponse({ error: { code: 'invalid_body', message: 'no such user' } }, 422)
        state.valid = `tok${++state.token}`
        return jsonResponse({ userId: 'alice', token: state.valid })
      }
      if (new Headers(init?.headers).get('Authorization') !== `Bearer ${state.valid}`)
        return jsonResponse({ error: { code: 'unauthorized', message: 'expired' } }, 401)
      return jsonResponse(TICKET, 201)
    },
  })
  return {
    transport,
    state,
    tickets: () => calls.filter((c) => c === '/v1/tickets').length,
    signIns: () => calls.filter((c) => c === '/v1/identify').length,
  }
}

const { settle } = outboxClock()

describe("the transport's sign-in refused while the session is ready", () => {
  it('the session leaves ready, the host hears it once, the report keeps retrying and goes at once on the next sign-in', async () => {
    const b = backend()
    const events: HelpFeedbackEvent[] = []
    const client = createSupportClient({
      transport: b.transport,
      user: { id: 'alice' },
      onEvent: (e) => events.push(e),
    })
    await client.ready()
    await settle()
    expect(client.store.getState().session.status).toBe('ready')
    const { outbox } = await client.services()
    await settle()

    // The token expires and the server no longer takes alice's identity.
    b.state.valid = 'none'
    b.state.refuse = true
    await outbox.enqueue('ticket', { input })
    await settle()
    expect(b.tickets()).toBe(1)
    expect(client.store.getState().session).toMatchObject({ status: 'error', errorCode: 'unauthorized' })
    const errors = events.filter((e) => e.type === 'error')
    expect(errors).toEqual([{ type: 'error', code: 'unauthorized', message: client.t('report.signInRefused') }])
    expect(client.t('report.signInRefused')).not.toBe(client.t('error.unauthorized'))
    expect(client.t('report.signInRefused')).toMatch(/could not sign you in/)
    expect(await outbox.list()).toMatchObject([
      { state: 'failed_retryable', lastError: { code: 'unauthorized', signIn: 'refused' } },
    ])

    // It is tried again on its backoff (the server may take it later: each try asks for a sign-in
    // first), and the host is not told again each time: the session stays in error.
    const signIns = b.signIns()
    for (let i = 0; i < 12; i++) {
      await vi.advanceTimersByTimeAsync(300_000)
      await settle()
    }
    expect(b.signIns()).toBeGreaterThan(signIns + 5)
    expect(client.store.getState().session).toMatchObject({ status: 'error', errorCode: 'unauthorized' })
    expect(events.filter((e) => e.type === 'error')).toHaveLength(1)
    expect(await outbox.list()).toHaveLength(1)
    const tried = b.tickets()

    // The host signs alice in again, and the server takes it: the report goes at once, once.
    b.state.refuse = false
    await client.identify({ id: 'alice' })
    await settle()
    expect(client.store.getState().session.status).toBe('ready')
    expect(b.tickets()).toBe(tried + 1)
    expect(await outbox.list()).toEqual([])
    expect(events.filter((e) => e.type === 'report:sent')).toHaveLength(1)
    client.destroy()
  })
})

describe("the transport's own sign-in while the session is ready", () => {
  it('puts the new session in the store, telling the host nothing new', async () => {
    let onSignIn: ((user: UserIdentity, session: Session) => void) | undefined
    const first: Session = { userId: 'alice', token: 'a', expiresAt: '2026-01-01T00:00:00.000Z' }
    const renewed: Session = { userId: 'alice', token: 'b', expiresAt: '2026-01-01T01:00:00.000Z' }
    const events: HelpFeedbackEvent[] = []
    const client = createSupportClient({
      transport: stubTransport({
        identify: async () => first,
        onSignIn: (listener) => {
          onSignIn = listener
          return () => (onSignIn = undefined)
        },
      }),
      user: { id: 'alice' },
      onEvent: (e) => events.push(e),
    })
    await settle()
    expect(client.store.getState().session).toMatchObject({ status: 'ready', session: first })

    onSignIn?.({ id: 'alice' }, renewed)
    expect(client.store.getState().session).toMatchObject({ status: 'ready', session: renewed })
    expect(events.filter((e) => e.type === 'session:identify')).toHaveLength(1)
    client.destroy()
  })
})
