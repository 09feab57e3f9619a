import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { BusinessHours } from '../../src/types.js'
import { compileRoutes, dispatch, type App } from './app.js'
import { userToken } from './auth.js'
import { isReadOnly, openDb, type Db } from './db.js'
import { EventHub } from './events.js'
import { createFreshdeskProxy, type FreshdeskProxyOptions } from './freshdesk/index.js'
import { defaultHours } from './hours.js'
import { HttpError, sendError, sendJson } from './http.js'
import { storageHttpError } from './storageErrors.js'
import { createRateLimiter } from './rateLimit.js'
import { agentRoutes } from './routes/agent.js'
import { attachmentRoutes, makeRefOut } from './routes/attachments.js'
import { chatRoutes } from './routes/chat.js'
import { publicRoutes } from './routes/public.js'
import { ticketRoutes } from './routes/tickets.js'
import { serveStatic, type Mount } from './static.js'

/** Options of the reference server; every one has a demo-friendly default. */
export interface ServerOptions {
  /** 0 = a random free port (tests). Default 0. */
  port?: number
  /** Default 127.0.0.1: the demo is not meant to face a network. */
  host?: string
  /** SQLite file, or ':memory:' (default). */
  dbPath?: string
  /** Serve the database read-only (also chosen by itself when the file cannot be written). */
  readOnly?: boolean
  /** HMAC secret shared with the host app's backend. Default: random per start. */
  secret?: string
  /** Agent API key. Default 'demo-agent'. */
  agentKey?: string
  /** Project root: serves examples/wallet-demo at `/` and dist/ at `/dist/`. */
  staticRoot?: string
  rateLimit?: { perMinute: number; burst?: number }
  /** Log one line per request to stdout. */
  log?: boolean
  /** Allowed CORS origins; default any origin (reflected, never `*`). */
  corsOrigins?: string[] | 'any'
  /** Business hours; null = always open. Default Asia/Shanghai 09:00–21:00 daily. */
  hours?: BusinessHours | null
  /** `open` also needs an agent console connected. Default false. */
  requireAgentOnline?: boolean
  sessionTtlSeconds?: number
  maxUploadBytes?: number
  /** How many events the resume window keeps. Default 10 000. */
  keepEvents?: number
  heartbeatMs?: number
  /** Serve GET /demo/token (demo only). Default: on unless NODE_ENV=production. */
  demoTokens?: boolean
  /** Freshdesk proxy mode under `/freshdesk/v1` (freshdesk/README.md). The API key stays here. */
  freshdesk?: FreshdeskProxyOptions
}

export interface RunningServer {
  url: string
  port: number
  db: Db
  app: App
  /** Reads work, writes answer 503 `read_only` with Retry-After. */
  readOnly: boolean
  /** Mints the identify token the host backend would (for tests and the demo). */
  userToken(userId: string): string
  close(): Promise<void>
}

const consoleDir = fileURLToPath(new URL('./console/', import.meta.url))
const ALLOW_HEADERS = 'Authorization, Content-Type, Idempotency-Key, X-File-Name, Last-Event-ID, X-Agent-Key'

/**
 * Starts the reference backend: REST API under /v1, SSE, agent API and console, static demo.
 * @example const s = await startServer({ port: 0 }); await fetch(`${s.url}/v1/availability`); await s.close()
 */
