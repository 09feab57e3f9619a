import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { setFlagsFromString } from 'node:v8'
import { afterEach, describe, expect, it } from 'vitest'
import { compileRoutes, dispatch, type Ctx } from '../../../examples/server/app.js'
import type { RunningServer } from '../../../examples/server/server.js'
import { start } from './helpers.js'

/**
 * A request's context has fast properties and no accessor of its own. An object literal with a
 * `get url()` closure had dictionary properties and an accessor pair that V8 allocates in the old
 * generation: it held the closure, and through it the request, its response and body, past every
 * young collection until the next full one (bench/serverCount.ts --tool alloc: about 5.7 kB of
 * each create promoted; 0.1 kB with the class).
 */
describe('the request context', () => {
  let server: RunningServer | undefined
  let probe: Server | undefined
  afterEach(async () => {
    await new Promise((r) => (probe ? probe.close(r) : r(undefined)))
    await server?.close()
    probe = server = undefined
  })

  it('has fast properties and one shape, and its URL comes from the prototype', async () => {
    server = await start()
    const app = server.app
    const seen: { ctx: Ctx; urlOwn: boolean; pathname: string }[] = []
    const routes = compileRoutes([
      {
        method: 'GET',
        path: '/v1/probe/:id',
        auth: 'none',
        handle: async (ctx) => {
          const urlOwn = Object.getOwnPropertyDescriptor(ctx, 'url') !== undefined
          seen.push({ ctx, urlOwn, pathname: ctx.url.pathname })
          return { status: 200, body: { id: ctx.params.id, q: ctx.url.searchParams.get('q') } }
        },
      },
    ])
    probe = createServer((req, res) => void dispatch(app, routes, req, res, (req.url ?? '/').split('?')[0]!))
    await new Promise<void>((r) => probe!.listen(0, '127.0.0.1', r))
    const base = `http://127.0.0.1:${(probe.address() as AddressInfo).port}`
    for (const id of ['a', 'b']) {
      const r = await fetch(`${base}/v1/probe/${id}?q=${id}${id}`)
      expect(r.status).toBe(200)
      expect(await r.json()).toEqual({ id, q: `${id}${id}` })
    }
    expect(seen.map((s) => [s.urlOwn, s.pathname])).toEqual([
      [false, '/v1/probe/a'],
      [false, '/v1/probe/b'],
    ])
    setFlagsFromString('--allow-natives-syntax')
    const fast = new Function('o', 'return %HasFastProperties(o)') as (o: unknown) => boolean
    const sameMap = new Function('a', 'b', 'return %HaveSameMap(a, b)') as (a: unknown, b: unknown) => boolean
    expect(fast(seen[0]!.ctx)).toBe(true)
    expect(sameMap(seen[0]!.ctx, seen[1]!.ctx)).toBe(true)
  })
})
