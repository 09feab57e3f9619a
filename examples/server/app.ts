import { hash } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { BusinessHours } from '../../src/types.js'
import { agentCredential, bearerFrom, verifySession } from './auth.js'
import type { EventHub } from './events.js'
import { HttpError, canonicalJson, notFound, readJsonBody, rejected, storableText } from './http.js'
import { clientIp, tooMany, type AuthGuard, type Limiter, type Limits } from './limits.js'
import type { RefOut } from './model.js'
import type { IdemRow, Repo, Store } from './store/types.js'

/** Shared state every route handler receives. */
export interface App {
  /** The database (SQLite or Postgres); handlers reach it only through `store.tx`. */
  store: Store
  hub: EventHub
  secret: string
  agentKey: string
  sessionTtlMs: number
  maxUploadBytes: number
  /** null = open around the clock. */
  hours: BusinessHours | null
  requireAgentOnline: boolean
  /** Request rate limit: 0 when allowed, else the wait in ms (shared by instances on Postgres). */
  limiter: Limiter
  limits: Limits
  /** Failed-authentication counters per IP and per target. */
  guard: AuthGuard
  /** Configured public origin; every absolute link is built from it, never from `Host`. */
  publicUrl: string
  /** Proxy hops whose X-Forwarded-For entries are trusted (0 = none). */
  trustProxy: number
  /** Turns a stored attachment ref into one with an absolute, signed, expiring download URL for `viewer`. */
  refOut(viewer: Viewer): RefOut
}

/** Whom an attachment link is made for: the user of the request, or agents. */
export type Viewer = { userId: string } | 'agent'

export interface Ctx {
  app: App
  req: IncomingMessage
  res: ServerResponse
  /** The request target as a URL (parsed on first use). */
  url: URL
  /** `url.pathname`. */
  path: string
  params: Record<string, string>
  userId: string | undefined
  /** Who links in this response are made for. */
  viewer: Viewer
  /** Client address (X-Forwarded-For only through trusted hops). */
  ip: string
  body: unknown
  raw: Buffer | undefined
  /** Fingerprint input of a non-JSON body (uploads); defaults to the canonical JSON body. */
  fingerprint?: string
}

export interface Result {
  status: number
  body?: unknown
  /** `body` already serialised (set by the idempotency layer, which stores that text anyway). */
  text?: string
  headers?: Record<string, string>
}

export interface Route {
  method: 'GET' | 'POST'
  path: string
  auth: 'user' | 'optional' | 'agent' | 'none'
  idem?: 'required' | 'optional'
  /** Custom body reader (uploads); JSON POST bodies are read by default. */
  read?: (ctx: Ctx) => Promise<void>
  /** Long-lived response (SSE, downloads): the route owns `res`. */
  stream?: (ctx: Ctx) => Promise<void>
  /** Runs inside one database transaction; `repo` is the only way to the database. */
  handle?: (ctx: Ctx, repo: Repo) => Promise<Result>
  /**
   * An idempotent route's request in one store call instead of `handle` in a transaction, where
   * the store offers one (`Store.createTicketOnce`): the result, or the stored record of the key
   * (replayed or refused as `handle`'s would be), or undefined to run `handle` after all. It must
   * answer exactly as `handle` would.
   */
  once?: (ctx: Ctx, idem: IdemClaim) => Promise<{ result: Result } | { stored: IdemRow } | undefined>
}

/** The idempotency key of a request and what it claims it with. */
export interface IdemClaim {
  scope: string
  key: string
  fingerprint: string
  /** Claim time (ms), the record's age for pruning. */
  at: number
}

interface Compiled extends Route {
  re: RegExp
  names: string[]
}

const IDEM_RETENTION_MS = 24 * 3600_000

/** Compiles `/v1/tickets/:id` patterns once. */
export function compileRoutes(routes: Route[]): Compiled[] {
  return routes.map((r) => {
    const names: string[] = []
    const re = new RegExp(`^${r.path.replace(/:(\w+)/g, (_, n: string) => (names.push(n), '([^/]+)'))}$`)
    return { ...r, re, names }
  })
}

/**
 * Runs one API request: route match (404/405), auth, rate limit, body, idempotency, handler in a
 * transaction, then the events it emitted are flushed to streams.
 */
