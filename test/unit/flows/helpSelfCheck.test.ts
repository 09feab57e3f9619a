import { afterEach, describe, expect, it, vi } from 'vitest'
import { createSupportClient } from '../../../src/client.js'
import { OfflineError, UnauthorizedError } from '../../../src/errors/index.js'
import { dateHeaderTime, runSelfCheck, selfCheckProblems } from '../../../src/help/selfCheck.js'
import { stubTransport } from '../../support/transport.js'

const fakeTransport = stubTransport

afterEach(() => vi.unstubAllGlobals())

describe('runSelfCheck', () => {
  it('returns plain, attachable values and measures skew against the server clock', async () => {
    let clock = Date.parse('2026-11-23T02:00:00Z')
    const now = () => (clock += 100)
    const client = createSupportClient({
      transport: fakeTransport({ availability: async () => ({ agentsOnline: 0, queueLength: 0, open: false }) }),
      locale: 'zh-CN',
      appVersion: '5.0.1',
    })
    const result = await runSelfCheck(client, { now, serverTime: async () => new Date(clock - 300_000) })
    expect(result).toMatchObject({
      networkOnline: true,
      serverReachable: true,
      networkError: null,
      appVersion: '5.0.1',
      sdkVersion: '0.1.0',
      locale: 'zh-CN',
      storage: 'memory',
      clockSkewSeconds: 300,
    })
    expect(typeof result.latencyMs).toBe('number')
    expect(result.utcOffset).toMatch(/^[+-]\d\d:\d\d$/)
    expect(Number.isNaN(Date.parse(result.checkedAt))).toBe(false)
    expect(selfCheckProblems(result)).toEqual(['clockSkewSeconds', 'storage'])
  })

  it('skips the network when the device is offline', async () => {
    vi.stubGlobal('navigator', { onLine: false, language: 'en', languages: ['en'] })
    const availability = vi.fn()
    const serverTime = vi.fn()
    const result = await runSelfCheck(createSupportClient({ transport: fakeTransport({ availability }) }), {
      serverTime,
    })
    expect(result).toMatchObject({
      networkOnline: false,
      serverReachable: false,
      networkError: 'offline',
      clockSkewSeconds: 'unknown',
      appVersion: 'unknown',
    })
    expect(availability).not.toHaveBeenCalled()
    expect(serverTime).not.toHaveBeenCalled()
  })

  it('probes with identify when there is no availability call, and reads its error', async () => {
    const identify = vi.fn(async () => {
      throw new UnauthorizedError()
    })
    const client = createSupportClient({ transport: fakeTransport({ identify }), user: { id: 'u1' } })
    await vi.waitFor(() => expect(client.store.getState().session.status).toBe('error'))
    const result = await runSelfCheck(client)
    expect(result).toMatchObject({ serverReachable: true, networkError: 'unauthorized', latencyMs: 'unknown' })

    const down = createSupportClient({
      transport: fakeTransport({
        availability: async () => {
          throw new OfflineError()
        },
      }),
    })
    expect(await runSelfCheck(down)).toMatchObject({ serverReachable: false, networkError: 'offline' })
    const nobody = createSupportClient({ transport: fakeTransport() })
    expect(await runSelfCheck(nobody)).toMatchObject({ serverReachable: 'unknown', networkError: null })
  })

  it('gives up on a hung backend after the timeout', async () => {
    const client = createSupportClient({
      transport: fakeTransport({ availability: () => new Promise(() => undefined) }),
    })
    expect(await runSelfCheck(client, { timeoutMs: 20, serverTime: () => new Promise(() => undefined) })).toMatchObject(
      {
        serverReachable: false,
        networkError: 'timeout',
        clockSkewSeconds: 'unknown',
      },
    )
  })

  it('dateHeaderTime reads the Date header of a HEAD request', async () => {
    const fetch = vi.fn(async () => new Response(null, { headers: { date: 'Mon, 23 Nov 2026 02:00:00 GMT' } }))
    expect(await dateHeaderTime('/v1/availability', fetch)(new AbortController().signal)).toBe(
      Date.parse('2026-11-23T02:00:00Z'),
    )
    expect(fetch).toHaveBeenCalledWith('/v1/availability', expect.objectContaining({ method: 'HEAD' }))
  })
})
