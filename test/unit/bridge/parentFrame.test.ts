import { afterEach, describe, expect, it, vi } from 'vitest'
import { createBridge } from '../../../src/bridge/bridge.js'
import type { BridgeDebugEvent } from '../../../src/bridge/types.js'
import { env, fakeTarget, fakeWindow, flush, sent, APP, EVIL, SHELL } from './fakes.js'

afterEach(() => vi.useRealTimers())

describe('parent-frame channel: origin pinning', () => {
  it('announces itself to the pinned origin, never to "*"', () => {
    const w = fakeWindow({ framed: true })
    const bridge = createBridge(fakeTarget().target, { allowedOrigins: [SHELL] }, w.win)
    expect(bridge.channel).toBe('parent')
    expect(w.toParent).toHaveLength(1)
    expect(w.toParent[0]!.target).toBe(SHELL)
    expect(sent(w.toParent)[0]).toMatchObject({
      v: 1,
      type: 'ready',
      payload: { protocol: 1, accepts: expect.arrayContaining(['open', 'locale', 'identify']) },
    })
  })

  it('drops messages from other origins and from windows other than the parent, with a debug event', async () => {
    const w = fakeWindow({ framed: true })
    const t = fakeTarget()
    const debug: BridgeDebugEvent[] = []
    createBridge(t.target, { allowedOrigins: [SHELL], onDebug: (e) => debug.push(e) }, w.win)
    w.dispatch(env('open', { view: 'chat' }), EVIL)
    w.dispatch(env('open', { view: 'chat' }), SHELL, { other: 'frame' })
    await flush()
    expect(t.calls).toEqual([])
    expect(debug.filter((d) => d.type === 'bridge:drop')).toEqual([
      { type: 'bridge:drop', reason: 'origin', origin: EVIL },
      { type: 'bridge:drop', reason: 'source', origin: SHELL },
    ])
  })

  it('with several allowed origins it waits for the parent to speak, then answers only that origin', async () => {
    const w = fakeWindow({ framed: true })
    const t = fakeTarget()
    createBridge(t.target, { allowedOrigins: [SHELL, 'https://other.example.com'] }, w.win)
    expect(w.toParent).toEqual([]) // origin unknown: the ready message is not sent at all
    w.dispatch(env('close'), SHELL)
    await flush()
    expect(t.calls).toEqual([['close']])
    expect(w.toParent.map((p) => p.target)).toEqual([SHELL])
    expect(sent(w.toParent)[0]).toMatchObject({ type: 'reply', payload: { to: 'h-close', ok: true } })
  })

  it('takes the parent origin from ancestorOrigins when it is allowed', () => {
    const w = fakeWindow({ framed: true })
    w.win.location.ancestorOrigins = { length: 1, 0: 'https://other.example.com' }
    createBridge(fakeTarget().target, { allowedOrigins: [SHELL, 'https://other.example.com'] }, w.win)
    expect(w.toParent.map((p) => p.target)).toEqual(['https://other.example.com'])
  })

  it('refuses "*" and anything but an exact https (or loopback http) origin, naming the option', () => {
    const make = (origin: string) => () =>
      createBridge(fakeTarget().target, { allowedOrigins: [SHELL, origin] }, fakeWindow({ framed: true }).win)
    for (const bad of [
      '*',
      'http://shell.example.com',
      'https://shell.example.com/',
      'https://shell.example.com/app',
      'null',
      'shell.example.com',
    ])
      expect(make(bad), bad).toThrow(/options\.bridge\.allowedOrigins\.1/)
    for (const good of ['http://127.0.0.1:8787', 'http://localhost:3000', 'https://a.example.com:8443'])
      expect(make(good), good).not.toThrow()
  })
})