export async function dispatch(
  app: App,
  routes: Compiled[],
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  parsed?: URL,
): Promise<void> {
  // The first route of this method whose pattern matches; only a miss looks at the other methods.
  let route: Compiled | undefined
  let m: RegExpExecArray | null = null
  for (const r of routes) {
    if (r.method !== req.method) continue
    m = r.re.exec(path)
    if (m) {
      route = r
      break
    }
  }
  if (!route || !m) {
    const candidates = routes.filter((r) => r.re.test(path))
    if (candidates.length === 0) throw notFound(`no route for ${path}`)
    const allow = [...new Set(candidates.map((r) => r.method)), 'OPTIONS'].join(', ')
    throw new HttpError(405, 'method_not_allowed', `use ${allow}`, { headers: { Allow: allow } })
  }
  const params: Record<string, string> = {}
  route.names.forEach((n, i) => {
    try {
      params[n] = storableText(decodeURIComponent(m[i + 1] ?? ''))
    } catch {
      throw rejected(`bad ${n}`)
    }
  })
  const ctx = new RequestCtx(app, req, res, path, params, clientIp(req, app.trustProxy), parsed)
  // Authenticated callers are limited per user (or as the agent team), everyone else per address;
  // a signed-in user's limit was already taken together with the sign-in check.
  // In-process counters (SQLite) decide both at once, without a promise; shared ones are awaited.
  const signedIn = authenticate(ctx, route)
  if (signedIn !== true && (signedIn === false || !(await signedIn))) {
    const key = route.auth === 'agent' ? `agent:${ctx.ip}` : `ip:${ctx.ip}`
    const wait = app.limiter.takeNow(key) ?? (await app.limiter.take(key))
    if (wait > 0) throw tooMany('rate_limited', 'too many requests', wait)
  }

  if (route.stream) return route.stream(ctx)
  if (route.read) await route.read(ctx)
  else if (req.method === 'POST') ({ raw: ctx.raw, body: ctx.body } = await readJsonBody(req))
  const handle = route.handle
  if (!handle) throw new Error(`route ${route.path} has no handler`)
  const result = route.idem ? await runIdempotent(ctx, route, handle) : await app.store.tx((repo) => handle(ctx, repo))
  send(res, result)
}

/**
 * A request's context. A class, not an object literal with a `get url()` of its own: such a
 * literal has dictionary properties, and V8 allocates its accessor pair in the old generation,
 * where it kept the getter's closure, and with it the request, its response and body, through
 * every young collection until the next full one (about 5.5 kB promoted per create).
 */
class RequestCtx implements Ctx {
  userId: string | undefined = undefined
  viewer: Viewer = 'agent'
  body: unknown = undefined
  raw: Buffer | undefined = undefined
  fingerprint?: string

  constructor(
    readonly app: App,
    readonly req: IncomingMessage,
    readonly res: ServerResponse,
    readonly path: string,
    readonly params: Record<string, string>,
    readonly ip: string,
    private parsed: URL | undefined,
  ) {}

  /** Parsed when a handler asks (query parameters): most requests need only the path. */
  get url(): URL {
    return (this.parsed ??= new URL(this.req.url ?? '/', 'http://local'))
  }
}

/**
 * Resolves who is calling; failed attempts are counted per IP (and refused once there are too
 * many). True when the caller is a user whose request-rate token was taken here. A valid session
 * whose counters are in this process (SQLite) is decided at once; anything else returns a promise.
 */
function authenticate(ctx: Ctx, route: Route): boolean | Promise<boolean> {
  // `ctx.url` is not read here: it is parsed on first use, and only a stream's token is in the query.
  const { app, req, ip } = ctx
  if (route.auth === 'none') return false
  if (route.auth === 'agent') return authenticateAgent(ctx)
  const token = bearerFrom(req, route.stream !== undefined ? ctx : undefined)
  if (token === undefined) {
    if (route.auth === 'user') throw new HttpError(401, 'unauthorized', 'missing bearer token')
    return false
  }
  // The signature is checked first (no I/O); either way an address that failed too often is
  // refused before anything else, as if it had been checked first.
  const userId = verifySession(app.secret, token)
  if (userId === undefined) return refuseSession(ctx, route)
  if (!app.guard.checkThenTakeNow(ip, app.limiter, `u:${userId}`)) return signIn(ctx, userId)
  ctx.userId = userId
  ctx.viewer = { userId }
  return true
}

/** A valid session's sign-in check and request limit on shared counters (Postgres). */
async function signIn(ctx: Ctx, userId: string): Promise<boolean> {
  await ctx.app.guard.checkThenTake(ctx.ip, ctx.app.limiter, `u:${userId}`)
  ctx.userId = userId
  ctx.viewer = { userId }
  return true
}

/** A bearer that does not verify: counted against the address, refused (or a visitor on an optional route). */
async function refuseSession(ctx: Ctx, route: Route): Promise<boolean> {
  const { app, ip } = ctx
  await app.guard.check(ip)
  // An optional route with a stale bearer still answers, as for a visitor.
  if (route.auth === 'optional') return false
  throw await app.guard.fail(ip, undefined, new HttpError(401, 'unauthorized', 'invalid or expired session'))
}

