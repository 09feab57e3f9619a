import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { BusinessHours } from '../../src/types.js'
import { compileRoutes, dispatch, type App } from './app.js'
import { checkDeployment, modeOf, type Mode } from './config.js'
import { mintIdentityToken, type IdentityClaims } from './identity.js'
import { AuthGuard, Limiter, defaultLimits, type Limits } from './limits.js'
import type { Db } from './db.js'
import { EventHub } from './events.js'
import { createFreshdeskProxy, type FreshdeskProxyOptions } from './freshdesk/index.js'
import { defaultHours } from './hours.js'
import { HttpError, sendError, sendJson } from './http.js'
import { storageHttpError } from './storageErrors.js'
import { agentRoutes } from './routes/agent.js'
import { agentSessionRoutes } from './routes/agentSession.js'
import { attachmentRoutes, makeRefOut, sweepUnattached } from './routes/attachments.js'
import { chatRoutes } from './routes/chat.js'
import { publicRoutes } from './routes/public.js'
import { ticketRoutes } from './routes/tickets.js'
import { serveStatic, type Mount } from './static.js'
import { SqliteStore } from './store/sqlite.js'
import type { Store } from './store/types.js'

/**
 * Options of the reference server. Nothing insecure is on by default: no `/demo/token`, no CORS,
 * a random secret and agent key unless given. Tests and the demo opt in explicitly.
 */
export interface ServerOptions {
  /** 0 = a random free port (tests). Default 0. */
  port?: number
  /** Default 127.0.0.1. Any other address makes this a deployment. */
  host?: string
  /**
   * `deployment` refuses demo or short secrets, a missing `publicUrl` and `demoTokens`. Always a
   * deployment with NODE_ENV=production or a non-loopback `host`; `demo` cannot override that.
   */
  mode?: Mode
  /** SQLite file, or ':memory:' (default). Ignored when `databaseUrl` is set. */
  dbPath?: string
  /**
   * `postgres://…`: use Postgres instead of SQLite (migrations run at start; several instances
   * may share it: events, rate limits and quotas are shared through it). docs/deploying.md.
   */
  databaseUrl?: string
  /** Postgres only: keep upload bytes in files under this folder instead of in the database. */
  attachmentsDir?: string
  /** Serve the database read-only (also chosen by itself when the file cannot be written). */
  readOnly?: boolean
  /** Secret shared with the host app's backend (signs identify JWTs, sessions, links). Default: random per start. */
  secret?: string
  /** Agent API key. Default: random per start (agent API unusable until one is set). */
  agentKey?: string
  /** Origin clients reach the server on; all links are built from it. Default: the listening address. */
  publicUrl?: string
  /** Number of reverse proxies in front whose X-Forwarded-For may be trusted. Default 0. */
  trustProxy?: number
  /** Project root: serves examples/wallet-demo at `/` and dist/ at `/dist/`. */
  staticRoot?: string
  rateLimit?: { perMinute: number; burst?: number }
  /** Abuse limits (limits.ts); each defaults to `defaultLimits`. */
  limits?: Partial<Limits>
  /** Log one line per request (path only: queries can carry tokens) to stdout. */
  log?: boolean
  /** Exact origins allowed to call the user API cross-origin. Default none. Agent routes never get CORS. */
  corsOrigins?: string[]
  /** Business hours; null = always open. Default Asia/Shanghai 09:00–21:00 daily. */
  hours?: BusinessHours | null
  /** `open` also needs an agent console connected. Default false. */
  requireAgentOnline?: boolean
  sessionTtlSeconds?: number
  /** Agent console sessions. Default 8 h. */
  agentSessionTtlSeconds?: number
  maxUploadBytes?: number
  /** How many events the resume window keeps. Default 10 000. */
  keepEvents?: number
  heartbeatMs?: number
  /** Serve GET /demo/token, which mints a session for anyone. Demo only; default off. */
  demoTokens?: boolean
  /** Freshdesk proxy mode under `/freshdesk/v1` (freshdesk/README.md). The API key stays here. */
  freshdesk?: FreshdeskProxyOptions
}

