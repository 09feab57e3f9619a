import { describe, expect, it } from 'vitest'
import { createSupportClient } from '../../../src/client.js'
import { memoryTransport } from '../../../src/transports/memory.js'
import type { Transport } from '../../../src/transports/types.js'
import type { Session, TicketInput, UserIdentity } from '../../../src/types.js'
import { devicePerTest } from '../../support/device.js'
import { stubTransport } from '../../support/transport.js'

/**
 * The host calls identify() and logout() as its own sign-in state changes, often without
 * awaiting them. Whatever the answers' timing, the calls take effect in the order they were
 * made, in the client and in the transport.
 */
const clients = devicePerTest()

/**
 * A backend whose identify answers only when the test says so (or never, when it honours an
 * abort), and that records which user it serves: the one whose identify answered last, none
 * after a sign-out.
 */
function heldTransport(opts: { honourAbort: boolean }) {
  const log: string[] = []
  const held: Array<{ user: string; answer(): void }> = []
  let current: string | undefined
  const transport: Transport = stubTransport({
    capabilities: { tickets: true },
    identify: (u: UserIdentity, signal?: AbortSignal) =>
      new Promise<Session>((resolve, reject) => {
        log.push(`identify ${u.id}`)
        const entry = {
          user: u.id,
          answer: () => {
            current = u.id
            log.push(`answered ${u.id}`)
            resolve({ userId: u.id, token: u.id })
          },
        }
        held.push(entry)
        if (opts.honourAbort)
          signal?.addEventListener('abort', () => {
            const i = held.indexOf(entry)
            if (i < 0) return
            held.splice(i, 1)
            log.push(`aborted ${u.id}`)
            reject(signal.reason)
          })
      }),
    signOut: () => {
      current = undefined
      log.push('signOut')
    },
  })
  /** Answers the oldest identify still held for that user. */
  const answer = async (user: string) => {
    await until(() => held.some((h) => h.user === user))
    const i = held.findIndex((h) => h.user === user)
    held.splice(i, 1)[0]!.answer()
  }
  return { transport, log, answer, current: () => current }
}

/** Lets promise callbacks (and fake IndexedDB's timers) run until `ok` holds. */
async function until(ok: () => boolean) {
  for (let i = 0; i < 500 && !ok(); i++) await new Promise((r) => setTimeout(r, 0))
  if (!ok()) throw new Error('condition never held')
}

async function signedInAs(backend: ReturnType<typeof heldTransport>, user: string) {
  const client = createSupportClient({ transport: backend.transport, locale: 'en', user: { id: user } })
  clients.push(client)
  await backend.answer(user)
  await until(() => client.store.getState().session.status === 'ready')
  await client.services()
  backend.log.length = 0
  return client
}