describe('host → SDK messages', () => {
  it('drive the target and are acknowledged with replies', async () => {
    const w = fakeWindow({ framed: true })
    const t = fakeTarget()
    createBridge(t.target, { allowedOrigins: [SHELL] }, w.win)
    w.toParent.length = 0
    w.dispatch(env('identify', { id: 'u1', token: 'a' }), SHELL)
    w.dispatch(env('tokenRefresh', { token: 'b' }), SHELL)
    w.dispatch(env('open', { view: 'contact', params: { problem: 'unauthorized', reference: 'HF-1' } }), SHELL)
    w.dispatch(env('locale', { locale: 'zh-Hant-HK' }), SHELL)
    w.dispatch(env('locale', { locale: 'fr-FR' }, 'h-locale2'), SHELL)
    w.dispatch(env('darkMode', { enabled: true }), SHELL)
    await flush()
    expect(t.calls).toEqual([
      ['identify', { id: 'u1', token: 'a' }],
      ['refreshToken', 'b'],
      ['open', 'contact', { problem: 'unauthorized', reference: 'HF-1' }],
      ['setLocale', 'zh-TW'],
      ['setLocale', 'en'],
      ['setTheme', 'dark'],
    ])
    expect(sent(w.toParent).map((m) => [m.type, m.payload.to, m.payload.ok])).toEqual([
      ['reply', 'h-identify', true],
      ['reply', 'h-tokenRefresh', true],
      ['reply', 'h-open', true],
      ['reply', 'h-locale', true],
      ['reply', 'h-locale2', true],
      ['reply', 'h-darkMode', true],
    ])
  })

  it('a failing handler is answered ok:false with the error code', async () => {
    const w = fakeWindow({ framed: true })
    const t = fakeTarget()
    t.target.identify = async () => {
      throw Object.assign(new Error('nope'), { code: 'unauthorized', retryable: false })
    }
    const debug: BridgeDebugEvent[] = []
    createBridge(t.target, { allowedOrigins: [SHELL], onDebug: (e) => debug.push(e) }, w.win)
    w.dispatch(env('identify', { id: 'u1' }), SHELL)
    await flush()
    expect(sent(w.toParent).at(-1)).toMatchObject({
      type: 'reply',
      payload: { to: 'h-identify', ok: false, error: 'unauthorized' },
    })
    expect(debug).toContainEqual({ type: 'bridge:failed', messageType: 'identify', code: 'unauthorized' })
  })

  it('a remembered transaction is attached to later report/chat opens', async () => {
    const w = fakeWindow({ framed: true })
    const t = fakeTarget()
    createBridge(t.target, { allowedOrigins: [SHELL] }, w.win)
    const tx = { id: 't9', time: '2026-10-01T09:00:00+08:00', amount: '20.00', currency: 'CNY' }
    w.dispatch(env('prefillTransaction', { transaction: tx }), SHELL)
    w.dispatch(env('open', { view: 'report' }), SHELL)
    w.dispatch(env('open', { view: 'search', params: { query: 'x' } }), SHELL)
    await flush()
    expect(t.calls).toEqual([
      ['open', 'report', { transaction: tx }],
      ['open', 'search', { query: 'x' }],
    ])
  })

  it('invalid and unknown messages never reach the target and get no reply', async () => {
    const w = fakeWindow({ framed: true })
    const t = fakeTarget()
    const debug: BridgeDebugEvent[] = []
    createBridge(t.target, { allowedOrigins: [SHELL], onDebug: (e) => debug.push(e) }, w.win)
    w.toParent.length = 0
    for (const bad of [
      'nope',
      env('exec', { js: '1' }),
      env('open', { view: 'x' }),
      JSON.stringify({ v: 9, id: 'a', type: 'close' }),
    ])
      w.dispatch(bad, SHELL)
    await flush()
    expect(t.calls).toEqual([])
    expect(w.toParent).toEqual([])
    expect(debug.flatMap((d) => (d.type === 'bridge:drop' ? [d.reason] : []))).toEqual([
      'parse',
      'unknown-type',
      'payload',
      'envelope',
    ])
  })
})

