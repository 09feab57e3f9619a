/**
 * The load generator of `bench:server`. It runs in its own process (forked by bench/server.ts,
 * driven over IPC) so that its CPU is never the server's, and it talks to the server only as a
 * client would: identify with an HS256 JWT minted like a wallet backend, session bearers,
 * Idempotency-Key on every write, the agent key header, SSE streams with `?token=`.
 *
 * Closed loop: `concurrency` requests in flight over keep-alive sockets (node:http Agent), the
 * workers spread evenly over the target instances. Every request is counted exactly once as
 * 2xx, non-2xx (by status) or a transport error; latencies of all requests are kept.
 */
import { createHmac } from 'node:crypto'
import { Agent, request, type ClientRequest, type IncomingMessage } from 'node:http'

export interface BenchUser {
  userId: string
  token: string
  conv: string
  /** Index of the target instance this user's SSE stream and conversation live on. */
  target: number
}

export interface LoadResult {
  count: number
  ok: number
  /** Status code → how many (429 would mean the rate limiter was measured, not the server). */
  non2xx: Record<string, number>
  errors: number
  wallMs: number
  rps: number
  p50: number
  p90: number
  p99: number
  max: number
  /** Generator CPU during the run, as a share of one core (near 1.0 = the generator was the limit). */
  genCpu: number
  /** One response body, to give the bare handler the same JSON. */
  sample?: string
  /** The machine's 1-minute load average when the phase ended (set by the orchestrator). */
  load1?: number
}

export interface SseResult {
  clients: number
  /** Streams answered 200 and still open when publishing ended. */
  held: number
  published: number
  publishErrors: number
  publishNon2xx: Record<string, number>
  /** Events whose publish was accepted (2xx), summed over clients; `delivered` counts distinct ones of those received. */
  expected: number
  delivered: number
  lost: number
  duplicates: number
  outOfOrder: number
  /** Clients that got every one of their events exactly once, in order, with rising SSE ids. */
  perfectClients: number
  publishMs: number
  publishRps: number
  deliverP50: number
  deliverP99: number
  genCpu: number
}

/** Jobs the orchestrator sends; each answers with one result message. */
export type Job =
  | { op: 'users'; targets: string[]; n: number; prefix: string; secret: string; concurrency: number; ipBlock: number }
  | {
      op: 'load'
      route: 'create' | 'send'
      targets: string[]
      users: BenchUser[]
      count: number
      concurrency: number
      perUser: number
      keyPrefix: string
    }
  | {
      op: 'sse'
      targets: string[]
      users: BenchUser[]
      k: number
      concurrency: number
      agentKey: string
      tag: string
      ipBlock: number
      settleMs: number
    }

/** At most this many requests from one source address on per-address limited routes (600/min by default). */
const PER_ADDRESS = 400

/**
 * A loopback source address for the i-th request on per-address limited routes (identify before
 * sign-in, agent key scripts), as if the users (or agents) sat behind different addresses.
 * Linux routes all of 127.0.0.0/8 to loopback, so no setup is needed there.
 */
export function sourceAddress(block: number, i: number, platform: string = process.platform): string | undefined {
  // Elsewhere (macOS) only 127.0.0.1 is configured: no binding, and big runs meet the per-address limits.
  if (platform !== 'linux') return undefined
  const n = Math.floor(i / PER_ADDRESS)
  return `127.${block}.${Math.floor(n / 250)}.${(n % 250) + 1}`
}

