/**
 * A request that fails before anything of it left the device (its sign-in failed) throws its own
 * "not sent" view of the shared sign-in error. That view was a plain object whose prototype was
 * the error: `instanceof` held, but it was no Error to the platform (no [[ErrorData]]), so
 * `structuredClone` (postMessage to a worker, IndexedDB) kept only `sent`, and JSON-based error
 * reporters saw `{"sent":false}` without its code, status or message. It is a real Error of the
 * same class now, with the shared error's fields, message and cause.
 */
import { types } from 'node:util'
import { describe, expect, it } from 'vitest'
import { HelpFeedbackError, ServerError } from '../../../src/errors/index.js'
import { createHttp } from '../../../src/transports/http.js'

describe("a request's not-sent view of a sign-in error", () => {
  it('is a real Error of the same class, with the fields error tools read', async () => {
    const cause = new Error('identify answered 503')
    const shared = new ServerError(503, 'sign-in failed', { cause })
    let fetched = 0
    const http = createHttp({
      baseUrl: 'https://api.test',
      getToken: () => Promise.reject(shared),
      fetch: async () => (fetched++, new Response('{}')),
    })
    const view = (await http.request('/v1/tickets').catch((e: unknown) => e)) as ServerError
    expect(fetched).toBe(0)
    expect(view).not.toBe(shared)
    expect(shared.sent).toBeUndefined()

    expect(view).toBeInstanceOf(ServerError)
    expect(view).toBeInstanceOf(HelpFeedbackError)
    expect(types.isNativeError(view)).toBe(true)
    expect(Object.prototype.toString.call(view)).toBe('[object Error]')
    expect(view).toMatchObject({ name: 'ServerError', code: 'server', status: 503, retryable: true, sent: false })
    expect(view.message).toBe('sign-in failed')
    expect(view.cause).toBe(cause)
    expect(view.stack).toMatch(/^ServerError: sign-in failed/)
    // What a reporter serialises: the shared error's own fields, and `sent`.
    expect(JSON.parse(JSON.stringify(view))).toEqual({ ...JSON.parse(JSON.stringify(shared)), sent: false })
    // What crosses postMessage or goes into IndexedDB: an Error, as the shared one would be.
    const clone = structuredClone(view)
    expect(clone).toBeInstanceOf(Error)
    expect(clone.message).toBe('sign-in failed')
    expect(clone.name).toBe('Error')
  })
})
