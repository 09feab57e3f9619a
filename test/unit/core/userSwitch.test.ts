import { describe, expect, it } from 'vitest'
import { createSupportClient } from '../../../src/client.js'
import { stubTransport } from '../../support/transport.js'

const transport = () =>
  stubTransport({ identify: async (u) => ({ userId: u.id, token: 'session' }), capabilities: { tickets: true } })
const tx = { id: 'tx1', time: '2026-11-23T09:30:00+08:00', amount: '9.00', currency: 'CNY', counterparty: 'Shop' }

describe("another user does not inherit the open view's work", () => {
  it('identify() of another user returns the open panel to Home, with no parameters or back stack', async () => {
    const client = createSupportClient({ transport: transport(), user: { id: 'alice' }, locale: 'en' })
    client.open('home')
    client.navigate('report', { category: 'charged_not_received', transaction: tx })
    // The same user again (a refreshed token) keeps the form.
    await client.identify({ id: 'alice' })
    expect(client.store.getState().ui).toMatchObject({ view: 'report', params: { transaction: tx } })

    const identified = client.identify({ id: 'bob' })
    // At once, before the new session exists: the form cannot be sent as Bob meanwhile.
    expect(client.store.getState().ui).toMatchObject({ isOpen: true, view: 'home', params: {}, stack: [] })
    await identified
    expect(client.store.getState().session.user?.id).toBe('bob')
    client.destroy()
  })

  it('logout() returns the open panel to Home', async () => {
    const client = createSupportClient({ transport: transport(), user: { id: 'alice' }, locale: 'en' })
    client.open('chat')
    const out = client.logout()
    expect(client.store.getState().ui).toMatchObject({ isOpen: true, view: 'home', stack: [] })
    await out
    client.destroy()
  })

  it('signing in from anonymous keeps what the user is writing', async () => {
    const client = createSupportClient({ transport: transport(), locale: 'en' })
    client.open('report', { category: 'charged_not_received' })
    await client.identify({ id: 'alice' })
    expect(client.store.getState().ui).toMatchObject({ view: 'report', params: { category: 'charged_not_received' } })
    client.destroy()
  })
})