describe('SDK → host messages', () => {
  it('openUrl only for tel:, mailto: and https; actions only with safe names', () => {
    const w = fakeWindow({ framed: true })
    const bridge = createBridge(fakeTarget().target, { allowedOrigins: [SHELL] }, w.win)
    w.toParent.length = 0
    expect(bridge.openUrl('tel:95188')).toBe(true)
    expect(bridge.openUrl('mailto:help@example.com?subject=Hi')).toBe(true)
    expect(bridge.openUrl('https://help.example.com/')).toBe(true)
    expect(bridge.openUrl('javascript:alert(1)')).toBe(false)
    expect(bridge.openUrl('http://plain.example.com')).toBe(false)
    expect(bridge.action('freeze-account', { reason: 'unauthorized' })).toBe(true)
    expect(bridge.action('rm -rf')).toBe(false)
    expect(sent(w.toParent).map((m) => [m.type, m.payload])).toEqual([
      ['openUrl', { url: 'tel:95188' }],
      ['openUrl', { url: 'mailto:help@example.com?subject=Hi' }],
      ['openUrl', { url: 'https://help.example.com/' }],
      ['action', { name: 'freeze-account', payload: { reason: 'unauthorized' } }],
    ])
  })

  it('forwards close and unread count from SDK events; stops after dispose', () => {
    const w = fakeWindow({ framed: true })
    const t = fakeTarget()
    const bridge = createBridge(t.target, { allowedOrigins: [SHELL] }, w.win)
    w.toParent.length = 0
    t.emit({ type: 'unread:change', count: 3 })
    t.emit({ type: 'widget:close' })
    t.emit({ type: 'widget:open', view: 'home' })
    expect(sent(w.toParent).map((m) => [m.type, m.payload])).toEqual([
      ['unreadCount', { count: 3 }],
      ['close', {}],
    ])
    bridge.dispose()
    t.emit({ type: 'unread:change', count: 4 })
    expect(w.toParent).toHaveLength(2)
    expect(w.listeners.size).toBe(0)
  })

  it('pickImage: request and response matched by id', async () => {
    const w = fakeWindow({ framed: true })
    const bridge = createBridge(fakeTarget().target, { allowedOrigins: [SHELL] }, w.win)
    const picked = bridge.pickImage({ maxBytes: 1000 })
    const request = sent(w.toParent).find((m) => m.type === 'pickImage')!
    expect(request.payload).toEqual({ accept: ['image/png', 'image/jpeg', 'image/webp'], maxBytes: 1000 })
    // A reply to some other id is not this request's answer.
    w.dispatch(env('reply', { to: 'someone-else', ok: true }, 'r0'), SHELL)
    w.dispatch(
      env(
        'reply',
        {
          to: request.id,
          ok: true,
          result: { name: 'a.png', type: 'image/png', data: Buffer.from('PNGDATA').toString('base64') },
        },
        'r1',
      ),
      SHELL,
    )
    const image = await picked
    expect(image).toMatchObject({ name: 'a.png', type: 'image/png' })
    expect(Buffer.from(await image!.blob.arrayBuffer()).toString()).toBe('PNGDATA')
  })

  it('pickImage: cancel resolves null, a too-large or malformed result rejects, no reply times out', async () => {
    vi.useFakeTimers()
    const w = fakeWindow({ framed: true })
    const debug: BridgeDebugEvent[] = []
    const bridge = createBridge(
      fakeTarget().target,
      { allowedOrigins: [SHELL], timeoutMs: 5000, onDebug: (e) => debug.push(e) },
      w.win,
    )
    const idOf = () =>
      sent(w.toParent)
        .filter((m) => m.type === 'pickImage')
        .at(-1)!.id

    const cancelled = bridge.pickImage()
    w.dispatch(env('reply', { to: idOf(), ok: false, error: 'cancelled' }), SHELL)
    await expect(cancelled).resolves.toBeNull()

    const big = bridge.pickImage({ maxBytes: 2 })
    w.dispatch(
      env('reply', { to: idOf(), ok: true, result: { name: 'a.png', type: 'image/png', data: 'AAAAAAAA' } }),
      SHELL,
    )
    await expect(big).rejects.toMatchObject({ code: 'malformed_response' })

    const svg = bridge.pickImage()
    w.dispatch(
      env('reply', { to: idOf(), ok: true, result: { name: 'x.svg', type: 'image/svg+xml', data: 'AAAA' } }),
      SHELL,
    )
    await expect(svg).rejects.toMatchObject({ code: 'malformed_response' })

    const slow = bridge.pickImage()
    const slowId = idOf()
    vi.advanceTimersByTime(5001)
    await expect(slow).rejects.toMatchObject({ code: 'timeout' })
    w.dispatch(env('reply', { to: slowId, ok: true }), SHELL)
    expect(debug.at(-1)).toEqual({ type: 'bridge:drop', reason: 'unexpected-reply', messageType: 'reply' })
  })

  it('without a host every send returns false and pickImage is unsupported', async () => {
    const w = fakeWindow({ framed: false })
    const bridge = createBridge(fakeTarget().target, { allowedOrigins: [APP] }, w.win)
    expect(bridge.channel).toBe('none')
    expect(bridge.openUrl('tel:95188')).toBe(false)
    await expect(bridge.pickImage()).rejects.toMatchObject({ code: 'unsupported' })
  })
})
