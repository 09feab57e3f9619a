import { createHmac, timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import { HttpError } from './http.js'

const unauthorized = (message: string): HttpError => new HttpError(401, 'unauthorized', message)

/**
 * The identify token the host app's backend mints: hex HMAC-SHA256(secret, userId).
 * @example userToken('s3cret', 'u_1') // '9f2c…'
 */
export function userToken(secret: string, userId: string): string {
  return createHmac('sha256', secret).update(userId, 'utf8').digest('hex')
}

/** Constant-time string comparison (length leak only), so signatures cannot be guessed byte by byte. */
export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

export function verifyUserToken(secret: string, userId: string, token: unknown): boolean {
  return typeof token === 'string' && safeEqual(userToken(secret, userId), token.toLowerCase())
}

const sign = (secret: string, purpose: string, payload: string): string =>
  createHmac('sha256', secret).update(`${purpose}:${payload}`).digest('base64url')

/** Session bearer `base64url(userId).expiryMs.sig`; stateless so restarts keep sessions valid. */
export function mintSession(secret: string, userId: string, ttlMs: number, now = Date.now()): { token: string; expiresAt: string } {
  const expiry = now + ttlMs
  const payload = `${Buffer.from(userId, 'utf8').toString('base64url')}.${expiry}`
  return { token: `${payload}.${sign(secret, 'session', payload)}`, expiresAt: new Date(expiry).toISOString() }
}

/** Returns the user id of a valid, unexpired session token, else undefined. */
export function verifySession(secret: string, token: string, now = Date.now()): string | undefined {
  const parts = token.split('.')
  if (parts.length !== 3) return undefined
  const [id, expiry, sig] = parts as [string, string, string]
  if (!safeEqual(sign(secret, 'session', `${id}.${expiry}`), sig)) return undefined
  if (!/^\d+$/.test(expiry) || Number(expiry) <= now) return undefined
  return Buffer.from(id, 'base64url').toString('utf8')
}

/** Bearer from the Authorization header, or `?token=` for EventSource which cannot set headers. */
export function bearerFrom(req: IncomingMessage, url: URL, allowQuery: boolean): string | undefined {
  const header = req.headers.authorization
  if (header) {
    const m = /^Bearer\s+(\S+)$/i.exec(header)
    return m?.[1]
  }
  return allowQuery ? url.searchParams.get('token') ?? undefined : undefined
}

/** Resolves the calling user or throws 401. */
export function requireUser(secret: string, req: IncomingMessage, url: URL, allowQuery: boolean): string {
  const token = bearerFrom(req, url, allowQuery)
  if (!token) throw unauthorized('missing bearer token')
  const userId = verifySession(secret, token)
  if (!userId) throw unauthorized('invalid or expired session')
  return userId
}

export function requireAgent(agentKey: string, req: IncomingMessage, url: URL): void {
  const given = req.headers['x-agent-key'] ?? url.searchParams.get('key') ?? ''
  if (typeof given !== 'string' || !safeEqual(given, agentKey)) throw unauthorized('invalid agent key')
}

/** Capability signature for attachment download URLs (usable in `<img src>` without a bearer). */
export function attachmentSig(secret: string, id: string): string {
  return sign(secret, 'attachment', id)
}

export { unauthorized }
