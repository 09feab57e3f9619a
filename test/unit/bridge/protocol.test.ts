import { describe, expect, it } from 'vitest'
import { encodeMessage, parseHostMessage } from '../../../src/bridge/protocol.js'

const MAX = 64 * 1024
const msg = (type: string, payload?: unknown, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ v: 1, id: 'm1', type, payload, ...extra })

describe('host message schema', () => {
  it('accepts each documented host message', () => {
    const ok: Array<[string, unknown]> = [
      ['identify', { id: 'u_1', name: '张三', token: 'tok', attributes: { plan: 'gold', vip: true, level: 3 } }],
      ['tokenRefresh', { token: 'fresh' }],
      ['open', { view: 'contact', params: { problem: 'unauthorized', reference: 'HF-2026-000123' } }],
      [
        'open',
        {
          view: 'report',
          params: { transaction: { id: 't1', time: '2026-10-01T09:00:00+08:00', amount: '128.50', currency: 'CNY' } },
        },
      ],
      ['close', {}],
      [
        'prefillTransaction',
        {
          transaction: {
            id: 't1',
            time: '2026-10-01T09:00:00+08:00',
            amount: '1',
            currency: 'CNY',
            method: { brand: 'UnionPay', last4: '1234' },
          },
          open: true,
        },
      ],
      ['theme', { mode: 'dark' }],
      ['darkMode', { enabled: true }],
      ['locale', { locale: 'zh-Hant-TW' }],
      ['reply', { to: 'r1', ok: true, result: { anything: 1 } }],
    ]
    for (const [type, payload] of ok)
      expect(parseHostMessage(msg(type, payload), MAX), type).toMatchObject({ ok: true, message: { type, id: 'm1' } })
  })

  it('works in WebViews without Object.hasOwn (iOS before 15.4), and refuses prototype names as types', () => {
    const own = Object.hasOwn
    const types = ['close', 'constructor', 'toString', '__proto__']
    let results: unknown[]
    // @ts-expect-error: removed as on an engine older than ES2022 (put back before asserting:
    // the test runner's own matchers use it)
    delete Object.hasOwn
    try {
      results = types.map((type) => {
        try {
          return parseHostMessage(msg(type, {}), MAX)
        } catch (e) {
          return String(e)
        }
      })
    } finally {
      Object.hasOwn = own
    }
    expect(results[0]).toMatchObject({ ok: true })
    for (const r of results.slice(1)) expect(r).toMatchObject({ ok: false, reason: 'unknown-type' })
  })

  it('accepts structured-clone objects as well as JSON strings', () => {
    expect(parseHostMessage({ v: 1, id: 'x', type: 'close' }, MAX)).toMatchObject({ ok: true })
  })

  it('strips parameters `open` does not know, so the host cannot inject state', () => {
    const r = parseHostMessage(
      msg('open', { view: 'search', params: { query: '转账', isOpen: true, onClick: 'x', stack: [] } }),
      MAX,
    )
    expect(r.ok && r.message.type === 'open' && r.message.payload.params).toEqual({ query: '转账' })
  })

  it('drops with the reason: not JSON, bad envelope, wrong version, unknown type, bad payload, too large', () => {
    expect(parseHostMessage('{not json', MAX)).toEqual({ ok: false, reason: 'parse' })
    expect(parseHostMessage(JSON.stringify({ id: 'a', type: 'close' }), MAX)).toEqual({ ok: false, reason: 'envelope' })
    expect(parseHostMessage(msg('close', {}, { v: 2 }), MAX)).toEqual({ ok: false, reason: 'envelope' })
    expect(parseHostMessage(msg('close', {}, { id: '' }), MAX)).toEqual({ ok: false, reason: 'envelope' })
    expect(parseHostMessage(msg('eval', { code: 'alert(1)' }), MAX)).toEqual({
      ok: false,
      reason: 'unknown-type',
      messageType: 'eval',
    })
    expect(parseHostMessage(msg('toString'), MAX)).toEqual({
      ok: false,
      reason: 'unknown-type',
      messageType: 'toString',
    })
    expect(parseHostMessage(msg('open', { view: 'admin' }), MAX)).toEqual({
      ok: false,
      reason: 'payload',
      messageType: 'open',
    })
    expect(parseHostMessage(msg('identify', { name: 'no id' }), MAX)).toEqual({
      ok: false,
      reason: 'payload',
      messageType: 'identify',
    })
    expect(
      parseHostMessage(
        msg('open', {
          view: 'report',
          params: { transaction: { id: 't', time: 'x', amount: '1e9', currency: 'CNY' } },
        }),
        MAX,
      ),
    ).toMatchObject({ reason: 'payload' })
    expect(parseHostMessage(msg('locale', { locale: 'en"><script>' }), MAX)).toMatchObject({ reason: 'payload' })
    expect(parseHostMessage(msg('theme', { mode: 'neon' }), MAX)).toMatchObject({ reason: 'payload' })
    expect(parseHostMessage(msg('tokenRefresh', { token: 'x'.repeat(2000) }), 1024)).toEqual({
      ok: false,
      reason: 'too-large',
    })
    expect(
      parseHostMessage({ v: 1, id: 'x', type: 'tokenRefresh', payload: { token: 'x'.repeat(2000) } }, 1024),
    ).toEqual({ ok: false, reason: 'too-large' })
    expect(parseHostMessage(42, MAX)).toEqual({ ok: false, reason: 'envelope' })
  })

  it('encodes SDK messages as JSON envelopes', () => {
    expect(JSON.parse(encodeMessage('id1', 'openUrl', { url: 'tel:95188' }))).toEqual({
      v: 1,
      id: 'id1',
      type: 'openUrl',
      payload: { url: 'tel:95188' },
    })
  })
})
