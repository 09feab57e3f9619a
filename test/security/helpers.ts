import { request } from 'node:http'
import { startServer, type RunningServer, type ServerOptions } from '../../examples/server/server.js'
import { identityToken } from '../support/identityToken.js'
import { databaseOptions, track } from '../support/postgres.js'

/** Deployment-grade secrets (32+ bytes), as docs/deploying.md asks for. */
export const SECRET = 's'.repeat(16) + '-deployment-secret-0123456789abcdef'
export const AGENT_KEY = 'k'.repeat(16) + '-deployment-agent-key-0123456789ab'
export const PUBLIC_URL = 'https://help.wallet.example'
export const WALLET_ORIGIN = 'https://wallet.example'

/** The real server, in-process on port 0, configured as a production deployment would be. */
export async function deployment(opts: ServerOptions = {}): Promise<RunningServer> {
  // SQLite in memory, or a fresh Postgres database in the server-pg project.
  const db = opts.dbPath === undefined ? await databaseOptions() : {}
  return track(
    await startServer({
      mode: 'deployment',
      port: 0,
      dbPath: ':memory:',
      secret: SECRET,
      agentKey: AGENT_KEY,
      publicUrl: PUBLIC_URL,
      corsOrigins: [WALLET_ORIGIN],
      hours: null,
      ...db,
      ...opts,
    }),
    db,
  )
}

let seq = 0
export const idem = (): string => `sec-${process.pid}-${++seq}`

export interface User {
  id: string
  bearer: string
  headers(extra?: Record<string, string>): Record<string, string>
}

/** Signs in as a wallet user would: a JWT from the wallet backend, exchanged at /v1/identify. */
export async function signIn(server: RunningServer, id: string, headers: Record<string, string> = {}): Promise<User> {
  const res = await fetch(`${server.url}/v1/identify`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify({ userId: id, token: await identityToken(SECRET, { sub: id, name: `User ${id}` }) }),
  })
  if (res.status !== 200) throw new Error(`identify answered ${res.status}: ${await res.text()}`)
  const bearer = ((await res.json()) as { token: string }).token
  return { id, bearer, headers: (extra = {}) => ({ Authorization: `Bearer ${bearer}`, ...extra }) }
}

/** POST JSON as `user` with a fresh idempotency key. */
export function post(
  server: RunningServer,
  path: string,
  user: User | undefined,
  body: unknown,
  extra: Record<string, string> = {},
): Promise<Response> {
  return fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'Idempotency-Key': idem(),
      ...(user ? user.headers() : {}),
      ...extra,
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
}

export async function errorCode(res: Response): Promise<string> {
  return ((await res.json()) as { error: { code: string } }).error.code
}

export const ticket = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
  category: 'payment_failed',
  subject: 'Payment failed',
  description: 'Twice at the shop',
  fields: {},
  attachments: [],
  priority: 'normal',
  locale: 'en',
  ...over,
})

export const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52])

export function upload(
  server: RunningServer,
  user: User,
  data: Buffer,
  name = 'receipt.png',
  type = 'image/png',
): Promise<Response> {
  return fetch(`${server.url}/v1/attachments`, {
    method: 'POST',
    headers: user.headers({ 'Content-Type': type, 'X-File-Name': name, 'Idempotency-Key': idem() }),
    body: new Uint8Array(data),
  })
}

/** A request with headers fetch would rewrite (Host): node:http sends them as given. */
export function rawRequest(
  server: RunningServer,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: Buffer,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, method, headers }, (res) => {
      let text = ''
      res.setEncoding('utf8')
      res.on('data', (c: string) => (text += c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }))
    })
    req.on('error', reject)
    req.end(body)
  })
}