/** The agent key or console session (agent routes). */
async function authenticateAgent(ctx: Ctx): Promise<boolean> {
  const { app, req, url, ip } = ctx
  if (url.searchParams.has('key')) {
    throw new HttpError(
      401,
      'key_in_url',
      'the agent key never goes in a URL: send X-Agent-Key or sign in with POST /v1/agent/session',
    )
  }
  const how = agentCredential(app.secret, app.agentKey, req)
  // A signed-in console is not locked out by someone else guessing keys. A key (or a cookie
  // that does not verify) was compared above; a right one is refused only while this address
  // or the key has failed too often, a wrong one spends a failure and learns it was wrong only
  // within the budget (race-free across instances: see AuthGuard.keyAttempt).
  const unauthorized = new HttpError(401, 'unauthorized', 'invalid agent key or session')
  if (how === 'header' || how === 'bad') await app.guard.keyAttempt(ip, 'agent', how === 'header', unauthorized)
  if (how === undefined) await app.guard.check(ip, 'agent')
  if (how === 'header' || how === 'cookie') {
    // The cookie is sent by the browser on its own; a state change must also come from our pages.
    if (
      how === 'cookie' &&
      req.method !== 'GET' &&
      req.headers.origin !== undefined &&
      req.headers.origin !== new URL(app.publicUrl).origin
    ) {
      throw new HttpError(403, 'cross_origin', 'agent session used from another origin')
    }
    return false
  }
  // No credential at all counts against the address (a wrong one threw in keyAttempt).
  throw await app.guard.fail(ip, undefined, unauthorized)
}

function send(res: ServerResponse, r: Result): void {
  for (const [k, v] of Object.entries(r.headers ?? {})) res.setHeader(k, v)
  if (r.body === undefined) {
    res.writeHead(r.status)
    res.end()
    return
  }
  const text = r.text ?? JSON.stringify(r.body)
  res.writeHead(r.status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
  })
  res.end(text)
}

let idemInserts = 0

/**
 * Stores 2xx results per (scope, key); a repeat replays them, a different request with the key is
 * 422. The key is claimed first (INSERT … ON CONFLICT on Postgres), so a concurrent duplicate waits
 * for this transaction and then replays its result instead of running the handler twice.
 */
async function runIdempotent(ctx: Ctx, route: Route, handle: NonNullable<Route['handle']>): Promise<Result> {
  const { app, req } = ctx
  const header = req.headers['idempotency-key']
  const key = Array.isArray(header) ? header[0] : header
  if (key === undefined || key === '') {
    if (route.idem === 'required') throw rejected('Idempotency-Key header required', { 'Idempotency-Key': 'Required' })
    return app.store.tx((repo) => handle(ctx, repo))
  }
  if (!/^[\x21-\x7e]{1,200}$/.test(key)) throw rejected('bad Idempotency-Key', { 'Idempotency-Key': 'Invalid' })
  // Agents share the empty scope: no user id is empty (identify requires a non-empty `sub`), while
  // `agent` is a user id a host may well use.
  const scope = ctx.userId ?? ''
  // One-shot hash: no Hash object per request.
  const fingerprint = hash('sha256', `${req.method} ${ctx.path}\n${ctx.fingerprint ?? canonicalJson(ctx.body)}`)
  const claim: IdemClaim = { scope, key, fingerprint, at: Date.now() }
  const once = route.once ? await route.once(ctx, claim) : undefined
  if (once) {
    if ('stored' in once) return replay(once.stored, fingerprint)
    if (++idemInserts % 1000 === 0) await app.store.tx((repo) => repo.pruneIdem(Date.now() - IDEM_RETENTION_MS))
    return once.result
  }
  return app.store.tx(async (repo): Promise<Result> => {
    const row = await repo.claimIdem(scope, key, fingerprint, claim.at)
    if (row) return replay(row, fingerprint)
    const result = await handle(ctx, repo)
    if (result.status >= 200 && result.status < 300) {
      if (result.body !== undefined) result.text ??= JSON.stringify(result.body)
      await repo.finishIdem(scope, key, result.status, result.text ?? '')
      if (++idemInserts % 1000 === 0) await repo.pruneIdem(Date.now() - IDEM_RETENTION_MS)
    } else {
      await repo.releaseIdem(scope, key)
    }
    return result
  })
}

/** The answer to a key used before: its stored result again, or 422 for a different request. */
function replay(row: IdemRow, fingerprint: string): Result {
  if (row.fingerprint !== fingerprint) {
    throw new HttpError(422, 'idempotency_mismatch', 'Idempotency-Key was used for a different request')
  }
  const again: Result = { status: row.status, headers: { 'Idempotent-Replayed': 'true' } }
  if (row.body !== '') {
    again.body = JSON.parse(row.body) as unknown
    again.text = row.body
  }
  return again
}
