import { describe, expect, it } from 'vitest'
import { OfflineError } from '../../../src/errors/index.js'
import { decideFailure } from '../../../src/outbox/policy.js'
import { createHttp } from '../../../src/transports/http.js'

const call = (response: Response) =>
  createHttp({ baseUrl: 'https://api.test/', retries: 0, fetch: (async () => response) as typeof fetch })
    .request('/v1/tickets', { method: 'POST', json: {}, idempotencyKey: 'k1' })
    .then(
      () => expect.unreachable('expected a failure'),
      (e: unknown) => e,
    )

describe('an answer from a proxy between the device and the server', () => {
  it('407 Proxy Authentication Required: the request never reached the server, the report is not refused', async () => {
    const e = await call(
      new Response('<html><body>Please sign in to the proxy</body></html>', {
        status: 407,
        headers: { 'Content-Type': 'text/html' },
      }),
    )
    expect(e).toBeInstanceOf(OfflineError)
    expect(decideFailure(e, 1, () => 0.5).retry).toBe(true)
  })
})
