import { request, type ClientRequest, type IncomingMessage } from 'node:http'
import { startServer, type RunningServer, type ServerOptions } from '../../../examples/server/server.js'
import { waitFor } from '../../support/waitFor.js'
import { databaseOptions, track } from '../../support/postgres.js'

let keySeq = 0
/** A fresh idempotency key per call. */
export const key = (): string => `test-key-${process.pid}-${++keySeq}`

/** Starts an in-memory server that is always open (tests must not depend on the wall clock). */
export async function start(opts: ServerOptions = {}): Promise<RunningServer> {
  // SQLite in memory, or a fresh Postgres database in the server-pg project.
  const db = opts.dbPath === undefined ? await databaseOptions() : {}
  return track(
    await startServer({
      port: 0,
      dbPath: ':memory:',
      secret: 'test-secret',
      agentKey: 'demo-agent',
      hours: null,
      ...db,
      ...opts,
    }),
    db,
  )
}

export interface UserClient {
  token: string
  userId: string
  headers(extra?: Record<string, string>): Record<string, string>
  post(path: string, body: unknown, idemKey?: string | null): Promise<Response>
  get(path: string): Promise<Response>
}

/** Identifies `userId` with a valid signature and returns a small authenticated client. */
export async function login(server: RunningServer, userId = 'u_1'): Promise<UserClient> {
  const res = await fetch(`${server.url}/v1/identify`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ userId, token: server.userToken(userId, { name: `User ${userId}` }) }),
  })
  if (res.status !== 200) throw new Error(`identify failed: ${res.status}`)
  const session = (await res.json()) as { token: string }
  const headers = (extra: Record<string, string> = {}): Record<string, string> => ({
    Authorization: `Bearer ${session.token}`,
    ...extra,
  })
  return {
    token: session.token,
    userId,
    headers,
    post: (path, body, idemKey = key()) =>
      fetch(`${server.url}${path}`, {
        method: 'POST',
        headers: headers({
          'Content-Type': 'application/json',
          ...(idemKey === null ? {} : { 'Idempotency-Key': idemKey }),
        }),
        body: typeof body === 'string' ? body : JSON.stringify(body),
      }),
    get: (path) => fetch(`${server.url}${path}`, { headers: headers() }),
  }
}

export const agentPost = (server: RunningServer, path: string, body: unknown): Promise<Response> =>
  fetch(`${server.url}/v1/agent${path}`, {
    method: 'POST',
    headers: { 'X-Agent-Key': 'demo-agent', 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  })

export const ticketInput = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
  category: 'charged_not_received',
  subject: 'Top-up not credited',
  description: 'Paid, balance unchanged',
  fields: { orderId: 'T-1' },
  attachments: [],
  priority: 'normal',
  locale: 'en',
  ...over,
})

export interface SseEvent {
  id: string | undefined
  data: unknown
}

/** Minimal SSE client over node:http (so the test controls headers like Last-Event-ID). */
export interface SseClient {
  status: number
  events: SseEvent[]
  /** Resolves once `predicate` holds for the received events (polls; bounded by `timeoutMs`). */
  until(predicate: (events: SseEvent[]) => boolean, timeoutMs?: number): Promise<SseEvent[]>
  close(): void
}

export function openSse(url: string, headers: Record<string, string> = {}): Promise<SseClient> {
  return new Promise((resolve, reject) => {
    let req: ClientRequest | undefined = undefined
    req = request(url, { headers: { Accept: 'text/event-stream', ...headers } }, (res: IncomingMessage) => {
      const events: SseEvent[] = []
      let buffer = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => {
        buffer += chunk
        let cut: number
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const frame = buffer.slice(0, cut)
          buffer = buffer.slice(cut + 2)
          let id: string | undefined
          const data: string[] = []
          for (const line of frame.split('\n')) {
            if (line.startsWith('id: ')) id = line.slice(4)
            else if (line.startsWith('data: ')) data.push(line.slice(6))
          }
          if (data.length > 0) events.push({ id, data: JSON.parse(data.join('\n')) as unknown })
        }
      })
      resolve({
        status: res.statusCode ?? 0,
        events,
        async until(predicate, timeoutMs = 3000) {
          await waitFor(() => predicate(events), {
            timeoutMs,
            message: () => `SSE condition not met; got ${JSON.stringify(events.map((e) => e.data))}`,
          })
          return events
        },
        close: () => req?.destroy(),
      })
    })
    req.on('error', reject)
    req.end()
  })
}

/** Sends a raw request path (no URL normalisation, unlike fetch) — for path traversal tests. */
export function rawGet(
  server: RunningServer,
  path: string,
): Promise<{ status: number; body: string; headers: IncomingMessage['headers'] }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, method: 'GET' }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (c: string) => (body += c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }))
    })
    req.on('error', reject)
    req.end()
  })
}
