import { afterEach, describe, expect, it, vi } from 'vitest'
import { createHttp, parseRetryAfter } from '../../../src/transports/http.js'
import {
  MalformedResponseError,
  NotFoundError,
  OfflineError,
  RateLimitedError,
  RejectedError,
  ServerError,
  TimeoutError,
  UnauthorizedError,
} from '../../../src/errors/index.js'

type Step = Response | Error | ((request: Request) => Response | Promise<Response>)

/** A fetch that plays the given answers in order and records each request. */
function script(...steps: Step[]) {
  const requests: Request[] = []
  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init)
    requests.push(request)
    const step = steps.shift()
    if (!step) throw new Error('no more scripted answers')
    if (step instanceof Error) throw step
    return typeof step === 'function' ? step(request) : step
  })
  return { fetch: fetch as unknown as typeof globalThis.fetch, requests }
}

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } })
const protocolError = (
  status: number,
  code: string,
  extra: Record<string, unknown> = {},
  headers: Record<string, string> = {},
) => json({ error: { code, message: `${code} happened`, ...extra } }, status, headers)

/** Like a real fetch: never answers, rejects with the signal's reason once aborted. */
const hang: Step = (request) =>
  new Promise((_, reject) => {
    if (request.signal.aborted) reject(request.signal.reason)
    request.signal.addEventListener('abort', () => reject(request.signal.reason))
  })

async function failure(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => expect.unreachable('expected a failure'),
    (e: unknown) => e,
  )
}

afterEach(() => void vi.unstubAllGlobals())

describe('parseRetryAfter', () => {
  it('reads delay-seconds', () => {
    expect(parseRetryAfter('3')).toBe(3000)
    expect(parseRetryAfter(' 0 ')).toBe(0)
    expect(parseRetryAfter('1.5')).toBe(1500)
  })
  it('reads an HTTP date relative to now, past dates as 0', () => {
    const at = Date.parse('Wed, 21 Oct 2026 07:28:00 GMT')
    expect(parseRetryAfter('Wed, 21 Oct 2026 07:28:00 GMT', at - 5000)).toBe(5000)
    expect(parseRetryAfter('Wed, 21 Oct 2026 07:28:00 GMT', at + 5000)).toBe(0)
  })
  it('ignores absent or unreadable values', () => {
    expect(parseRetryAfter(null)).toBeUndefined()
    expect(parseRetryAfter('soon')).toBeUndefined()
    expect(parseRetryAfter('-1')).toBeUndefined()
  })
})

