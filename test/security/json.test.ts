import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { jsonDepth } from '../../examples/server/http.js'
import type { RunningServer } from '../../examples/server/server.js'
import { AGENT_KEY, deployment, errorCode, post, signIn, type User } from './helpers.js'

let server: RunningServer
let user: User
beforeAll(async () => {
  server = await deployment()
  user = await signIn(server, 'json-user')
})
afterAll(async () => server?.close())

const deep = (n: number): string => `${'['.repeat(n)}${']'.repeat(n)}`

describe('attack: `[` × 100,000 as a JSON body overflows the stack in canonicalJson', () => {
  it.each(['/v1/tickets', '/v1/conversations', '/v1/identify'])(
    'answers 400 malformed_request on %s and keeps serving',
    async (path) => {
      const res = await post(server, path, path === '/v1/identify' ? undefined : user, '['.repeat(100_000))
      expect(res.status).toBe(400)
      expect(await errorCode(res)).toBe('malformed_request')
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200)
    },
  )

  it('refuses nesting past 64 levels on agent routes too, and lets ordinary depth through to validation', async () => {
    const agentPost = (body: string): Promise<Response> =>
      fetch(`${server.url}/v1/agent/tickets/tk_x/comments`, {
        method: 'POST',
        headers: { 'X-Agent-Key': AGENT_KEY, 'Content-Type': 'application/json' },
        body,
      })
    const tooDeep = await agentPost(deep(65))
    expect(tooDeep.status).toBe(400)
    expect(await errorCode(tooDeep)).toBe('malformed_request')
    const fine = await post(server, '/v1/tickets', user, { nested: JSON.parse(deep(63)) as unknown })
    expect(fine.status).toBe(400)
    expect(await errorCode(fine)).toBe('rejected')
  })

  it('counts depth without recursion, ignoring brackets inside strings', () => {
    expect(jsonDepth('{"a":"[[[[[[[[[[","b":[1,{"c":[]}]}')).toBe(4)
    expect(jsonDepth('["\\"[["]')).toBe(1)
    expect(jsonDepth('['.repeat(1_000_000))).toBe(1_000_000)
  })
})
