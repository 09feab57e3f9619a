import { describe, expect, it, vi } from 'vitest'
import { createSupportClient } from '../../../src/client.js'
import type { HelpFeedbackEvent } from '../../../src/events.js'
import type { Transport } from '../../../src/transports/types.js'
import type { TicketInput } from '../../../src/types.js'
import { devicePerTest } from '../../support/device.js'
import { fakeTransport } from '../../support/fakeTransport.js'

// One device (a fresh fake IndexedDB per test), one client, users taking turns on it.
const clients = devicePerTest()

const input = (subject: string) =>
  ({ category: 'other', subject, description: subject, fields: {}, attachments: [] }) as unknown as TicketInput

function device() {
  const fake = fakeTransport()
  let signedIn: string | undefined
  const sent: Array<{ as: string | undefined; subject: string }> = []
  const transport: Transport = {
    ...fake.transport,
    identify: async (u) => ((signedIn = u.id), { userId: u.id }),
    // Records what the backend accepted, and as whom the request went out.
    createTicket: async (i, o) => {
      const as = signedIn
      const ticket = await fake.transport.createTicket(i, o)
      sent.push({ as, subject: i.subject })
      return ticket
    },
  }
  const events: HelpFeedbackEvent[] = []
  const client = createSupportClient({ transport, locale: 'en', user: { id: 'A' }, onEvent: (e) => events.push(e) })
  clients.push(client)
  return { fake, client, sent, events }
}

describe('device data belongs to its user', () => {
  it("A's queued report is not sent while B is signed in, and goes out as A when A is back; drafts follow their user", async () => {
    const { fake, client, sent } = device()
    const sv = await client.services()
    fake.setMode('offline')
    await sv.outbox.enqueue('ticket', { input: input("A's report") })
    await vi.waitFor(async () => expect((await sv.outbox.list())[0]?.state).toBe('failed_retryable'))
    sv.drafts.save('report:other', "A's half-written text")

    await client.identify({ id: 'B' })
    fake.setMode('ok')
    // identify() resolves once the device data in use is B's: no wait.
    expect(await sv.drafts.load('report:other')).toBeUndefined()
    await sv.outbox.flush()
    expect(sent).toEqual([])
    expect(await sv.outbox.list()).toEqual([])

    await client.identify({ id: 'A' })
    await vi.waitFor(async () => expect(await sv.outbox.list()).toEqual([]), { timeout: 5000 })
    expect(sent).toEqual([{ as: 'A', subject: "A's report" }])
    expect(await sv.drafts.load('report:other')).toBe("A's half-written text")
  })

  it('logout({ forget: true }) deletes the user’s drafts and unsent jobs; plain logout keeps them for their return', async () => {
    const { fake, client, events } = device()
    const sv = await client.services()
    fake.setMode('offline')
    await sv.outbox.enqueue('ticket', { input: input('kept') })
    sv.drafts.save('report:other', 'kept draft')
    await client.logout()
    expect(client.store.getState().session.user).toBeUndefined()
    expect(events).toContainEqual({ type: 'session:logout' })
    expect(await sv.outbox.list()).toEqual([])
    expect(await sv.drafts.load('report:other')).toBeUndefined()

    await client.identify({ id: 'A' }).catch(() => undefined)
    await vi.waitFor(async () => expect(await sv.drafts.load('report:other')).toBe('kept draft'))
    await vi.waitFor(async () => expect((await sv.outbox.list()).map((j) => j.state)).toEqual(['failed_retryable']))
    await client.logout({ forget: true })
    await client.identify({ id: 'A' }).catch(() => undefined)
    await vi.waitFor(async () => expect(await sv.outbox.list()).toEqual([]))
    expect(await sv.drafts.load('report:other')).toBeUndefined()
  })
})