describe('createHttp error mapping', () => {
  const call = (step: Step, retries = 0) =>
    createHttp({ baseUrl: 'https://api.test/', retries, fetch: script(step).fetch }).request('/v1/x')

  it('400 with protocol fields → RejectedError with field errors', async () => {
    const e = await failure(call(protocolError(400, 'rejected', { fields: { subject: 'Required' } })))
    expect(e).toBeInstanceOf(RejectedError)
    expect((e as RejectedError).fieldErrors).toEqual([{ field: 'subject', code: 'rejected', message: 'Required' }])
    expect((e as RejectedError).status).toBe(400)
  })
  it('422 problem+json errors[] → RejectedError with field errors', async () => {
    const body = {
      type: 'x',
      title: 'Invalid request',
      status: 422,
      errors: [{ field: 'subject', code: 'required', message: 'Subject is required' }],
    }
    const e = await failure(call(json(body, 422)))
    expect((e as RejectedError).fieldErrors).toEqual([
      { field: 'subject', code: 'required', message: 'Subject is required' },
    ])
    expect((e as RejectedError).message).toBe('Invalid request')
  })
  it('401 and 403 → UnauthorizedError; 404 → NotFoundError; 409 → RejectedError', async () => {
    expect(await failure(call(protocolError(401, 'unauthorized')))).toBeInstanceOf(UnauthorizedError)
    expect(await failure(call(new Response('', { status: 403 })))).toBeInstanceOf(UnauthorizedError)
    expect(await failure(call(protocolError(404, 'not_found')))).toBeInstanceOf(NotFoundError)
    const conflict = await failure(call(protocolError(409, 'conflict')))
    expect(conflict).toBeInstanceOf(RejectedError)
    expect((conflict as RejectedError).status).toBe(409)
  })
  it('429 → RateLimitedError with the Retry-After header, else the body hint', async () => {
    const withHeader = await failure(
      call(protocolError(429, 'rate_limited', { retryAfterMs: 1 }, { 'Retry-After': '30' })),
    )
    expect(withHeader).toBeInstanceOf(RateLimitedError)
    expect((withHeader as RateLimitedError).retryAfterMs).toBe(30_000)
    const bodyOnly = await failure(call(protocolError(429, 'rate_limited', { retryAfterMs: 2500 })))
    expect((bodyOnly as RateLimitedError).retryAfterMs).toBe(2500)
  })
  it('5xx, even with an HTML body from a proxy → ServerError with the status', async () => {
    const e = await failure(call(new Response('<h1>Bad gateway</h1>', { status: 502 })))
    expect(e).toBeInstanceOf(ServerError)
    expect((e as ServerError).status).toBe(502)
    expect((e as ServerError).retryable).toBe(true)
  })
  it('a fetch TypeError → OfflineError', async () => {
    expect(await failure(call(new TypeError('fetch failed')))).toBeInstanceOf(OfflineError)
  })
  it('navigator.onLine false → OfflineError', async () => {
    vi.stubGlobal('navigator', { onLine: false })
    expect(await failure(call(new Error('whatever')))).toBeInstanceOf(OfflineError)
  })
  it('no answer within timeoutMs → TimeoutError', async () => {
    const http = createHttp({ baseUrl: 'https://api.test', timeoutMs: 20, retries: 0, fetch: script(hang).fetch })
    expect(await failure(http.request('/v1/x'))).toBeInstanceOf(TimeoutError)
  })
  it('200 with a body that is not JSON → MalformedResponseError', async () => {
    expect(await failure(call(new Response('<html>', { status: 200 })))).toBeInstanceOf(MalformedResponseError)
  })
  it('a caller abort is passed through, not disguised as a failure', async () => {
    const controller = new AbortController()
    const http = createHttp({ baseUrl: 'https://api.test', fetch: script(hang).fetch })
    const pending = http.request('/v1/x', { signal: controller.signal })
    controller.abort(new DOMException('user left', 'AbortError'))
    const e = await failure(pending)
    expect((e as DOMException).name).toBe('AbortError')
  })
})

