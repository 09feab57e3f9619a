import { afterEach, describe, expect, it } from 'vitest'
import type { RunningServer } from '../../../examples/server/server.js'
import { key, login, start, ticketInput } from './helpers.js'

/**
 * The request target is parsed by `new URL` only when something reads the query (server.ts,
 * PLAIN_PATH): a signed-in request to a plain path, the common case, parses nothing. Counted by
 * wrapping the global URL while the requests run (the server resolves `URL` at call time).
 */
describe('the request URL, parsed on demand', () => {
  let server: RunningServer | undefined
  const Original = globalThis.URL
  afterEach(async () => {
    globalThis.URL = Original
    await server?.close()
    server = undefined
  })

  /** Targets the server parsed (`new URL(target, 'http://local')`) while `run` ran. */
  async function parsedDuring(run: () => Promise<unknown>): Promise<string[]> {
    const parsed: string[] = []
    globalThis.URL = class extends Original {
      constructor(input: string | URL, base?: string | URL) {
        super(input, base)
        if (base === 'http://local') parsed.push(String(input))
      }
    } as typeof URL
    try {
      await run()
    } finally {
      globalThis.URL = Original
    }
    return parsed
  }

  it('is not parsed for a plain path, signed in or not', async () => {
    server = await start()
    const user = await login(server, 'u_url')
    const parsed = await parsedDuring(async () => {
      expect((await user.post('/v1/tickets', ticketInput(), key())).status).toBe(201)
      expect((await user.get('/v1/tickets')).status).toBe(200)
      expect((await fetch(`${server!.url}/v1/availability`, { headers: user.headers() })).status).toBe(200)
      expect((await fetch(`${server!.url}/v1/availability`)).status).toBe(200)
    })
    expect(parsed).toEqual([])
  })

  it('is parsed where the query counts: a stream token, a handler reading its query', async () => {
    server = await start()
    const user = await login(server, 'u_url2')
    const stop = new AbortController()
    const parsed = await parsedDuring(async () => {
      const stream = await fetch(`${server!.url}/v1/events?token=${user.token}`, { signal: stop.signal })
      expect(stream.status).toBe(200)
      stop.abort()
      expect((await user.get('/v1/articles?locale=en')).status).toBe(200)
    })
    expect(parsed).toEqual([`/v1/events?token=${user.token}`, '/v1/articles?locale=en'])
  })
})
