import { createHash, createHmac, timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import { HttpError } from './http.js'

const unauthorized = (message: string): HttpError => new HttpError(401, 'unauthorized', message)

/** Constant-time string comparison (length leak only), so signatures cannot be guessed byte by byte. */
export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

const sign = (secret: string, purpose: string, payload: string): string =>
  createHmac('sha256', secret).update(`${purpose}:${payload}`).digest('base64url')

/** Session bearer `base64url(userId).expiryMs.sig`; stateless so restarts keep sessions valid. */
export function mintSession(
  secret: string,
  userId: string,
  ttlMs: number,
  now = Date.now(),
): { token: string; expiresAt: string } {
  const expiry = now + ttlMs
  const payload = `${Buffer.from(userId, 'utf8').toString('base64url')}.${expiry}`
  return { token: `${payload}.${sign(secret, 'session', payload)}`, expiresAt: new Date(expiry).toISOString() }
}

/**
 * Tokens whose signature was checked, so a client's next requests skip the HMAC: only valid
 * tokens get in (so nobody can fill it with junk), each remembers the secret it was signed with,
 * and its expiry is still checked on every use. Emptied when full.
 */
const verified = new Map<string, { secret: string; userId: string; expiry: number }>()
const VERIFIED_MAX = 10_000

/** Returns the user id of a valid, unexpired session token, else undefined. */
export function verifySession(secret: string, token: string, now = Date.now()): string | undefined {
  const hit = verified.get(token)
  if (hit !== undefined && hit.secret === secret) return hit.expiry > now ? hit.userId : undefined
  const parts = token.split('.')
  if (parts.length !== 3) return undefined
  const [id, expiry, sig] = parts as [string, string, string]
  if (!safeEqual(sign(secret, 'session', `${id}.${expiry}`), sig)) return undefined
  if (!/^\d+$/.test(expiry) || Number(expiry) <= now) return undefined
  const userId = Buffer.from(id, 'base64url').toString('utf8')
  if (verified.size >= VERIFIED_MAX) verified.clear()
  verified.set(token, { secret, userId, expiry: Number(expiry) })
  return userId
}

/**
 * Bearer from the Authorization header, or `?token=` of `query.url` for EventSource, which cannot
 * set headers (no `query`: the header only). `query.url` is read only when there is no header,
 * so a request context whose URL is parsed on first use is parsed only then.
 */
export function bearerFrom(req: IncomingMessage, query?: { readonly url: URL }): string | undefined {
  const header = req.headers.authorization
  if (header) {
    const m = /^Bearer\s+(\S+)$/i.exec(header)
    return m?.[1]
  }
  return query ? (query.url.searchParams.get('token') ?? undefined) : undefined
}

/** Resolves the calling user or throws 401. */
export function requireUser(secret: string, req: IncomingMessage, url: URL, allowQuery: boolean): string {
  const token = bearerFrom(req, allowQuery ? { url } : undefined)
  if (!token) throw unauthorized('missing bearer token')
  const userId = verifySession(secret, token)
  if (!userId) throw unauthorized('invalid or expired session')
  return userId
}

/** Name of the agent console's session cookie (HttpOnly, SameSite=Strict). */
export const AGENT_COOKIE = 'hf_agent'

/** Sessions die with the key: rotating AGENT_KEY signs every console out. */
const agentPurpose = (agentKey: string): string =>
  `agent-session:${createHash('sha256').update(agentKey).digest('base64url').slice(0, 16)}`

/** Agent console session `expiryMs.sig`, set as a cookie after one POST of the agent key. */
export function mintAgentSession(secret: string, agentKey: string, ttlMs: number, now = Date.now()): string {
  const expiry = String(now + ttlMs)
  return `${expiry}.${sign(secret, agentPurpose(agentKey), expiry)}`
}

export function verifyAgentSession(secret: string, agentKey: string, value: string, now = Date.now()): boolean {
  const [expiry = '', sig = ''] = value.split('.')
  return (
    /^\d{1,15}$/.test(expiry) && Number(expiry) > now && safeEqual(sign(secret, agentPurpose(agentKey), expiry), sig)
  )
}

/** One cookie's value from the Cookie header. */
export function cookieValue(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=')
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim()
  }
  return undefined
}

/** How a request proved it is an agent, if it did: the header (scripts) or the console cookie. */
export function agentCredential(
  secret: string,
  agentKey: string,
  req: IncomingMessage,
): 'header' | 'cookie' | 'bad' | undefined {
  const given = req.headers['x-agent-key']
  if (given !== undefined) return typeof given === 'string' && safeEqual(given, agentKey) ? 'header' : 'bad'
  const cookie = cookieValue(req, AGENT_COOKIE)
  if (cookie === undefined) return undefined
  return verifyAgentSession(secret, agentKey, cookie) ? 'cookie' : 'bad'
}

/**
 * Capability signature of an attachment link: bound to the attachment, to whom it was made for
 * (`u` = its owner, `a` = agents) and to an expiry, so a copied link stops working and cannot be
 * re-pointed at another file or viewer.
 */
export function attachmentSig(secret: string, id: string, bound: 'u' | 'a', expSeconds: number): string {
  return sign(secret, 'attachment', `${id}.${bound}.${expSeconds}`)
}

export { unauthorized }
