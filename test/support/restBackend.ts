import { restTransport } from '../../src/transports/rest.js'

export const jsonResponse = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })

/**
 * `fetch` for the reference REST API: `/v1/identify` signs the user in with the token
 * `bearer-of-<id>` (once `gate` resolves, if given), every other path answers `[]`. Records who
 * was signed in and the Authorization header of every other request.
 */
export function restBackend(gate?: Promise<unknown>) {
  const identified: string[] = []
  const authorized: Array<string | null> = []
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = String(input instanceof Request ? input.url : input)
    if (url.endsWith('/v1/identify')) {
      await gate
      const { userId } = JSON.parse(String(init?.body)) as { userId: string }
      identified.push(userId)
      return jsonResponse({ userId, token: `bearer-of-${userId}` })
    }
    authorized.push(new Headers(init?.headers).get('Authorization'))
    return jsonResponse([])
  }
  return { fetch, identified, authorized }
}

/**
 * A REST transport over `fetch` whose host token callback never answers the first time it is
 * asked (that sign-in times out after `timeoutMs`) and answers at once after; `asked()` counts.
 */
export function tokenLateOnce(fetch: typeof globalThis.fetch, timeoutMs: number) {
  let calls = 0
  const transport = restTransport({
    baseUrl: 'https://api.test',
    fetch,
    retries: 0,
    timeoutMs,
    getUserToken: () => (calls++ == 0 ? new Promise<string>(() => {}) : Promise.resolve('jwt')),
  })
  return { transport, asked: () => calls }
}
