import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createSupportClient } from '../../../src/client.js'
import { ServerError, TimeoutError, UnauthorizedError } from '../../../src/errors/index.js'
import type { Session, TicketInput, UserIdentity } from '../../../src/types.js'
import { newTicket, ticketInput } from '../../support/fixtures.js'
import { stubTransport } from '../../support/transport.js'

const input = ticketInput

/**
 * A backend that refuses writes (401) until the user is signed in, and answers 503 to a report
 * whose subject is "busy". Its first sign-in times out.
 */
function backend() {
  let signedIn = false
  let failSignIn = true
  let onSignIn: ((user: UserIdentity, session: Session) => void) | undefined
  const keys: Array<[string, string]> = []
  const createTicket = vi.fn(async (i: TicketInput, opts?: { idempotencyKey?: string }) => {
    keys.push([i.subject, opts?.idempotencyKey ?? ''])
    if (i.subject === 'busy') throw new ServerError(503)
    if (!signedIn) throw new UnauthorizedError('no session')
    return newTicket(i)
  })
  const transport = stubTransport({
    capabilities: { tickets: true },
    identify: async (u) => {
      if (failSignIn) throw new TimeoutError()
      signedIn = true
      return { userId: u.id }
    },
    createTicket,
    onSignIn: (listener) => {
      onSignIn = listener
      return () => (onSignIn = undefined)
    },
  })
  return {
    transport,
    keys,
    attempts: (subject: string) => keys.filter(([s]) => s === subject).length,
    allowSignIn: () => (failSignIn = false),
    /** The transport signs the user in by itself (its next request found no session). */
    signInByItself(user: UserIdentity) {
      signedIn = true
      onSignIn?.(user, { userId: user.id })
    },
  }
}

beforeEach(() => {
  vi.useFakeTimers()
  // A first failure waits 0.99 s: a report sent within that was sent because of the sign-in.
  vi.spyOn(Math, 'random').mockReturnValue(0.99)
})
afterEach(() => {
  vi.useRealTimers()
  vi.restoreAllMocks()
})

/** Alice's first sign-in times out; her reports are refused 401 (one) and 503 (busy). */
async function refusedWhileSignedOut(b: ReturnType<typeof backend>) {
  const client = createSupportClient({ transport: b.transport, user: { id: 'alice' } })
  await vi.advanceTimersByTimeAsync(0)
  expect(client.store.getState().session.status).toBe('error')
  const { outbox } = await client.services()
  const id = await outbox.enqueue('ticket', { input: input('refund missing') })
  await outbox.enqueue('ticket', { input: input('busy') })
  await vi.advanceTimersByTimeAsync(0)
  expect(b.attempts('refund missing')).toBe(1)
  expect(b.attempts('busy')).toBe(1)
  expect((await outbox.list()).find((j) => j.id === id)).toMatchObject({
    state: 'failed_retryable',
    lastError: { code: 'unauthorized' },
  })
  await vi.advanceTimersByTimeAsync(10)
  return { client, outbox, id }
}

describe('a sign-in that succeeds sends the reports refused for want of a session at once', () => {
  it("the host's identify() resolving", async () => {
    const b = backend()
    const { client, outbox, id } = await refusedWhileSignedOut(b)

    b.allowSignIn()
    await client.identify({ id: 'alice' })
    expect(client.store.getState().session.status).toBe('ready')
    await vi.advanceTimersByTimeAsync(0)
    expect(b.attempts('refund missing')).toBe(2)
    expect(new Set(b.keys.filter(([s]) => s === 'refund missing').map(([, k]) => k)).size).toBe(1)
    expect((await outbox.list()).map((j) => j.id)).not.toContain(id)
    // The one in 5xx backoff keeps it.
    expect(b.attempts('busy')).toBe(1)
    client.destroy()
  })

  it("the transport's own sign-in (Transport.onSignIn)", async () => {
    const b = backend()
    const { client, outbox, id } = await refusedWhileSignedOut(b)

    b.signInByItself({ id: 'alice' })
    expect(client.store.getState().session.status).toBe('ready')
    await vi.advanceTimersByTimeAsync(0)
    expect(b.attempts('refund missing')).toBe(2)
    expect((await outbox.list()).map((j) => j.id)).not.toContain(id)
    expect(b.attempts('busy')).toBe(1)
    client.destroy()
  })

  it('opens no storage for it when nothing used the outbox', async () => {
    const b = backend()
    const open = vi.fn(() => {
      throw new Error('storage opened')
    })
    vi.stubGlobal('indexedDB', { open })
    const client = createSupportClient({ transport: b.transport, user: { id: 'alice' } })
    await vi.advanceTimersByTimeAsync(0)
    b.allowSignIn()
    await client.identify({ id: 'alice' })
    await vi.advanceTimersByTimeAsync(0)
    expect(client.store.getState().session.status).toBe('ready')
    expect(open).not.toHaveBeenCalled()
    client.destroy()
    vi.unstubAllGlobals()
  })
})
