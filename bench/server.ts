/**
 * `npm run bench:server`: load on the reference server, in process, over loopback.
 * 1. request throughput and latency for ticket create and chat message send (bounded counts);
 * 2. SSE fan-out: N concurrent user streams, K agent messages each, counting lost events.
 * Env: BENCH_REQUESTS (5000), BENCH_CONCURRENCY (64), BENCH_SSE (100,500,1000,2000), BENCH_K (5).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { request, type ClientRequest } from 'node:http'
import { cpus, tmpdir } from 'node:os'
import { join } from 'node:path'
import { startServer, type RunningServer } from '../examples/server/server.js'

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 5000)
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 64)
const SSE_STEPS = (process.env.BENCH_SSE ?? '100,500,1000,2000').split(',').map(Number).filter((n) => n > 0).slice(0, 8)
const K = Number(process.env.BENCH_K ?? 5)
const AGENT = { 'X-Agent-Key': 'demo-agent', 'Content-Type': 'application/json' }

const pct = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN

/** Runs `total` calls of `fn` with at most `concurrency` in flight; returns per-call latencies. */
async function load(total: number, concurrency: number, fn: (i: number) => Promise<Response>): Promise<{ ms: number[]; wall: number; errors: number }> {
  const ms: number[] = []
  let next = 0
  let errors = 0
  const started = performance.now()
  const worker = async (): Promise<void> => {
    while (next < total) {
      const i = next++
      const t0 = performance.now()
      try {
        const res = await fn(i)
        await res.arrayBuffer()
        if (!res.ok) errors++
      } catch {
        errors++
      }
      ms.push(performance.now() - t0)
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, worker))
  return { ms: ms.sort((a, b) => a - b), wall: performance.now() - started, errors }
}

async function session(server: RunningServer, userId: string): Promise<string> {
  const res = await fetch(`${server.url}/v1/identify`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ userId, token: server.userToken(userId) }),
  })
  return ((await res.json()) as { token: string }).token
}

async function users(server: RunningServer, n: number, prefix: string): Promise<Array<{ token: string; conv: string }>> {
  const out: Array<{ token: string; conv: string }> = new Array(n)
  await load(n, CONCURRENCY, async (i) => {
    const token = await session(server, `${prefix}${i}`)
    const res = await fetch(`${server.url}/v1/conversations`, {
      method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'Idempotency-Key': `c-${prefix}${i}` },
      body: JSON.stringify({ locale: 'en' }),
    })
    const conv = (await res.clone().json()) as { id: string }
    out[i] = { token, conv: conv.id }
    return res
  })
  return out
}

interface Row { [k: string]: string | number }
function table(title: string, rows: Row[]): void {
  console.log(`\n${title}`)
  const cols = Object.keys(rows[0] ?? {})
  const width = cols.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c]).length)))
  const line = (cells: string[]): string => `| ${cells.map((c, i) => c.padStart(width[i] ?? 0)).join(' | ')} |`
  console.log(line(cols))
  console.log(`|${width.map((w) => '-'.repeat(w + 2)).join('|')}|`)
  for (const r of rows) console.log(line(cols.map((c) => String(r[c]))))
}

async function throughput(server: RunningServer): Promise<void> {
  const people = await users(server, CONCURRENCY, 'load-')
  const ticketBody = JSON.stringify({
    category: 'topup_failed', subject: 'Top-up failed', description: 'bench', fields: { walletId: 'W-1' },
    attachments: [], priority: 'normal', locale: 'en',
    transaction: { id: 'tx', time: '2026-01-01T00:00:00Z', amount: '12.50', currency: 'CNY' },
  })
  const msgBody = JSON.stringify({ kind: 'text', text: 'hello from the bench', attachments: [] })
  const auth = (i: number, k: string): Record<string, string> => ({
    Authorization: `Bearer ${people[i % people.length]?.token}`, 'Content-Type': 'application/json', 'Idempotency-Key': k,
  })
  const cases: Array<[string, (i: number) => Promise<Response>]> = [
    ['POST /v1/tickets', (i) => fetch(`${server.url}/v1/tickets`, { method: 'POST', headers: auth(i, `t-${i}`), body: ticketBody })],
    ['POST …/messages', (i) => fetch(`${server.url}/v1/conversations/${people[i % people.length]?.conv}/messages`, { method: 'POST', headers: auth(i, `m-${i}`), body: msgBody })],
    ['POST /v1/tickets (replay)', (i) => fetch(`${server.url}/v1/tickets`, { method: 'POST', headers: auth(i, `t-${i}`), body: ticketBody })],
  ]
  // Warm every path first (JIT, statement cache) with keys the measured run does not reuse.
  const warm = Math.min(500, REQUESTS)
  for (const [, fn] of cases.slice(0, 2)) await load(warm, CONCURRENCY, (i) => fn(REQUESTS + i))
  const rows: Row[] = []
  for (const [name, fn] of cases) {
    const r = await load(REQUESTS, CONCURRENCY, fn)
    rows.push({
      route: name, requests: REQUESTS, concurrency: CONCURRENCY, 'req/s': Math.round((REQUESTS / r.wall) * 1000),
      'p50 ms': pct(r.ms, 50).toFixed(2), 'p99 ms': pct(r.ms, 99).toFixed(2), errors: r.errors,
    })
  }
  table('Request throughput (one process, loopback, SQLite WAL file)', rows)
}

