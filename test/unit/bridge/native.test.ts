import { describe, expect, it, vi } from 'vitest'
import { createBridge } from '../../../src/bridge/bridge.js'
import type { BridgeDebugEvent } from '../../../src/bridge/types.js'
import { createSupportClient } from '../../../src/client.js'
import { stubTransport } from '../../support/transport.js'
import { env, fakeTarget, fakeWindow, flush, sent, APP, EVIL, SHELL } from './fakes.js'

describe('native channels', () => {
  it('WKWebView: posts JSON strings to messageHandlers.helpFeedback; the host answers through HelpFeedbackBridge.receive', async () => {
    const posted: unknown[] = []
    const w = fakeWindow({
      native: { webkit: { messageHandlers: { helpFeedback: { postMessage: (m: unknown) => void posted.push(m) } } } },
    })
    const t = fakeTarget()
    const bridge = createBridge(t.target, { allowedOrigins: [APP] }, w.win)
    expect(bridge.channel).toBe('webkit')
    expect(typeof posted[0]).toBe('string')
    w.win.HelpFeedbackBridge!.receive(env('open', { view: 'chat' }))
    w.win.HelpFeedbackBridge!.receive({ v: 1, id: 'obj', type: 'close' })
    await flush()
    expect(t.calls).toEqual([['open', 'chat', {}], ['close']])
    bridge.dispose()
    expect(w.win.HelpFeedbackBridge).toBeUndefined()
  })

  it('React Native wins over the others and accepts its synthetic message events (origin "")', async () => {
    const posted: string[] = []
    const w = fakeWindow({
      native: {
        ReactNativeWebView: { postMessage: (m: string) => void posted.push(m) },
        webkit: {
          messageHandlers: {
            helpFeedback: {
              postMessage: () => {
                throw new Error('wrong channel')
              },
            },
          },
        },
      },
    })
    const t = fakeTarget()
    expect(createBridge(t.target, { allowedOrigins: [APP] }, w.win).channel).toBe('react-native')
    w.dispatch(env('close'), '', null)
    w.dispatch(env('open', { view: 'chat' }), EVIL, {}) // a real cross-window message: not from native
    await flush()
    expect(t.calls).toEqual([['close']])
    expect(JSON.parse(posted.at(-1)!)).toMatchObject({ type: 'reply', payload: { to: 'h-close', ok: true } })
  })

  it('Android WebMessageListener object: postMessage out, message events in', async () => {
    const posted: string[] = []
    let deliver: ((e: { data: unknown }) => void) | undefined
    const w = fakeWindow({
      native: {
        helpFeedback: {
          postMessage: (m: string) => void posted.push(m),
          addEventListener: (_: 'message', l: (e: { data: unknown }) => void) => (deliver = l),
          removeEventListener: () => (deliver = undefined),
        },
      },
    })
    const t = fakeTarget()
    const bridge = createBridge(t.target, { allowedOrigins: [APP] }, w.win)
    expect(bridge.channel).toBe('android')
    deliver!({ data: env('theme', { mode: 'light' }) })
    await flush()
    expect(t.calls).toEqual([['setTheme', 'light']])
    bridge.dispose()
    expect(deliver).toBeUndefined()
  })

  it('stays shut when this page’s own origin is not allowed', () => {
    const posted: unknown[] = []
    const debug: BridgeDebugEvent[] = []
    const w = fakeWindow({
      origin: EVIL,
      native: { webkit: { messageHandlers: { helpFeedback: { postMessage: (m: unknown) => void posted.push(m) } } } },
    })
    const bridge = createBridge(fakeTarget().target, { allowedOrigins: [APP], onDebug: (e) => debug.push(e) }, w.win)
    expect(bridge.channel).toBe('none')
    expect(posted).toEqual([])
    expect(w.win.HelpFeedbackBridge).toBeUndefined()
    expect(debug[0]).toEqual({ type: 'bridge:drop', reason: 'page-origin', origin: EVIL })
  })
})

describe('over the headless client', () => {
  it('createBridge(client) identifies, refreshes the token and answers theme as unsupported', async () => {
    const identified: Array<{ id: string; token?: string }> = []
    const transport = stubTransport({
      identify: async (u) => {
        identified.push({ id: u.id, ...(u.token ? { token: u.token } : {}) })
        return { userId: u.id }
      },
    })
    const client = createSupportClient({ transport, locale: 'en' })
    const w = fakeWindow({ framed: true })
    createBridge(client, { allowedOrigins: [SHELL] }, w.win)
    w.dispatch(env('identify', { id: 'u7', name: 'Ann', token: 'old' }), SHELL)
    await vi.waitFor(() => expect(client.store.getState().session.status).toBe('ready'))
    w.dispatch(env('tokenRefresh', { token: 'new' }), SHELL)
    w.dispatch(env('theme', { mode: 'dark' }), SHELL)
    w.dispatch(env('locale', { locale: 'zh-TW' }), SHELL)
    await vi.waitFor(() =>
      expect(identified).toEqual([
        { id: 'u7', token: 'old' },
        { id: 'u7', token: 'new' },
      ]),
    )
    expect(client.store.getState().system.locale).toBe('zh-TW')
    expect(client.t('view.contact')).toBe('聯絡我們')
    await vi.waitFor(() =>
      expect(sent(w.toParent).find((m) => m.payload.to === 'h-theme')?.payload).toEqual({
        to: 'h-theme',
        ok: false,
        error: 'unsupported',
      }),
    )
    client.destroy()
  })
})
