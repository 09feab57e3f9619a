/**
 * The yardstick of `bench:server`: a bare node:http handler that answers the benchmarked routes
 * with the same JSON bodies (same bytes) as the reference server, and relays agent replies to SSE
 * streams, but does no auth, validation, storage or idempotency. What the reference server
 * reaches as a share of this is what its own work costs on top of Node's HTTP stack.
 * Run as a process: `node --import tsx bench/server/bare.ts` with PORT and BARE_BODIES (a JSON
 * file `{ "create": "…", "send": "…" }`); prints `listening <port>` once ready.
 */
import { readFileSync } from 'node:fs'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface BareBodies {
  create: string
  send: string
}

/** Used when no sample of the real responses is given (the smoke test). */
export const DEFAULT_BODIES: BareBodies = {
  create: JSON.stringify({
    id: 'tk_0000000000000000',
    status: 'new',
    subject: 'Top-up failed',
    category: 'topup_failed',
    priority: 'normal',
    createdAt: new Date(0).toISOString(),
    updatedAt: new Date(0).toISOString(),
  }),
  send: JSON.stringify({
    id: 'msg_000000000000000',
    conversationId: 'cv_0',
    seq: 1,
    author: 'user',
    kind: 'text',
    text: 'hello from the bench',
    attachments: [],
    createdAt: new Date(0).toISOString(),
  }),
}

function json(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
  })
  res.end(text)
}

function body(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

const bearer = (req: IncomingMessage, url: URL): string =>
  (/^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1] ?? url.searchParams.get('token') ?? '').replace(
    /^bare\./,
    '',
  )

export function startBare(
  port: number,
  bodies: BareBodies = DEFAULT_BODIES,
): Promise<{ server: Server; port: number; close(): Promise<void> }> {
  const streams = new Map<string, Set<ServerResponse>>()
  let eventId = 0
  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://bare')
      const path = url.pathname
      if (req.method === 'GET' && path === '/healthz') return json(res, 200, '{"ok":true}')
      if (req.method === 'GET' && path === '/v1/events') {
        const user = bearer(req, url)
        res.writeHead(200, {
          'Content-Type': 'text/event-stream; charset=utf-8',
          'Cache-Control': 'no-cache, no-transform',
          Connection: 'keep-alive',
        })
        res.socket?.setNoDelay(true)
        res.write('retry: 3000\n: connected\n\n')
        let set = streams.get(user)
        if (!set) streams.set(user, (set = new Set()))
        set.add(res)
        res.on('close', () => set.delete(res))
        return
      }
      if (req.method !== 'POST') return json(res, 404, '{"error":{"code":"not_found","message":"not found"}}')
      const text = await body(req)
      if (path === '/v1/identify') {
        const { userId } = JSON.parse(text) as { userId: string }
        return json(
          res,
          200,
          JSON.stringify({ userId, token: `bare.${userId}`, expiresAt: new Date(Date.now() + 900_000).toISOString() }),
        )
      }
      if (path === '/v1/conversations')
        return json(res, 201, JSON.stringify({ id: `cv_${bearer(req, url)}`, status: 'queued' }))
      if (path === '/v1/tickets') return json(res, 201, bodies.create)
      const agentReply = /^\/v1\/agent\/conversations\/cv_([^/]+)\/messages$/.exec(path)
      if (agentReply) {
        const user = decodeURIComponent(agentReply[1] ?? '')
        const { text: said } = JSON.parse(text) as { text: string }
        const message = {
          id: `msg_${++eventId}`,
          conversationId: `cv_${user}`,
          author: 'agent',
          authorName: 'Support',
          kind: 'text',
          text: said,
          attachments: [],
          createdAt: new Date().toISOString(),
        }
        const frame = `id: ${eventId}\ndata: ${JSON.stringify({ type: 'message', message })}\n\n`
        for (const s of streams.get(user) ?? []) s.write(frame)
        return json(res, 201, JSON.stringify(message))
      }
      if (/^\/v1\/conversations\/[^/]+\/messages$/.test(path)) return json(res, 201, bodies.send)
      return json(res, 404, '{"error":{"code":"not_found","message":"not found"}}')
    })().catch(() => json(res, 400, '{"error":{"code":"rejected","message":"bad request"}}'))
  })
  server.keepAliveTimeout = 30_000
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => {
      const actual = (server.address() as AddressInfo).port
      resolve({
        server,
        port: actual,
        close: () =>
          new Promise<void>((r) => {
            for (const set of streams.values()) for (const s of set) s.end()
            server.close(() => r())
            server.closeAllConnections()
          }),
      })
    })
  })
}

if (process.argv[1] && /bare\.ts$/.test(process.argv[1])) {
  const bodies = process.env.BARE_BODIES
    ? (JSON.parse(readFileSync(process.env.BARE_BODIES, 'utf8')) as BareBodies)
    : DEFAULT_BODIES
  const bare = await startBare(Number(process.env.PORT ?? 0), bodies)
  console.log(`listening ${bare.port}`)
  const stop = (): void => void bare.close().then(() => process.exit(0))
  process.on('SIGTERM', stop)
  process.on('SIGINT', stop)
}