describe('createHttp retries and auth', () => {
  it('a token callback that never answers times the request out, nothing sent; the next asks again', async () => {
    const s = script(json({ ok: 1 }))
    let calls = 0
    const http = createHttp({
      baseUrl: 'https://api.test',
      timeoutMs: 30,
      fetch: s.fetch,
      getToken: () => (calls++ == 0 ? new Promise<string>(() => {}) : 'tok-2'),
    })
    expect(await failure(http.request('/v1/x'))).toBeInstanceOf(TimeoutError)
    expect(s.requests).toHaveLength(0)
    expect(await http.request('/v1/x')).toEqual({ ok: 1 })
    expect(s.requests.map((r) => r.headers.get('Authorization'))).toEqual(['Bearer tok-2'])
  })
  it('retries a GET on 503 honouring Retry-After', async () => {
    const s = script(protocolError(503, 'server', {}, { 'Retry-After': '0' }), json({ ok: 1 }))
    const http = createHttp({ baseUrl: 'https://api.test', fetch: s.fetch })
    expect(await http.request('/v1/x')).toEqual({ ok: 1 })
    expect(s.requests).toHaveLength(2)
  })
  it('does not wait inline for a Retry-After beyond maxRetryAfterMs', async () => {
    const s = script(protocolError(429, 'rate_limited', {}, { 'Retry-After': '60' }), json({ ok: 1 }))
    const http = createHttp({ baseUrl: 'https://api.test', fetch: s.fetch, maxRetryAfterMs: 1000 })
    expect(await failure(http.request('/v1/x'))).toBeInstanceOf(RateLimitedError)
    expect(s.requests).toHaveLength(1)
  })
  it('retries a keyed POST with the same key, never an unkeyed one', async () => {
    const keyed = script(protocolError(500, 'server'), json({ id: 't1' }, 201))
    await createHttp({ baseUrl: 'https://api.test', fetch: keyed.fetch }).request('/v1/t', {
      json: {},
      idempotencyKey: 'k-1',
    })
    expect(keyed.requests.map((r) => r.headers.get('Idempotency-Key'))).toEqual(['k-1', 'k-1'])
    const unkeyed = script(protocolError(500, 'server'), json({ id: 't1' }, 201))
    expect(
      await failure(createHttp({ baseUrl: 'https://api.test', fetch: unkeyed.fetch }).request('/v1/t', { json: {} })),
    ).toBeInstanceOf(ServerError)
    expect(unkeyed.requests).toHaveLength(1)
  })
  it('retries a GET after a network failure, but not after its own timeout', async () => {
    const flaky = script(new TypeError('fetch failed'), json({ ok: 1 }))
    expect(await createHttp({ baseUrl: 'https://api.test', fetch: flaky.fetch }).request('/v1/x')).toEqual({ ok: 1 })
    expect(flaky.requests).toHaveLength(2)
    const slow = script(hang, json({ ok: 1 }))
    const http = createHttp({ baseUrl: 'https://api.test', timeoutMs: 20, fetch: slow.fetch })
    expect(await failure(http.request('/v1/x'))).toBeInstanceOf(TimeoutError)
    expect(slow.requests).toHaveLength(1)
  })
  it('sends JSON with its Content-Type, and only the defined query parameters', async () => {
    const s = script(json({}))
    await createHttp({ baseUrl: 'https://api.test', fetch: s.fetch }).request('/v1/t', {
      method: 'PATCH',
      json: { a: '张' },
      searchParams: { q: 'a b', n: 2, none: undefined },
    })
    const [r] = s.requests
    expect([r!.method, r!.url, r!.headers.get('Content-Type')]).toEqual([
      'PATCH',
      'https://api.test/v1/t?q=a+b&n=2',
      'application/json',
    ])
    expect(await r!.json()).toEqual({ a: '张' })
  })
  it('sends the bearer from getToken, except when auth is false', async () => {
    const s = script(json({}), json({}))
    const http = createHttp({ baseUrl: 'https://api.test/base', getToken: () => 'tok', fetch: s.fetch })
    await http.request('/v1/a')
    await http.request('/v1/b', { auth: false, method: 'POST', json: {} })
    expect(s.requests.map((r) => [r.url, r.headers.get('Authorization')])).toEqual([
      ['https://api.test/base/v1/a', 'Bearer tok'],
      ['https://api.test/base/v1/b', null],
    ])
  })
  it('on 401 refreshes once and replays with the new token', async () => {
    let token = 'old'
    const refreshToken = vi.fn(async () => void (token = 'new'))
    const s = script(protocolError(401, 'unauthorized'), json({ ok: 1 }))
    const http = createHttp({ baseUrl: 'https://api.test', getToken: () => token, refreshToken, fetch: s.fetch })
    expect(await http.request('/v1/x')).toEqual({ ok: 1 })
    expect(refreshToken).toHaveBeenCalledTimes(1)
    expect(s.requests.map((r) => r.headers.get('Authorization'))).toEqual(['Bearer old', 'Bearer new'])
  })
  it('concurrent 401s share one refresh; a second 401 gives up', async () => {
    const refreshToken = vi.fn(() => new Promise<void>((r) => setTimeout(r, 10)))
    const s = script(
      protocolError(401, 'unauthorized'),
      protocolError(401, 'unauthorized'),
      json({ a: 1 }),
      protocolError(401, 'unauthorized'),
    )
    const http = createHttp({ baseUrl: 'https://api.test', getToken: () => 't', refreshToken, fetch: s.fetch })
    const [a, b] = await Promise.allSettled([http.request('/v1/a'), http.request('/v1/b')])
    expect(refreshToken).toHaveBeenCalledTimes(1)
    expect([a.status, b.status].sort()).toEqual(['fulfilled', 'rejected'])
    expect(b.status === 'rejected' ? b.reason : (a as PromiseRejectedResult).reason).toBeInstanceOf(UnauthorizedError)
  })
})