export interface RunningServer {
  url: string
  port: number
  mode: Mode
  /** The better-sqlite3 handle (SQLite only; throws on Postgres: use `store`). */
  db: Db
  store: Store
  app: App
  /** Reads work, writes answer 503 `read_only` with Retry-After. */
  readOnly: boolean
  /** Mints the identify JWT the host backend would (for tests and the demo). */
  userToken(userId: string, claims?: Omit<IdentityClaims, 'sub'>, ttlSeconds?: number): string
  /** Deletes uploads never attached after `limits.unattachedUploadTtlMs` (also runs hourly); returns how many. */
  sweepUploads(now?: number): Promise<number>
  close(): Promise<void>
}

const consoleDir = fileURLToPath(new URL('./console/', import.meta.url))
const ALLOW_HEADERS = 'Authorization, Content-Type, Idempotency-Key, X-File-Name, Last-Event-ID'
/**
 * A request target that `new URL(target, base).pathname` gives back unchanged: a path of letters,
 * digits, `_`, `-`, `~` and `/`, with no query, dot segment, escape or leading `//` (a host).
 */
export const PLAIN_PATH = /^\/(?!\/)[\w\-~/]*$/

/** The request target as a URL; one URL cannot parse (`http://[bad/`) is the client's mistake, a 400. */
function parseTarget(target: string): URL {
  try {
    return new URL(target, 'http://local')
  } catch {
    throw new HttpError(400, 'malformed_request', 'request target is not a valid URL')
  }
}

/**
 * Starts the reference backend: REST API under /v1, SSE, agent API and console, static demo.
 * @example const s = await startServer({ port: 0 }); await fetch(`${s.url}/v1/availability`); await s.close()
 */