interface Stream { got: number[]; lat: number[]; ok: boolean; req: ClientRequest }

function openStream(server: RunningServer, token: string, tag: string): Promise<Stream> {
  return new Promise((resolve, reject) => {
    const s: Stream = { got: [], lat: [], ok: false, req: undefined as unknown as ClientRequest }
    s.req = request(`${server.url}/v1/events?token=${encodeURIComponent(token)}`, { agent: false }, (res) => {
      s.ok = res.statusCode === 200
      let buf = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => {
        buf += chunk
        let cut: number
        while ((cut = buf.indexOf('\n\n')) >= 0) {
          const frame = buf.slice(0, cut)
          buf = buf.slice(cut + 2)
          const data = frame.split('\n').find((l) => l.startsWith('data: '))
          if (!data) continue
          const e = JSON.parse(data.slice(6)) as { type: string; message?: { text: string; seq: number } }
          if (e.type !== 'message' || !e.message?.text.startsWith(tag)) continue
          const [, k, sent] = e.message.text.split(':')
          s.got.push(Number(k))
          s.lat.push(Date.now() - Number(sent))
        }
      })
      resolve(s)
    })
    s.req.on('error', reject)
    s.req.end()
  })
}

async function fanout(server: RunningServer): Promise<void> {
  const max = Math.max(...SSE_STEPS)
  const people = await users(server, max, 'sse-')
  const rows: Row[] = []
  for (const [step, n] of SSE_STEPS.entries()) {
    const tag = `r${step}`
    const t0 = performance.now()
    const streams = await Promise.all(people.slice(0, n).map((p) => openStream(server, p.token, tag)))
    const connectMs = performance.now() - t0
    const sendStart = performance.now()
    const sent = await load(n * K, CONCURRENCY, (i) => fetch(`${server.url}/v1/agent/conversations/${people[i % n]?.conv}/messages`, {
      method: 'POST', headers: AGENT, body: JSON.stringify({ text: `${tag}:${Math.floor(i / n)}:${Date.now()}` }),
    }))
    const sendMs = performance.now() - sendStart
    const deadline = Date.now() + 15_000
    while (Date.now() < deadline && streams.some((s) => s.got.length < K)) await new Promise((r) => setTimeout(r, 20))
    const perfect = streams.filter((s) => s.ok && s.got.length === K && s.got.every((k, i) => k === i)).length
    const lat = streams.flatMap((s) => s.lat).sort((a, b) => a - b)
    rows.push({
      clients: n, connected: streams.filter((s) => s.ok).length, 'connect ms': Math.round(connectMs),
      'events sent': n * K - sent.errors, received: streams.reduce((a, s) => a + s.got.length, 0),
      'clients w/o loss': `${perfect}/${n}`, 'send ev/s': Math.round(((n * K) / sendMs) * 1000),
      'deliver p50 ms': pct(lat, 50), 'deliver p99 ms': pct(lat, 99),
    })
    for (const s of streams) s.req.destroy()
    await new Promise((r) => setTimeout(r, 200))
  }
  table(`SSE fan-out: each client is its own user and gets K=${K} agent messages`, rows)
}

const dir = mkdtempSync(join(tmpdir(), 'hf-bench-'))
// Throughput, not abuse: per-user limits are lifted so the few bench users are never refused.
const server = await startServer({
  port: 0, dbPath: join(dir, 'bench.db'), hours: null, agentKey: 'demo-agent', rateLimit: { perMinute: 1e9 },
  limits: { ticketsPerHour: Infinity },
})
console.log(`help-feedback server bench · node ${process.version} · ${cpus().length} CPUs · ${cpus()[0]?.model ?? ''}`)
try {
  await throughput(server)
  await fanout(server)
} finally {
  await server.close()
  rmSync(dir, { recursive: true, force: true })
}
