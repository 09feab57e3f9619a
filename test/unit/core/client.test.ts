import { describe, expect, it, vi } from 'vitest'
import { createSupportClient } from '../../../src/client.js'
import { UnauthorizedError } from '../../../src/errors/index.js'
import type { HelpFeedbackEvent } from '../../../src/events.js'
import type { Transport } from '../../../src/transports/types.js'
import { stubTransport, type StubOverrides } from '../../support/transport.js'

const fakeTransport = (overrides: StubOverrides = {}): Transport =>
  stubTransport({
    identify: async (u) => ({ userId: u.id, token: 'session' }),
    ...overrides,
    capabilities: { tickets: true, ...overrides.capabilities },
  })

describe('createSupportClient', () => {
  it('has one controller per feature, made once per client', () => {
    const client = createSupportClient({ transport: fakeTransport(), locale: 'en' })
    const other = createSupportClient({ transport: fakeTransport(), locale: 'en' })
    for (const name of ['help', 'chat', 'reports', 'requests', 'contact'] as const) {
      expect(client[name]).toBe(client[name])
      expect(client[name]).not.toBe(other[name])
    }
    // The chat's state exists before its code loads.
    expect(client.chat.store.getState().status).toBe('idle')
    client.destroy()
    other.destroy()
  })

  it("types each view's parameters", () => {
    const client = createSupportClient({ transport: fakeTransport(), locale: 'en' })
    client.open('article', { id: 'a1', source: 'search' })
    client.navigate('report', { category: 'payment_failed' })
    // @ts-expect-error an article's id is a string
    client.open('article', { id: 1 })
    // @ts-expect-error not a report category
    client.navigate('report', { category: 'lost_card' })
    // @ts-expect-error the search view takes a query, not an id
    client.navigate('search', { id: 'x' })
    expect(client.store.getState().ui.view).toBe('search')
    client.destroy()
  })

  it('opens, navigates with a back stack, closes, and emits domain:verb events', () => {
    const events: HelpFeedbackEvent[] = []
    const client = createSupportClient({ transport: fakeTransport(), onEvent: (e) => events.push(e), locale: 'en' })
    client.open('home')
    client.navigate('report', { category: 'payment_failed' })
    client.navigate('requests')
    expect(client.store.getState().ui.view).toBe('requests')
    client.back()
    expect(client.store.getState().ui).toMatchObject({ view: 'report', params: { category: 'payment_failed' } })
    client.back()
    expect(client.store.getState().ui.view).toBe('home')
    client.close()
    client.close()
    expect(events.map((e) => e.type)).toEqual(['widget:open', 'widget:navigate', 'widget:navigate', 'widget:close'])
  })

  it('identifies through the transport and records capabilities', async () => {
    const client = createSupportClient({ transport: () => fakeTransport(), user: { id: 'u1' } })
    await vi.waitFor(() => expect(client.store.getState().session.status).toBe('ready'))
    expect(client.store.getState().session.session).toEqual({ userId: 'u1', token: 'session' })
    expect(client.store.getState().system.capabilities?.tickets).toBe(true)
  })

  it('turns a failed identify into a localized error event and an error state', async () => {
    const events: HelpFeedbackEvent[] = []
    const client = createSupportClient({
      locale: 'zh-CN',
      transport: fakeTransport({
        identify: async () => {
          throw new UnauthorizedError()
        },
      }),
      onEvent: (e) => events.push(e),
    })
    await expect(client.identify({ id: 'u1' })).rejects.toBeInstanceOf(UnauthorizedError)
    expect(client.store.getState().session).toMatchObject({ status: 'error', errorCode: 'unauthorized' })
    const err = events.find((e) => e.type === 'error')
    expect(err).toMatchObject({ code: 'unauthorized' })
    expect(err && 'message' in err && err.message).toMatch(/登录|会话/)
  })

  it('signs in on a transport that loads after the sign-in could not load one, before anything uses it', async () => {
    // The transport's code failed to load while signing in (a dropped chunk request); a later
    // call loads it. A transport knows the user only from identify: without it, every call
    // would go out without a session and could not sign in again on a 401.
    let loads = 0
    let signedIn: string | undefined
    const callers: Array<string | undefined> = []
    const client = createSupportClient({
      locale: 'en',
      user: { id: 'u1' },
      transport: async () => {
        if (++loads === 1) throw new TypeError('Failed to fetch dynamically imported module')
        return fakeTransport({
          identify: async (u) => {
            signedIn = u.id
            return { userId: u.id, token: 'session' }
          },
          listTickets: async () => {
            callers.push(signedIn)
            return []
          },
        })
      },
    })
    await vi.waitFor(() => expect(client.store.getState().session.status).toBe('error'))
    await (
      await client.transport()
    ).listTickets!()
    expect(loads).toBe(2)
    expect(callers).toEqual(['u1'])
    await vi.waitFor(() =>
      expect(client.store.getState().session).toMatchObject({ status: 'ready', errorCode: undefined }),
    )
    client.destroy()
  })

  it('switches locale at run time', async () => {
    const client = createSupportClient({ transport: fakeTransport(), locale: 'en' })
    await client.ready()
    expect(client.t('panel.close')).toBe('Close')
    await client.setLocale('zh-CN')
    expect(client.t('panel.close')).toBe('关闭')
    expect(client.store.getState().system.locale).toBe('zh-CN')
  })

  it('a throwing host listener does not break the client', () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {})
    const client = createSupportClient({
      transport: fakeTransport(),
      onEvent: () => {
        throw new Error('host bug')
      },
    })
    expect(() => client.open()).not.toThrow()
    expect(client.store.getState().ui.isOpen).toBe(true)
    expect(spy).toHaveBeenCalled()
    spy.mockRestore()
  })
})

describe('lazy catalogs', () => {
  it('a client loads its locale, and the English fallback fills keys a host override does not', async () => {
    const client = createSupportClient({
      transport: fakeTransport(),
      locale: 'zh-TW',
      messages: { 'zh-TW': { 'panel.title': '客服' } },
    })
    await client.ready()
    expect(client.t('panel.title')).toBe('客服')
    expect(client.t('panel.close')).not.toBe('panel.close')
  })
})
