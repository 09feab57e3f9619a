import 'fake-indexeddb/auto'
import { IDBFactory } from 'fake-indexeddb'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createSupportClient, type SupportClient } from '../../../src/client.js'
import type { Session, UserIdentity } from '../../../src/types.js'
import { stubTransport } from '../../support/transport.js'

/**
 * Sign-ins and sign-outs run one after another. A call superseded while it still waits in that
 * queue must not run later (a sign-in nobody wants any more, which may never answer), and
 * destroy() must not leave the host's awaited calls pending for ever.
 */
beforeEach(() => {
  globalThis.indexedDB = new IDBFactory()
})
const clients: SupportClient[] = []
afterEach(() => {
  for (const c of clients.splice(0)) c.destroy()
})

/** Lets promise callbacks run until `ok` holds; false if it never does. */
async function until(ok: () => boolean) {
  for (let i = 0; i < 200 && !ok(); i++) await new Promise((r) => setTimeout(r, 0))
  return ok()
}

/** A backend whose identify answers only when told to (never, unless aborted and honouring it). */
function heldBackend(honourAbort: boolean) {
  const log: string[] = []
  const answers: Record<string, () => void> = {}
  const transport = stubTransport({
    identify: (u: UserIdentity, signal?: AbortSignal) =>
      new Promise<Session>((resolve, reject) => {
        log.push(`identify ${u.id}`)
        answers[u.id] = () => resolve({ userId: u.id })
        if (honourAbort)
          signal?.addEventListener('abort', () => {
            if (!answers[u.id]) return
            delete answers[u.id]
            log.push(`aborted ${u.id}`)
            reject(signal.reason)
          })
      }),
    signOut: () => void log.push('signOut'),
  })
  const answer = async (user: string) => {
    await until(() => !!answers[user])
    const a = answers[user]!
    delete answers[user]
    a()
  }
  return { transport, log, answer }
}

async function signedInAsA(backend: ReturnType<typeof heldBackend>, events: string[] = []) {
  const client = createSupportClient({
    transport: backend.transport,
    locale: 'en',
    onEvent: (e) => {
      if (e.type === 'session:identify') events.push(`identify ${e.userId}`)
      if (e.type === 'session:logout') events.push('logout')
    },
  })
  clients.push(client)
  const inA = client.identify({ id: 'A' })
  await backend.answer('A')
  await inA
  backend.log.length = 0
  events.length = 0
  return client
}

describe('a call superseded while queued', () => {
  it('identify(B); identify(C); logout(): C never reaches the transport and the sign-out settles', async () => {
    const backend = heldBackend(true)
    const events: string[] = []
    const client = await signedInAsA(backend, events)
    const settled: string[] = []
    void client.identify({ id: 'B' }).then(() => settled.push('B'))
    // B's sign-in is under way (waiting for the transport) when C is called: C waits its turn.
    void client.identify({ id: 'C' }).then(() => settled.push('C'))
    // Then the host signs out: C, queued, is no one's sign-in now.
    void client.logout().then(() => settled.push('logout'))
    expect(await until(() => settled.length === 3)).toBe(true)
    expect(settled).toEqual(['B', 'C', 'logout'])
    expect(backend.log).not.toContain('identify C')
    expect(backend.log.at(-1)).toBe('signOut')
    expect(events).toEqual(['logout'])
    expect(client.store.getState().session).toMatchObject({ user: undefined, status: 'anonymous' })
  })

  it('identify(B); identify(C); identify(A) ends as A without a sign-in for C', async () => {
    const backend = heldBackend(true)
    const events: string[] = []
    const client = await signedInAsA(backend, events)
    const calls = [client.identify({ id: 'B' }), client.identify({ id: 'C' }), client.identify({ id: 'A' })]
    await backend.answer('A')
    await Promise.all(calls)
    expect(backend.log.filter((l) => l.startsWith('identify'))).toEqual(['identify A'])
    expect(events).toEqual(['identify A'])
    expect(client.store.getState().session).toMatchObject({ user: { id: 'A' }, status: 'ready' })
  })
})

describe('destroy()', () => {
  it('settles a sign-in waiting for its answer and one queued behind it', async () => {
    const backend = heldBackend(true)
    const client = createSupportClient({ transport: backend.transport, locale: 'en' })
    let settled = 0
    void client.identify({ id: 'A' }).finally(() => settled++)
    void client.identify({ id: 'B' }).finally(() => settled++)
    await until(() => backend.log.includes('identify B'))
    client.destroy()
    expect(await until(() => settled === 2)).toBe(true)
  })
})

describe("another user's identify() while a sign-in is under way", () => {
  it("leaves the previous user's views at once, as logout() does", async () => {
    // A transport that ignores aborts: A's sign-in (a refresh) stays under way until it answers.
    const backend = heldBackend(false)
    const client = await signedInAsA(backend)
    client.open('chat')
    void client.identify({ id: 'A' })
    await until(() => backend.log.includes('identify A'))
    const inB = client.identify({ id: 'B' })
    // B waits for A's answer; the panel must not keep showing A's chat to B meanwhile.
    expect(client.store.getState().ui.view).toBe('home')
    await backend.answer('A')
    await backend.answer('B')
    await inB
    expect(client.store.getState().session).toMatchObject({ user: { id: 'B' }, status: 'ready' })
  })

  it('keeps the view for the same user, and for a first sign-in', async () => {
    const backend = heldBackend(false)
    const client = createSupportClient({ transport: backend.transport, locale: 'en' })
    clients.push(client)
    client.open('chat')
    const inA = client.identify({ id: 'A' })
    await backend.answer('A')
    await inA
    const again = client.identify({ id: 'A' })
    expect(client.store.getState().ui.view).toBe('chat')
    await backend.answer('A')
    await again
  })
})
