import { afterEach, describe, expect, it, vi } from 'vitest'
import { createSupportClient, type SupportClient } from '../../../src/client.js'
import type { ChatEvent, TicketDetail } from '../../../src/types.js'
import { sampleTicket } from '../../support/fakeTransport.js'
import { stubTransport } from '../../support/transport.js'

const ALICE = sampleTicket({ id: 'tk_alice', reference: 'HF-2026-000001', subject: 'Alice: rent refund' })
const BOB = sampleTicket({ id: 'tk_bob', reference: 'HF-2026-000002', subject: 'Bob: top-up missing' })

/**
 * A ticket backend that answers as the user its session belongs to when a request goes out
 * (a read sent for Alice returns Alice's tickets, whenever it arrives). `hold()` keeps the
 * next reads waiting until released, in any order.
 */
function perUserBackend(tickets: Record<string, TicketDetail[]> = { alice: [ALICE], bob: [BOB] }) {
  let who: string | undefined
  let holding = false
  // While set, a sign-in waits for it before the backend's session becomes the new user's.
  let signIn: Promise<void> | undefined
  const held: Array<{ user: string | undefined; release(): void }> = []
  const listeners = new Set<(e: ChatEvent) => void>()
  const answer = async <T>(user: string | undefined, value: () => T): Promise<T> => {
    if (holding) await new Promise<void>((release) => held.push({ user, release }))
    return value()
  }
  const transport = stubTransport({
    capabilities: { tickets: true, realtime: true },
    identify: async (u) => {
      await signIn
      who = u.id
      return { userId: u.id }
    },
    signOut: () => void (who = undefined),
    listTickets: () => {
      const user = who
      return answer(user, () => structuredClone(tickets[user ?? ''] ?? []))
    },
    getTicket: (id) => {
      const user = who
      return answer(user, () => {
        const t = tickets[user ?? '']?.find((x) => x.id === id)
        if (!t) throw new Error('not found')
        return structuredClone(t)
      })
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => void listeners.delete(listener)
    },
  })
  return {
    transport,
    hold: () => void (holding = true),
    /** Keeps the next sign-ins waiting (the previous user's session stays) until the call returned. */
    holdSignIn() {
      let release!: () => void
      signIn = new Promise<void>((r) => (release = r))
      return () => {
        signIn = undefined
        release()
      }
    },
    /** Releases the held read made for `user`. */
    release(user: string) {
      const i = held.findIndex((h) => h.user === user)
      expect(i).toBeGreaterThanOrEqual(0)
      held.splice(i, 1)[0]!.release()
    },
    heldFor: () => held.map((h) => h.user),
    emit: (e: ChatEvent) => listeners.forEach((l) => l(e)),
  }
}

const clients: SupportClient[] = []
afterEach(() => {
  for (const c of clients.splice(0)) c.destroy()
})

async function aliceList() {
  const backend = perUserBackend()
  const client = createSupportClient({ transport: backend.transport, locale: 'en', user: { id: 'alice' } })
  clients.push(client)
  const list = client.requests.list()
  await vi.waitFor(() => expect(list.store.getState().tickets.map((t) => t.id)).toEqual(['tk_alice']))
  return { backend, client, list }
}

const ids = (list: { store: { getState(): { tickets: Array<{ id: string }> } } }) =>
  list.store.getState().tickets.map((t) => t.id)

