/**
 * The session status follows a sign-in the REST transport makes by itself while it is `error`.
 * A sign-out ("forget me") takes a while before the status says so: it first clears what the
 * user left on the device. A sign-in of the transport's that answered meanwhile made the session
 * ready again and told the host `session:identify` for the user it had just signed out.
 */
import 'fake-indexeddb/auto'
import { IDBFactory } from 'fake-indexeddb'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createSupportClient } from '../../../src/client.js'
import type { HelpFeedbackEvent } from '../../../src/events.js'
import { restBackend, tokenLateOnce } from '../../support/restBackend.js'

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory()
})

describe('a transport sign-in that answers while the host signs out', () => {
  it('does not make the signed-out session ready, nor say session:identify', async () => {
    let answer!: () => void
    const answered = new Promise<void>((r) => (answer = r))
    const { fetch } = restBackend(answered)
    const { transport: rest, asked } = tokenLateOnce(fetch, 50)
    const events: HelpFeedbackEvent[] = []
    const client = createSupportClient({
      onEvent: (e) => events.push(e),
      transport: rest,
    })
    // The device has storage open (the panel was used), so "forget me" has work to do.
    await client.services()
    await expect(client.identify({ id: 'alice' })).rejects.toMatchObject({ code: 'timeout' })

    // A request signs alice in by itself; its identify is on its way when the host signs out.
    const transport = await client.transport()
    const request = transport.listTickets!().catch(() => undefined)
    await vi.waitFor(() => expect(asked()).toBe(2))
    const statuses: string[] = []
    client.store.subscribe((s) => statuses.push(s.session.status))
    events.length = 0
    const logout = client.logout({ forget: true })
    answer()
    await logout
    await request

    expect(client.store.getState().session.status).toBe('anonymous')
    expect(statuses).not.toContain('ready')
    expect(events.map((e) => e.type)).toEqual(['session:logout'])
    client.destroy()
  })
})