describe('identify() and logout() without awaits take effect in call order', () => {
  for (const honourAbort of [true, false]) {
    const kind = honourAbort ? 'a transport that honours the abort' : 'a transport that ignores it'

    it(`logout(); identify(B) ends signed in as B (${kind})`, async () => {
      const backend = heldTransport({ honourAbort })
      const client = await signedInAs(backend, 'A')
      const out = client.logout()
      const inB = client.identify({ id: 'B' })
      await backend.answer('B')
      await Promise.all([out, inB])
      expect(backend.log).toEqual(['signOut', 'identify B', 'answered B'])
      expect(backend.current()).toBe('B')
      expect(client.store.getState().session).toMatchObject({ user: { id: 'B' }, status: 'ready' })
    })

    it(`identify(B); logout() ends signed out (${kind})`, async () => {
      const backend = heldTransport({ honourAbort })
      const client = await signedInAs(backend, 'A')
      const inB = client.identify({ id: 'B' })
      // With a transport that ignores aborts, B's sign-in is on the wire when the sign-out comes.
      if (!honourAbort) await until(() => backend.log.includes('identify B'))
      const out = client.logout()
      if (!honourAbort) await backend.answer('B')
      await Promise.all([inB, out])
      // B's sign-in settled (answered or aborted) before the sign-out reached the transport.
      expect(backend.log.at(-1)).toBe('signOut')
      expect(backend.current()).toBeUndefined()
      expect(client.store.getState().session).toMatchObject({ user: undefined, status: 'anonymous' })
    })

    it(`identify(A); identify(B) ends as B, even when A answers last (${kind})`, async () => {
      const backend = heldTransport({ honourAbort })
      const client = createSupportClient({ transport: backend.transport, locale: 'en' })
      clients.push(client)
      const inA = client.identify({ id: 'A' })
      if (!honourAbort) await until(() => backend.log.includes('identify A'))
      const inB = client.identify({ id: 'B' })
      if (!honourAbort) {
        // B's sign-in waits for A's to settle: the transport never has both under way.
        await new Promise((r) => setTimeout(r, 10))
        expect(backend.log).toEqual(['identify A'])
        await backend.answer('A')
      }
      await backend.answer('B')
      await Promise.all([inA, inB])
      expect(backend.log.at(-1)).toBe('answered B')
      expect(backend.current()).toBe('B')
      expect(client.store.getState().session).toMatchObject({ user: { id: 'B' }, status: 'ready' })
    })
  }

  it('a superseded identify() resolves quietly (no error event, no rejection)', async () => {
    const backend = heldTransport({ honourAbort: true })
    const errors: unknown[] = []
    const client = createSupportClient({
      transport: backend.transport,
      locale: 'en',
      onEvent: (e) => e.type === 'error' && errors.push(e),
    })
    clients.push(client)
    const inA = client.identify({ id: 'A' })
    const inB = client.identify({ id: 'B' })
    await backend.answer('B')
    await expect(inA).resolves.toBeUndefined()
    await inB
    expect(errors).toEqual([])
    expect(client.store.getState().session.status).toBe('ready')
  })

  it("logout({ forget: true }); identify(A) forgets A's device data before A signs in again", async () => {
    const backend = heldTransport({ honourAbort: true })
    const client = await signedInAs(backend, 'A')
    const sv = await client.services()
    await sv.drafts.save('report:other', "A's half-written text")
    await sv.drafts.flush()
    let draftAtSignIn: unknown = 'not asked'
    const identify = backend.transport.identify
    backend.transport.identify = async (u, signal) => {
      draftAtSignIn = await (await client.services()).drafts.load('report:other')
      return identify(u, signal)
    }
    const out = client.logout({ forget: true })
    const inA = client.identify({ id: 'A' })
    await backend.answer('A')
    await Promise.all([out, inA])
    expect(draftAtSignIn).toBeUndefined()
    expect(backend.log).toEqual(['signOut', 'identify A', 'answered A'])
    expect(client.store.getState().session).toMatchObject({ user: { id: 'A' }, status: 'ready' })
    expect(await (await client.services()).drafts.load('report:other')).toBeUndefined()
  })
})

const ticket = (subject: string): TicketInput => ({
  category: 'other',
  subject,
  description: subject,
  fields: {},
  attachments: [],
  priority: 'normal',
  locale: 'en',
})

describe('with the memory transport', () => {
  async function aliceWithATicket() {
    const transport = memoryTransport()
    const client = createSupportClient({ transport, locale: 'en', user: { id: 'alice' } })
    clients.push(client)
    await until(() => client.store.getState().session.status === 'ready')
    await transport.createTicket(ticket("alice's"), { idempotencyKey: 'k-alice' })
    // Device storage is open, as once the panel has shown.
    await client.services()
    return { client, transport }
  }

  it("logout(); identify(bob): bob is signed in and sees his requests, none of alice's", async () => {
    const { client, transport } = await aliceWithATicket()
    const out = client.logout()
    const inBob = client.identify({ id: 'bob' })
    await Promise.all([out, inBob])
    expect(client.store.getState().session).toMatchObject({ user: { id: 'bob' }, status: 'ready' })
    await transport.createTicket(ticket("bob's"), { idempotencyKey: 'k-bob' })
    expect((await transport.listTickets()).map((t) => t.subject)).toEqual(["bob's"])
    expect(await transport.listConversations()).toEqual([])
  })

  it("identify(bob); logout(): nobody is signed in, and nobody's requests show", async () => {
    const { client, transport } = await aliceWithATicket()
    const inBob = client.identify({ id: 'bob' })
    const out = client.logout()
    await Promise.all([inBob, out])
    expect(client.store.getState().session).toMatchObject({ user: undefined, status: 'anonymous' })
    await transport.createTicket(ticket('anonymous'), { idempotencyKey: 'k-anon' })
    await client.identify({ id: 'bob' })
    expect(await transport.listTickets()).toEqual([])
  })

  it('identify(bob); identify(carol) ends as carol', async () => {
    const { client, transport } = await aliceWithATicket()
    const inBob = client.identify({ id: 'bob' })
    const inCarol = client.identify({ id: 'carol' })
    await Promise.all([inBob, inCarol])
    expect(client.store.getState().session).toMatchObject({ user: { id: 'carol' }, status: 'ready' })
    await transport.createTicket(ticket("carol's"), { idempotencyKey: 'k-carol' })
    expect((await transport.listTickets()).map((t) => t.subject)).toEqual(["carol's"])
  })
})