describe('a headless requests.list() across identify()/reset()', () => {
  it("is emptied the moment another user signs in, then shows that user's requests", async () => {
    const { client, list } = await aliceList()
    const signedIn = client.identify({ id: 'bob' })
    expect(list.store.getState()).toMatchObject({ status: 'loading', tickets: [] })
    await signedIn
    await vi.waitFor(() => expect(ids(list)).toEqual(['tk_bob']))
    list.dispose()
  })

  it("is emptied at sign-out, and its read after it is not sent with the previous user's session", async () => {
    const { client, list } = await aliceList()
    // What the list shows from the moment the session is gone (the store changes first).
    const after: string[][] = []
    client.store.subscribe((s) => s.session.user === undefined && after.push(ids(list)))
    list.store.subscribe(() => client.store.getState().session.user === undefined && after.push(ids(list)))
    await client.logout()
    await vi.waitFor(() => expect(list.store.getState().status).toBe('ready'))
    expect(after.length).toBeGreaterThan(0)
    expect(after.flat()).toEqual([])
    list.dispose()
  })

  it('drops a read sent for the previous user that answers after the switch, whatever the order', async () => {
    const { backend, client, list } = await aliceList()
    backend.hold()
    const refreshed = list.refresh()
    await vi.waitFor(() => expect(backend.heldFor()).toEqual(['alice']))
    await client.identify({ id: 'bob' })
    await vi.waitFor(() => expect(backend.heldFor()).toEqual(['alice', 'bob']))

    // Bob's read answers first, Alice's late one after it: Bob's list stays.
    backend.release('bob')
    await vi.waitFor(() => expect(ids(list)).toEqual(['tk_bob']))
    backend.release('alice')
    await refreshed
    expect(ids(list)).toEqual(['tk_bob'])
    list.dispose()
  })

  it("never shows the previous user's list when their read answers before the new one's", async () => {
    const { backend, client, list } = await aliceList()
    backend.hold()
    const refreshed = list.refresh()
    await vi.waitFor(() => expect(backend.heldFor()).toEqual(['alice']))
    const seen: string[][] = []
    list.store.subscribe(() => seen.push(ids(list)))
    await client.identify({ id: 'bob' })
    backend.release('alice')
    await refreshed
    await vi.waitFor(() => expect(backend.heldFor()).toEqual(['bob']))
    backend.release('bob')
    await vi.waitFor(() => expect(ids(list)).toEqual(['tk_bob']))
    expect(seen.flat()).not.toContain('tk_alice')
    list.dispose()
  })

  it("ignores ticket events while the next user's sign-in is under way", async () => {
    const { backend, client, list } = await aliceList()
    backend.hold()
    const signedIn = client.identify({ id: 'bob' })
    // The previous user's stream is still open until the new session is there.
    backend.emit({ type: 'ticket', ticket: { ...ALICE, status: 'solved', updatedAt: '2026-11-23T10:00:00Z' } })
    expect(ids(list)).toEqual([])
    await signedIn
    await vi.waitFor(() => expect(backend.heldFor()).toEqual(['bob']))
    backend.release('bob')
    await vi.waitFor(() => expect(ids(list)).toEqual(['tk_bob']))
    list.dispose()
  })

  it("a request's detail forgets the previous user's ticket at the switch", async () => {
    const { client } = await aliceList()
    const detail = client.requests.detail('tk_alice')
    await vi.waitFor(() => expect(detail.store.getState().ticket?.id).toBe('tk_alice'))
    const signedIn = client.identify({ id: 'bob' })
    expect(detail.store.getState().ticket).toBeUndefined()
    await signedIn
    await vi.waitFor(() => expect(detail.store.getState().status).toBe('error'))
    expect(detail.store.getState().ticket).toBeUndefined()
    detail.dispose()
  })
})

describe('requests.openCount() across identify()/logout()', () => {
  const solved = (id: string) => sampleTicket({ id, status: 'solved' })
  /** Alice has one open request, Bob three: a count says whose it is. */
  function aliceClient() {
    const backend = perUserBackend({
      alice: [ALICE, solved('tk_alice_old')],
      bob: [BOB, sampleTicket({ id: 'tk_bob_2' }), sampleTicket({ id: 'tk_bob_3', status: 'pending' })],
    })
    const client = createSupportClient({ transport: backend.transport, locale: 'en', user: { id: 'alice' } })
    clients.push(client)
    return { backend, client }
  }
  async function alice() {
    const { backend, client } = aliceClient()
    await vi.waitFor(() => expect(client.store.getState().session.status).toBe('ready'))
    expect(await client.requests.openCount()).toBe(1)
    return { backend, client }
  }

  it("asked as the client starts (its sign-in under way), is the user's count; after a switch the new user's", async () => {
    const { client } = aliceClient()
    expect(client.store.getState().session.status).toBe('identifying')
    expect(await client.requests.openCount()).toBe(1)
    await client.identify({ id: 'bob' })
    expect(await client.requests.openCount()).toBe(3)
  })

  it("drops the previous user's count when another user signs in while it is read", async () => {
    const { backend, client } = await alice()
    backend.hold()
    const count = client.requests.openCount()
    await vi.waitFor(() => expect(backend.heldFor()).toEqual(['alice']))
    await client.identify({ id: 'bob' })
    backend.release('alice')
    // Alice's 1 is no one's count now: Bob is signed in.
    expect(await count).toBeUndefined()
  })

  it('drops it when the user signs out while it is read', async () => {
    const { backend, client } = await alice()
    backend.hold()
    const count = client.requests.openCount()
    await vi.waitFor(() => expect(backend.heldFor()).toEqual(['alice']))
    await client.logout()
    backend.release('alice')
    expect(await count).toBeUndefined()
  })

  it("asked during a sign-in, waits for it: the new user's count, not the previous session's", async () => {
    const { backend, client } = await alice()
    const release = backend.holdSignIn()
    const signedIn = client.identify({ id: 'bob' })
    // The store says Bob; the backend's session is still Alice's.
    expect(client.store.getState().session).toMatchObject({ user: { id: 'bob' }, status: 'identifying' })
    backend.hold()
    const count = client.requests.openCount()
    // Nothing is read with the previous session meanwhile (a macrotask: every pending step has run).
    await new Promise((r) => setTimeout(r, 0))
    expect(backend.heldFor()).toEqual([])
    release()
    await signedIn
    await vi.waitFor(() => expect(backend.heldFor()).toEqual(['bob']))
    backend.release('bob')
    expect(await count).toBe(3)
  })
})
