import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningServer } from '../../../examples/server/server.js'
import { deployment, signIn, WALLET_ORIGIN, type User } from '../helpers.js'

// README, Durability → Clocks: "`Retry-After` dates are read against the same response's `Date`
// header and capped at 10 minutes; session expiry is compared with the server's time (device time
// + the skew measured from `Date`) … Cross-origin APIs must list `Date` in
// `Access-Control-Expose-Headers` for this; without it the device clock is used."
// docs/deploying.md: set `CORS_ORIGINS` "if the SDK runs on another origin".
// `Date` is not a CORS-safelisted response header, so a browser hides it from the SDK unless it
// is exposed. The reference server, deployed for a wallet on another origin, exposes only
// `Retry-After, Idempotent-Replayed, Content-Disposition`: the SDK it ships with cannot measure
// the skew, and a device clock a day off falls back to the device clock the README says it avoids.
let server: RunningServer
let user: User
beforeAll(async () => {
  server = await deployment()
  user = await signIn(server, 'cors-date')
})
afterAll(() => server.close())

describe('reference server on another origin than the wallet (CORS_ORIGINS)', () => {
  it('exposes Date to the allowed origin, so the SDK can measure clock skew', async () => {
    const res = await fetch(`${server.url}/v1/tickets`, { headers: { Origin: WALLET_ORIGIN, ...user.headers() } })
    expect(res.status).toBe(200)
    expect(res.headers.get('access-control-allow-origin')).toBe(WALLET_ORIGIN)
    const exposed = (res.headers.get('access-control-expose-headers') ?? '').toLowerCase().split(/\s*,\s*/)
    expect(exposed).toContain('date')
  })

  it('exposes Date on error answers too (a Retry-After date is read against it)', async () => {
    // Any error answer to an allowed origin carries the same CORS headers; a 401 is the cheapest.
    const res = await fetch(`${server.url}/v1/tickets`, {
      headers: { Origin: WALLET_ORIGIN, Authorization: 'Bearer x' },
    })
    expect(res.headers.get('access-control-allow-origin')).toBe(WALLET_ORIGIN)
    const exposed = (res.headers.get('access-control-expose-headers') ?? '').toLowerCase().split(/\s*,\s*/)
    expect(exposed).toContain('date')
  })
})