/** Mints the identify JWT a wallet backend would (HS256, 5-minute expiry). */
export function identityToken(secret: string, sub: string, now = Date.now()): string {
  const iat = Math.floor(now / 1000)
  const part = (v: unknown): string => Buffer.from(JSON.stringify(v), 'utf8').toString('base64url')
  const input = `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ sub, iat, exp: iat + 300 })}`
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`
}

export const TICKET_BODY = JSON.stringify({
  category: 'topup_failed',
  subject: 'Top-up failed',
  description: 'The top-up was charged but the balance did not change.',
  fields: { walletId: 'W-1' },
  attachments: [],
  priority: 'normal',
  locale: 'en',
  transaction: { id: 'tx-1', time: '2026-01-01T00:00:00Z', amount: '12.50', currency: 'CNY' },
})
export const MESSAGE_BODY = JSON.stringify({ kind: 'text', text: 'hello from the bench', attachments: [] })

const agents = new Map<string, Agent>()
function agentFor(target: string, sockets: number): Agent {
  const key = `${target} ${sockets}`
  let a = agents.get(key)
  if (!a) agents.set(key, (a = new Agent({ keepAlive: true, maxSockets: sockets, maxFreeSockets: sockets })))
  return a
}

interface Reply {
  status: number
  body: string
  headers?: IncomingMessage['headers']
}

/** One request; resolves with status and body, rejects on a transport error. */
function call(
  base: string,
  agent: Agent,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string,
  localAddress?: string,
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const u = new URL(path, base)
    const req = request(
      {
        host: u.hostname,
        port: u.port,
        path: u.pathname + u.search,
        method,
        agent,
        headers:
          body === undefined
            ? headers
            : { ...headers, 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(body)) },
        ...(localAddress ? { localAddress } : {}),
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers }),
        )
        res.on('error', reject)
      },
    )
    req.on('error', reject)
    req.end(body)
  })
}

const pct = (sorted: Float64Array, p: number): number =>
  sorted.length === 0 ? NaN : (sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN)
const round = (n: number, d = 2): number => Math.round(n * 10 ** d) / 10 ** d

function cpuShare(start: NodeJS.CpuUsage, wallMs: number): number {
  const u = process.cpuUsage(start)
  return round((u.user + u.system) / 1000 / Math.max(1, wallMs))
}

/** Runs `count` requests of `fn`, `concurrency` at a time, worker w always on target w % targets. */
async function closedLoop(
  count: number,
  concurrency: number,
  targets: number,
  fn: (i: number, target: number) => Promise<Reply>,
): Promise<LoadResult> {
  const lat = new Float64Array(count)
  const non2xx: Record<string, number> = {}
  let ok = 0
  let errors = 0
  let next = 0
  let sample: string | undefined
  const cpu = process.cpuUsage()
  const started = performance.now()
  const worker = async (w: number): Promise<void> => {
    const target = w % targets
    while (next < count) {
      const i = next++
      const t0 = performance.now()
      try {
        const r = await fn(i, target)
        if (r.status >= 200 && r.status < 300) {
          ok++
          sample ??= r.body
        } else non2xx[r.status] = (non2xx[r.status] ?? 0) + 1
      } catch {
        errors++
      }
      lat[i] = performance.now() - t0
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, (_, w) => worker(w)))
  const wallMs = performance.now() - started
  lat.sort()
  const out: LoadResult = {
    count,
    ok,
    non2xx,
    errors,
    wallMs: round(wallMs, 1),
    rps: Math.round((ok / wallMs) * 1000),
    p50: round(pct(lat, 50)),
    p90: round(pct(lat, 90)),
    p99: round(pct(lat, 99)),
    max: round(lat[lat.length - 1] ?? NaN),
    genCpu: cpuShare(cpu, wallMs),
  }
  if (sample !== undefined) out.sample = sample
  return out
}

/** Setup only (never a measured request): retries a 503 or 429 after its retryAfterMs, as the SDK does. */
async function withRetry(fn: () => Promise<Reply>): Promise<Reply> {
  for (let attempt = 1; ; attempt++) {
    const r = await fn()
    if ((r.status !== 503 && r.status !== 429) || attempt === 5) return r
    let wait = 1000
    try {
      wait = (JSON.parse(r.body) as { error?: { retryAfterMs?: number } }).error?.retryAfterMs ?? wait
    } catch {
      /* not JSON */
    }
    await new Promise((res) => setTimeout(res, Math.min(wait, 5000)))
  }
}

/** Signs `n` users in (identify with a minted JWT) and opens one conversation each. */
export async function makeUsers(job: Extract<Job, { op: 'users' }>): Promise<BenchUser[]> {
  const users: BenchUser[] = new Array(job.n)
  const failures: string[] = []
  const T = job.targets.length
  await closedLoop(job.n, job.concurrency, 1, async (i) => {
    const target = i % T
    const base = job.targets[target] as string
    const agent = agentFor(base, job.concurrency)
    const userId = `${job.prefix}${i}`
    const id = await withRetry(() =>
      call(
        base,
        agent,
        'POST',
        '/v1/identify',
        {},
        JSON.stringify({ userId, token: identityToken(job.secret, userId) }),
        sourceAddress(job.ipBlock, i),
      ),
    )
    if (id.status !== 200) {
      failures.push(`identify ${id.status} ${id.body.slice(0, 200)}`)
      return id
    }
    const token = (JSON.parse(id.body) as { token: string }).token
    const conv = await withRetry(() =>
      call(
        base,
        agent,
        'POST',
        '/v1/conversations',
        { Authorization: `Bearer ${token}`, 'Idempotency-Key': `conv-${userId}` },
        JSON.stringify({ locale: 'en' }),
      ),
    )
    if (conv.status !== 200 && conv.status !== 201) {
      failures.push(`conversation ${conv.status} ${conv.body.slice(0, 200)}`)
      return conv
    }
    users[i] = { userId, token, conv: (JSON.parse(conv.body) as { id: string }).id, target }
    return conv
  })
  if (failures.length > 0)
    throw new Error(`${failures.length} of ${job.n} users could not be set up; first: ${failures[0]}`)
  return users
}

/**
 * Ticket creates or chat sends. Request i is made by user i % users, so with `perUser` ≥
 * count / users nobody passes a per-user quota (10 tickets per hour by default).
 */
export async function runLoad(job: Extract<Job, { op: 'load' }>): Promise<LoadResult> {
  const U = job.users.length
  if (U * job.perUser < job.count)
    throw new Error(`${job.count} requests need ${Math.ceil(job.count / job.perUser)} users, got ${U}`)
  const T = job.targets.length
  const sockets = Math.ceil(job.concurrency / T)
  return closedLoop(job.count, job.concurrency, T, (i, target) => {
    const u = job.users[i % U] as BenchUser
    const base = job.targets[target] as string
    const headers = { Authorization: `Bearer ${u.token}`, 'Idempotency-Key': `${job.keyPrefix}-${i}` }
    return job.route === 'create'
      ? call(base, agentFor(base, sockets), 'POST', '/v1/tickets', headers, TICKET_BODY)
      : call(
          base,
          agentFor(base, sockets),
          'POST',
          `/v1/conversations/${encodeURIComponent(u.conv)}/messages`,
          headers,
          MESSAGE_BODY,
        )
  })
}

interface Stream {
  req: ClientRequest
  status: number
  open: boolean
  /** k of each message received, in arrival order. */
  got: number[]
  lastId: number
  idsRising: boolean
  at: number[]
}

/** Opens one SSE stream on its own socket, as a browser's EventSource does; resolves once it answered. */
function openStream(base: string, user: BenchUser, tag: string): Promise<Stream> {
  return new Promise((resolve, reject) => {
    const prefix = `${tag}:`
    const s: Stream = {
      req: undefined as unknown as ClientRequest,
      status: 0,
      open: false,
      got: [],
      lastId: 0,
      idsRising: true,
      at: [],
    }
    const u = new URL(`/v1/events?token=${encodeURIComponent(user.token)}`, base)
    s.req = request(
      {
        host: u.hostname,
        port: u.port,
        path: u.pathname + u.search,
        agent: false,
        headers: { Accept: 'text/event-stream' },
      },
      (res: IncomingMessage) => {
        s.status = res.statusCode ?? 0
        s.open = s.status === 200
        res.on('close', () => {
          s.open = false
        })
        res.on('error', () => {
          s.open = false
        })
        let buf = ''
        res.setEncoding('utf8')
        res.on('data', (chunk: string) => {
          buf += chunk
          let cut: number
          while ((cut = buf.indexOf('\n\n')) >= 0) {
            const frame = buf.slice(0, cut)
            buf = buf.slice(cut + 2)
            let id: number | undefined
            let data: string | undefined
            for (const line of frame.split('\n')) {
              if (line.startsWith('id: ')) id = Number(line.slice(4))
              else if (line.startsWith('data: ')) data = line.slice(6)
            }
            if (id !== undefined) {
              if (!(id > s.lastId)) s.idsRising = false
              s.lastId = id
            }
            if (data === undefined) continue
            const e = JSON.parse(data) as { type?: string; message?: { author?: string; text?: string } }
            const text = e.message?.text
            if (e.type !== 'message' || e.message?.author !== 'agent' || !text?.startsWith(prefix)) continue
            s.got.push(Number(text.slice(prefix.length)))
            s.at.push(performance.now())
          }
        })
        resolve(s)
      },
    )
    s.req.on('error', (err) => (s.status === 0 ? reject(err) : (s.open = false)))
    s.req.end()
  })
}

/**
 * Holds one SSE stream per user, then agents publish `k` replies into every user's conversation
 * (each user's replies strictly one after the other, users interleaved, `concurrency` in flight,
 * spread over the targets, so a stream on instance A gets replies posted to instance B). Every
 * client then checks it got each of its k events exactly once and in order.
 */
export async function runSse(job: Extract<Job, { op: 'sse' }>): Promise<SseResult> {
  const n = job.users.length
  const T = job.targets.length
  const streams: Stream[] = []
  for (let i = 0; i < n; i += 50) {
    streams.push(
      ...(await Promise.all(
        job.users.slice(i, i + 50).map((u) => openStream(job.targets[u.target] as string, u, job.tag)),
      )),
    )
  }
  // Every stream answered; give the server a moment to have registered them all.
  await new Promise((r) => setTimeout(r, 200))
  const sentAt: number[][] = job.users.map(() => [])
  const accepted: boolean[][] = job.users.map(() => [])
  const queue = Array.from({ length: n }, (_, i) => i)
  const nextK = new Array<number>(n).fill(0)
  const non2xx: Record<string, number> = {}
  let published = 0
  let errors = 0
  let seq = 0
  const sockets = Math.ceil(job.concurrency / T)
  // Agents sign in once, as the console does, and reply with the session cookie (one HMAC check
  // instead of a key compare and two bucket reads per reply; the key header works as well, any
  // number in flight). A target without sessions (the bare handler) gets the key header.
  const credentials = await Promise.all(
    job.targets.map(async (base): Promise<Record<string, string>> => {
      const r = await call(
        base,
        agentFor(`${base}#agent`, sockets),
        'POST',
        '/v1/agent/session',
        {},
        JSON.stringify({ key: job.agentKey }),
      )
      const cookie = [r.headers?.['set-cookie'] ?? []].flat()[0]?.split(';')[0]
      return r.status === 200 && cookie ? { Cookie: cookie } : { 'X-Agent-Key': job.agentKey }
    }),
  )
  const cpu = process.cpuUsage()
  const started = performance.now()
  const worker = async (w: number): Promise<void> => {
    const base = job.targets[w % T] as string
    const credential = credentials[w % T] as Record<string, string>
    for (;;) {
      const i = queue.shift()
      if (i === undefined) return
      const u = job.users[i] as BenchUser
      const k = nextK[i] as number
      const t0 = performance.now()
      ;(sentAt[i] as number[])[k] = t0
      try {
        const r = await call(
          base,
          agentFor(`${base}#agent`, sockets),
          'POST',
          `/v1/agent/conversations/${encodeURIComponent(u.conv)}/messages`,
          credential,
          JSON.stringify({ text: `${job.tag}:${k}` }),
          sourceAddress(job.ipBlock, seq++),
        )
        if (r.status >= 200 && r.status < 300) {
          published++
          ;(accepted[i] as boolean[])[k] = true
        } else non2xx[r.status] = (non2xx[r.status] ?? 0) + 1
      } catch {
        errors++
      }
      nextK[i] = k + 1
      if (k + 1 < job.k) queue.push(i)
    }
  }
  await Promise.all(Array.from({ length: Math.min(job.concurrency, n) }, (_, w) => worker(w)))
  const publishMs = performance.now() - started
  const genCpu = cpuShare(cpu, publishMs)
  const deadline = Date.now() + job.settleMs
  while (Date.now() < deadline && streams.some((s) => s.open && s.got.length < job.k))
    await new Promise((r) => setTimeout(r, 20))
  const held = streams.filter((s) => s.open).length
  let delivered = 0
  let duplicates = 0
  let outOfOrder = 0
  let perfect = 0
  const lat: number[] = []
  streams.forEach((s, i) => {
    const seen = new Set<number>()
    let prev = -1
    s.got.forEach((k, j) => {
      if (seen.has(k)) duplicates++
      else {
        seen.add(k)
        const t = sentAt[i]?.[k]
        if (t !== undefined) lat.push((s.at[j] as number) - t)
      }
      if (k < prev) outOfOrder++
      prev = k
    })
    delivered += [...seen].filter((k) => accepted[i]?.[k] === true).length
    if (s.idsRising && s.got.length === job.k && s.got.every((k, j) => k === j)) perfect++
    s.req.destroy()
  })
  const sorted = Float64Array.from(lat).sort()
  const expected = published
  return {
    clients: n,
    held,
    published,
    publishErrors: errors,
    publishNon2xx: non2xx,
    expected,
    delivered,
    lost: expected - delivered,
    duplicates,
    outOfOrder,
    perfectClients: perfect,
    publishMs: round(publishMs, 1),
    publishRps: Math.round((published / publishMs) * 1000),
    deliverP50: round(pct(sorted, 50)),
    deliverP99: round(pct(sorted, 99)),
    genCpu,
  }
}

export async function runJob(job: Job): Promise<unknown> {
  if (job.op === 'users') return makeUsers(job)
  if (job.op === 'load') return runLoad(job)
  return runSse(job)
}

// Forked by bench/server.ts: one job per message, one answer per job.
if (process.send && process.argv.includes('--generator')) {
  process.on('message', (job: Job) => {
    runJob(job).then(
      (result) => process.send?.({ ok: true, result }),
      (err: unknown) => process.send?.({ ok: false, error: err instanceof Error ? err.message : String(err) }),
    )
  })
  process.send({ ready: true })
}
