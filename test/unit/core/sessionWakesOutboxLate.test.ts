import 'fake-indexeddb/auto'
import { describe, expect, it, vi } from 'vitest'
import { createSupportClient } from '../../../src/client.js'
import { TimeoutError, UnauthorizedError } from '../../../src/errors/index.js'
import type { HelpFeedbackEvent } from '../../../src/events.js'
import type { Session, UserIdentity } from '../../../src/types.js'
import { newTicket, ticketInput } from '../../support/fixtures.js'
import { stubTransport } from '../../support/transport.js'
import { outboxClock } from '../../support/outboxClock.js'

const input = ticketInput('refund missing')

/**
 * A backend that refuses writes (401) while the user has no session. Its sign-ins answer as
 * `signIn` says: time out, succeed, or wait until `answer()`.
 */
function backend() {
  let session = false
  let signIn: 'fail' | 'ok' | 'hold' = 'fail'
  let answer = () => {}
  let onSignIn: ((user: UserIdentity, session: Session) => void) | undefined
  let sent = 0
  const transport = () =>
    stubTransport({
      capabilities: { tickets: true },
      identify: async (u) => {
        if (signIn === 'fail') throw new TimeoutError()
        if (signIn === 'hold') await new Promise<void>((resolve) => (answer = resolve))
        session = true
        return { userId: u.id }
      },
      createTicket: async (i) => {
        sent++
        if (!session) throw new UnauthorizedError('no session')
        return newTicket(i)
      },
      onSignIn: (listener) => {
        onSignIn = listener
        return () => (onSignIn = undefined)
      },
    })
  return {
    transport,
    attempts: () => sent,
    signIns: (how: typeof signIn) => (signIn = how),
    answer: () => answer(),
    /** The session expired and its renewal failed: writes are refused, the client is not told. */
    expire: () => (session = false),
    /** The transport signs the user in by itself (its next request found no session). */
    signInByItself(user: UserIdentity) {
      session = true
      onSignIn?.(user, { userId: user.id })
    },
  }
}

const { settle } = outboxClock()

/** An earlier page: alice's sign-in timed out and her report was refused 401; it is stored. */
async function earlierPage(b: ReturnType<typeof backend>) {
  const page = createSupportClient({ transport: b.transport(), user: { id: 'alice' } })
  await settle()
  expect(page.store.getState().session.status).toBe('error')
  const { outbox } = await page.services()
  await outbox.enqueue('ticket', { input })
  await settle()
  expect(b.attempts()).toBe(1)
  expect(await outbox.list()).toMatchObject([{ state: 'failed_retryable', lastError: { code: 'unauthorized' } }])
  page.destroy()
  await settle()
}

describe('services that start once the session is ready send what was refused for want of it at once', () => {
  it('a reload: the sign-in succeeds at start, storage opens later', async () => {
    const b = backend()
    await earlierPage(b)

    b.signIns('ok')
    const client = createSupportClient({ transport: b.transport(), user: { id: 'alice' } })
    await settle()
    expect(client.store.getState().session.status).toBe('ready')
    const { outbox } = await client.services()
    await settle()
    expect(b.attempts()).toBe(2)
    expect(await outbox.list()).toEqual([])
    client.destroy()
  })

  it('the sign-in succeeds while storage is still opening', async () => {
    const b = backend()
    await earlierPage(b)

    b.signIns('hold')
    const client = createSupportClient({ transport: b.transport(), user: { id: 'alice' } })
    await vi.advanceTimersByTimeAsync(0)
    const services = client.services()
    b.answer()
    await vi.advanceTimersByTimeAsync(0)
    expect(client.store.getState().session.status).toBe('ready')
    const { outbox } = await services
    await settle()
    expect(b.attempts()).toBe(2)
    expect(await outbox.list()).toEqual([])
    client.destroy()
  })

  it('not while the session is not ready (the sign-in still failing)', async () => {
    const b = backend()
    await earlierPage(b)

    const client = createSupportClient({ transport: b.transport(), user: { id: 'alice' } })
    await settle()
    expect(client.store.getState().session.status).toBe('error')
    const { outbox } = await client.services()
    await settle()
    expect(b.attempts()).toBe(1)
    expect(await outbox.list()).toHaveLength(1)
    client.destroy()
  })
})

describe("the transport's own sign-in while the session is ready", () => {
  it('sends what was refused 401 meanwhile at once, telling the host nothing new', async () => {
    const b = backend()
    b.signIns('ok')
    const events: HelpFeedbackEvent[] = []
    const client = createSupportClient({
      transport: b.transport(),
      user: { id: 'alice' },
      onEvent: (e) => events.push(e),
    })
    await settle()
    expect(client.store.getState().session.status).toBe('ready')
    const { outbox } = await client.services()

    // The token's renewal failed: the report is refused, the session still says ready.
    b.expire()
    await outbox.enqueue('ticket', { input })
    await settle()
    expect(b.attempts()).toBe(1)
    expect(await outbox.list()).toMatchObject([{ state: 'failed_retryable', lastError: { code: 'unauthorized' } }])
    expect(client.store.getState().session.status).toBe('ready')

    b.signInByItself({ id: 'alice' })
    await settle()
    expect(b.attempts()).toBe(2)
    expect(await outbox.list()).toEqual([])
    expect(events.filter((e) => e.type === 'session:identify')).toHaveLength(1)
    client.destroy()
  })
})