export async function startServer(opts: ServerOptions = {}): Promise<RunningServer> {
  const db = openDb(opts.dbPath ?? ':memory:', opts.readOnly ? { readOnly: true } : {})
  const secret = opts.secret ?? randomBytes(32).toString('hex')
  const hub = new EventHub(db, { keep: opts.keepEvents ?? 10_000, heartbeatMs: opts.heartbeatMs ?? 15_000 })
  const app: App = {
    db, hub, secret,
    agentKey: opts.agentKey ?? 'demo-agent',
    sessionTtlMs: (opts.sessionTtlSeconds ?? 900) * 1000,
    maxUploadBytes: opts.maxUploadBytes ?? 10 * 1024 * 1024,
    hours: opts.hours === undefined ? defaultHours : opts.hours,
    requireAgentOnline: opts.requireAgentOnline ?? false,
    limiter: createRateLimiter(opts.rateLimit ?? { perMinute: 600 }),
    refOut: makeRefOut(secret),
    tx: db.transaction(<T>(fn: () => T): T => fn()) as <T>(fn: () => T) => T,
  }
  const routes = compileRoutes([...publicRoutes(), ...attachmentRoutes(), ...ticketRoutes(), ...chatRoutes(), ...agentRoutes()])
  const mounts: Mount[] = [{ prefix: '/console/', dir: consoleDir }]
  if (opts.staticRoot) {
    mounts.push({ prefix: '/dist/', dir: join(opts.staticRoot, 'dist'), missingHint: 'dist/ is missing: run `npm run build` first' })
    mounts.push({ prefix: '/', dir: join(opts.staticRoot, 'examples', 'wallet-demo'), missingHint: 'examples/wallet-demo is missing' })
  }
  const demoTokens = opts.demoTokens ?? process.env.NODE_ENV !== 'production'
  const freshdesk = opts.freshdesk ? createFreshdeskProxy(app, opts.freshdesk) : undefined

  const cors = (req: IncomingMessage, res: ServerResponse): void => {
    const origin = req.headers.origin
    if (!origin) return
    const allowed = opts.corsOrigins === undefined || opts.corsOrigins === 'any' || opts.corsOrigins.includes(origin)
    res.setHeader('Vary', 'Origin')
    if (!allowed) return
    res.setHeader('Access-Control-Allow-Origin', origin)
    res.setHeader('Access-Control-Expose-Headers', 'Retry-After, Idempotent-Replayed, Content-Disposition')
  }

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const started = performance.now()
    if (opts.log) res.on('finish', () => console.log(`${req.method} ${req.url} ${res.statusCode} ${(performance.now() - started).toFixed(1)}ms`))
    try {
      const url = new URL(req.url ?? '/', 'http://local')
      cors(req, res)
      if (req.method === 'OPTIONS') {
        res.writeHead(204, {
          'Access-Control-Allow-Methods': 'GET, POST, OPTIONS', 'Access-Control-Allow-Headers': ALLOW_HEADERS,
          'Access-Control-Max-Age': '600',
        })
        res.end()
        return
      }
      const path = url.pathname
      if (path === '/v1' || path.startsWith('/v1/')) return await dispatch(app, routes, req, res, url)
      if (freshdesk && (await freshdesk(req, res, url))) return
      if (path === '/healthz') return sendJson(res, 200, { ok: true })
      if (path === '/demo/token') {
        const userId = url.searchParams.get('userId')
        if (!demoTokens) throw new HttpError(404, 'not_found', 'not found')
        if (!userId) throw new HttpError(400, 'rejected', 'userId required', { fields: { userId: 'Required' } })
        return sendJson(res, 200, { userId, token: userToken(secret, userId) })
      }
      if (await serveStatic(req, res, mounts, path)) return
      throw new HttpError(404, 'not_found', path === '/' ? 'no static root configured' : 'not found')
    } catch (err) {
      if (err instanceof HttpError) return sendError(res, err)
      // Busy, full, read-only or failing storage: retryable, and the client is told when.
      const storage = storageHttpError(err)
      if (storage) return sendError(res, storage)
      console.error('[server] unexpected error', err)
      sendError(res, new HttpError(500, 'server', 'internal error'))
    }
  }

  const server = createServer((req, res) => void handle(req, res))
  server.keepAliveTimeout = 30_000
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject)
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolveListen())
  })
  const port = (server.address() as AddressInfo).port
  let closed = false
  return {
    url: `http://${opts.host && opts.host !== '0.0.0.0' ? opts.host : '127.0.0.1'}:${port}`,
    port, db, app,
    readOnly: isReadOnly(db),
    userToken: (userId) => userToken(secret, userId),
    async close() {
      if (closed) return
      closed = true
      hub.close()
      await new Promise<void>((r) => {
        server.close(() => r())
        server.closeAllConnections()
      })
      db.close()
    },
  }
}
