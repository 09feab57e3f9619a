import { afterEach, describe, expect, it } from 'vitest'
import { mintSession } from '../../../examples/server/auth.js'
import { HttpError } from '../../../examples/server/http.js'
import { AuthGuard, Limiter, defaultLimits } from '../../../examples/server/limits.js'
import type { RunningServer } from '../../../examples/server/server.js'
import { memoryCounters } from '../../../examples/server/store/sqlite.js'
import type { Counters } from '../../../examples/server/store/types.js'
import { login, start } from './helpers.js'

/** Counters shared between instances, as on Postgres: every call is a promise, and each is recorded. */
function sharedCounters(): { counters: Counters; calls: string[] } {
  const inner = memoryCounters()
  const calls: string[] = []
  const counters: Counters = {
    take: async (...a) => (calls.push(`take ${a[0]}`), inner.take(...a)),
    peek: async (...a) => (calls.push(`peek ${a[0]}`), inner.peek(...a)),
    peekThenTake: async (p, t) => (calls.push(`peekThenTake ${p.bucket} ${t.bucket}`), inner.peekThenTake(p, t)),
  }
  return { counters, calls }
}

const codeOf = (fn: () => unknown): string => {
  try {
    fn()
  } catch (err) {
    return err instanceof HttpError ? `${err.status} ${err.code}` : String(err)
  }
  return 'none'
}

describe('rate limits decided without a promise (in-process counters)', () => {
  it('takes from the same bucket as the awaited take, and refuses once it is empty', async () => {
    const counters = memoryCounters()
    const limiter = new Limiter(counters, 'requests', 60, 2)
    expect(limiter.takeNow('u:a')).toBe(0)
    expect(await limiter.take('u:a')).toBe(0)
    // Both tokens are spent, whichever way they were taken.
    expect(limiter.takeNow('u:a')).toBeGreaterThan(0)
    expect(await limiter.peek('u:a')).toBeGreaterThan(0)
    expect(limiter.peekNow('u:a')).toBeGreaterThan(0)
    // Another key has its own bucket.
    expect(limiter.takeNow('u:b')).toBe(0)
  })

  it('checkThenTakeNow throws the same 429s as checkThenTake, and takes nothing from a blocked address', async () => {
    const counters = memoryCounters()
    const guard = new AuthGuard({ ...defaultLimits, authFailuresPerIpPerMinute: 1 }, counters)
    const limiter = new Limiter(counters, 'requests', 60, 1)
    expect(guard.checkThenTakeNow('10.0.0.1', limiter, 'u:a')).toBe(true)
    expect(codeOf(() => guard.checkThenTakeNow('10.0.0.1', limiter, 'u:a'))).toBe('429 rate_limited')
    await expect(guard.checkThenTake('10.0.0.1', limiter, 'u:a')).rejects.toMatchObject({ code: 'rate_limited' })

    // Two failures use up the address's burst: a valid session from it is refused before its limit.
    const unauthorized = new HttpError(401, 'unauthorized', 'no')
    await guard.fail('10.0.0.2', undefined, unauthorized)
    await guard.fail('10.0.0.2', undefined, unauthorized)
    expect(codeOf(() => guard.checkThenTakeNow('10.0.0.2', limiter, 'u:b'))).toBe('429 auth_rate_limited')
    // …and u:b's one token is still there.
    expect(limiter.peekNow('u:b')).toBe(0)
  })

  it('leaves shared counters to the awaited calls: nothing decided, nothing taken', () => {
    const { counters, calls } = sharedCounters()
    const guard = new AuthGuard(defaultLimits, counters)
    const limiter = new Limiter(counters, 'requests', 60, 1)
    expect(limiter.takeNow('u:a')).toBeUndefined()
    expect(limiter.peekNow('u:a')).toBeUndefined()
    expect(guard.checkThenTakeNow('10.0.0.1', limiter, 'u:a')).toBe(false)
    expect(calls).toEqual([])
  })
})

describe('the server with counters in process and shared', () => {
  let server: RunningServer | undefined
  afterEach(async () => {
    await server?.close()
    server = undefined
  })

  it('on shared counters, awaits the sign-in check and request limit and still enforces it', async () => {
    server = await start({ rateLimit: { perMinute: 2 } })
    const user = await login(server, 'u_shared')
    const { counters, calls } = sharedCounters()
    server.app.limiter = new Limiter(counters, 'requests', 2)
    server.app.guard = new AuthGuard(server.app.limits, counters)
    const codes: number[] = []
    for (let i = 0; i < 3; i++) codes.push((await user.get('/v1/tickets')).status)
    expect(codes).toEqual([200, 200, 429])
    expect(calls).toEqual(Array.from({ length: 3 }, () => 'peekThenTake auth-ip requests'))
    // A visitor's route takes the address's token through the awaited take.
    calls.length = 0
    expect((await fetch(`${server.url}/v1/availability`)).status).toBe(200)
    expect(calls).toEqual(['take requests'])
  })

  it('refuses an expired or forged session on the fast path and counts it against the address', async () => {
    server = await start({ limits: { authFailuresPerIpPerMinute: 1 } })
    const user = await login(server, 'u_fast')
    const list = (token: string): Promise<Response> =>
      fetch(`${server!.url}/v1/tickets`, { headers: { Authorization: `Bearer ${token}` } })
    expect((await list(user.token)).status).toBe(200)
    const expired = mintSession('test-secret', 'u_fast', 1000, Date.now() - 60_000).token
    const forged = mintSession('another-secret', 'u_fast', 60_000).token
    expect((await list(expired)).status).toBe(401)
    expect((await list(forged)).status).toBe(401)
    // The burst of two failures is spent: now even the valid session is refused from this address.
    const blocked = await list(user.token)
    expect(blocked.status).toBe(429)
    expect(((await blocked.json()) as { error: { code: string } }).error.code).toBe('auth_rate_limited')
  })
})