export async function startServer(opts: ServerOptions = {}): Promise<RunningServer> {
  const host = opts.host ?? '127.0.0.1'
  // A public address or NODE_ENV=production always makes a deployment; `mode` can only tighten that.
  const mode = modeOf(process.env, host) === 'deployment' ? 'deployment' : (opts.mode ?? 'demo')
  if (mode === 'deployment') checkDeployment(opts)
  const store = await openStore(opts)
  const secret = opts.secret ?? randomBytes(32).toString('hex')
  const limits: Limits = { ...defaultLimits, ...opts.limits }
  const hub = new EventHub(store, {
    keep: opts.keepEvents ?? 10_000,
    heartbeatMs: opts.heartbeatMs ?? 15_000,
    streamsPerUser: limits.streamsPerUser,
  })
  const links = { publicUrl: opts.publicUrl ?? '' }
  const app: App = {
    store,
    hub,
    secret,
    limits,
    agentKey: opts.agentKey ?? randomBytes(32).toString('hex'),
    sessionTtlMs: (opts.sessionTtlSeconds ?? 900) * 1000,
    maxUploadBytes: opts.maxUploadBytes ?? 10 * 1024 * 1024,
    hours: opts.hours === undefined ? defaultHours : opts.hours,
    requireAgentOnline: opts.requireAgentOnline ?? false,
    limiter: new Limiter(store.counters, 'requests', opts.rateLimit?.perMinute ?? 600, opts.rateLimit?.burst),
    guard: new AuthGuard(limits, store.counters),
    get publicUrl() {
      return links.publicUrl
    },
    trustProxy: opts.trustProxy ?? 0,
    refOut: makeRefOut(secret, () => links.publicUrl, limits.attachmentLinkTtlMs),
  }
  const agentSessionTtlMs = (opts.agentSessionTtlSeconds ?? 8 * 3600) * 1000
  const routes = compileRoutes([
    ...publicRoutes(),
    ...attachmentRoutes(),
    ...ticketRoutes(),
    ...chatRoutes(),
    ...agentSessionRoutes(agentSessionTtlMs),
    ...agentRoutes(),
  ])
  const mounts: Mount[] = [{ prefix: '/console/', dir: consoleDir }]
  if (opts.staticRoot) {
    mounts.push({
      prefix: '/dist/',
      dir: join(opts.staticRoot, 'dist'),
      missingHint: 'dist/ is missing: run `npm run build` first',
    })
    mounts.push({
      prefix: '/',
      dir: join(opts.staticRoot, 'examples', 'wallet-demo'),
      missingHint: 'examples/wallet-demo is missing',
    })
  }
  const demoTokens = opts.demoTokens === true
  const corsOrigins = new Set((opts.corsOrigins ?? []).filter((o) => o !== 'null' && o !== '*'))
  const freshdesk = opts.freshdesk ? createFreshdeskProxy(app, opts.freshdesk) : undefined

  /** CORS only for the user API, only for listed origins; agent routes and the demo never get it. */
  const cors = (req: IncomingMessage, res: ServerResponse, path: string): boolean => {
    const origin = req.headers.origin
    const userApi = (path.startsWith('/v1/') && !path.startsWith('/v1/agent/')) || path.startsWith('/freshdesk/v1/')
    if (!origin || !userApi) return false
    res.setHeader('Vary', 'Origin')
    if (!corsOrigins.has(origin)) return false
    res.setHeader('Access-Control-Allow-Origin', origin)
    res.setHeader('Access-Control-Expose-Headers', 'Date, Retry-After, Idempotent-Replayed, Content-Disposition')
    return true
  }

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const started = performance.now()
    let url: URL | undefined
    let path: string | undefined
    if (opts.log)
      res.on('finish', () =>
        console.log(`${req.method} ${path ?? '/'} ${res.statusCode} ${(performance.now() - started).toFixed(1)}ms`),
      )
    try {
      const target = req.url ?? '/'
      // A plain path is its own pathname: the URL is then parsed only when something asks for it.
      path = PLAIN_PATH.test(target) ? target : (url = parseTarget(target)).pathname
      const allowed = cors(req, res, path)
      if (req.method === 'OPTIONS') {
        res.writeHead(
          204,
          allowed
            ? {
                'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
                'Access-Control-Allow-Headers': ALLOW_HEADERS,
                'Access-Control-Max-Age': '600',
              }
            : {},
        )
        res.end()
        return
      }
      if (path === '/v1' || path.startsWith('/v1/')) return await dispatch(app, routes, req, res, path, url)
      url ??= parseTarget(target)
      if (freshdesk && (await freshdesk(req, res, url))) return
      if (path === '/healthz') return sendJson(res, 200, { ok: true })
      if (path === '/demo/token') {
        const userId = url.searchParams.get('userId')
        if (!demoTokens) throw new HttpError(404, 'not_found', 'not found')
        if (!userId || userId.length > 128)
          throw new HttpError(400, 'rejected', 'userId required', { fields: { userId: 'Required' } })
        const name = url.searchParams.get('name')?.slice(0, 200)
        return sendJson(res, 200, {
          userId,
          token: mintIdentityToken(secret, { sub: userId, ...(name ? { name } : {}) }),
        })
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
    server.listen(opts.port ?? 0, host, () => resolveListen())
  })
  const port = (server.address() as AddressInfo).port
  const url = `http://${host !== '0.0.0.0' && host !== '::' ? (host.includes(':') ? `[${host}]` : host) : '127.0.0.1'}:${port}`
  links.publicUrl = (opts.publicUrl ?? url).replace(/\/+$/, '')
  const readOnly = store.readOnly
  // A read-only database keeps its uploads: sweeping would write.
  const sweepUploads = async (now = Date.now()): Promise<number> => (readOnly ? 0 : sweepUnattached(app, now))
  const sweep = (): void =>
    void sweepUploads().catch((err: unknown) => console.error('[server] upload sweep failed', err))
  sweep()
  const sweeper = setInterval(sweep, Math.min(3600_000, limits.unattachedUploadTtlMs))
  sweeper.unref()
  let closed = false
  return {
    url,
    port,
    mode,
    store,
    app,
    sweepUploads,
    get db(): Db {
      if (store instanceof SqliteStore) return store.db
      throw new Error('RunningServer.db is the SQLite handle; this server runs on Postgres (use store)')
    },
    readOnly,
    userToken: (userId, claims = {}, ttlSeconds) => mintIdentityToken(secret, { ...claims, sub: userId }, ttlSeconds),
    async close() {
      if (closed) return
      closed = true
      clearInterval(sweeper)
      hub.close()
      await new Promise<void>((r) => {
        server.close(() => r())
        server.closeAllConnections()
      })
      await store.close()
    },
  }
}

/** SQLite (file or memory) unless a Postgres URL is given; the Postgres client loads only then. */
async function openStore(opts: ServerOptions): Promise<Store> {
  if (opts.databaseUrl) {
    const { PgStore } = await import('./store/pg.js')
    return PgStore.open(
      opts.databaseUrl,
      opts.attachmentsDir === undefined ? {} : { attachmentsDir: opts.attachmentsDir },
    )
  }
  return SqliteStore.open(opts.dbPath ?? ':memory:', opts.readOnly ? { readOnly: true } : {})
}
