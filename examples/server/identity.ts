import { createHmac } from 'node:crypto'
import { errors, jwtVerify } from 'jose'
import { z } from 'zod'
import { HttpError } from './http.js'

/**
 * Host identity tokens: an HS256 JWT the wallet's backend signs with the shared secret after its
 * own login. Name, e-mail and attributes ride inside the signature, so a page cannot claim to be
 * someone else or change how agents see it; `exp` keeps a leaked token from working for long.
 */
export interface IdentityClaims {
  sub: string
  name?: string
  email?: string
  attributes?: Record<string, string | number | boolean>
}

/** Clock skew tolerated between the wallet backend and this server. */
export const CLOCK_SKEW_SECONDS = 60

/**
 * Furthest ahead an `exp` may lie. Tokens are minted per sign-in and used at once; one that stays
 * valid for years is a standing credential if it leaks, so it is refused rather than trusted.
 */
export const MAX_TOKEN_LIFETIME_SECONDS = 3600

const claimsSchema = z.object({
  sub: z.string().min(1).max(128),
  name: z.string().max(200).optional(),
  email: z.string().max(320).optional(),
  attributes: z
    .record(z.string().max(100), z.union([z.string().max(500), z.number(), z.boolean()]))
    .refine((r) => Object.keys(r).length <= 50, 'at most 50 attributes')
    .optional(),
})

const fail = (code: string, message: string): HttpError => new HttpError(401, code, message)

/**
 * Verifies an identify token and returns its claims, or throws 401 with a code saying why:
 * `legacy_token` (the old hex HMAC of the user id), `token_expired`, `invalid_token`.
 */
export async function verifyIdentityToken(secret: string, token: string): Promise<IdentityClaims> {
  if (/^[0-9a-f]{64}$/i.test(token)) {
    throw fail(
      'legacy_token',
      'HMAC(userId) tokens are no longer accepted; sign an HS256 JWT with sub and exp (docs/protocol.md §3)',
    )
  }
  let payload: unknown
  try {
    ;({ payload } = await jwtVerify(token, new TextEncoder().encode(secret), {
      algorithms: ['HS256'],
      requiredClaims: ['sub', 'exp'],
      clockTolerance: CLOCK_SKEW_SECONDS,
    }))
  } catch (err) {
    if (err instanceof errors.JWTExpired) throw fail('token_expired', 'identify token expired; mint a fresh one')
    throw fail('invalid_token', 'identify token is not a valid HS256 JWT signed with the shared secret')
  }
  const exp = (payload as { exp?: unknown }).exp
  if (typeof exp !== 'number' || exp > Date.now() / 1000 + MAX_TOKEN_LIFETIME_SECONDS + CLOCK_SKEW_SECONDS) {
    throw fail(
      'invalid_token',
      `identify token exp lies more than ${MAX_TOKEN_LIFETIME_SECONDS} s ahead; keep it short (e.g. 5 minutes)`,
    )
  }
  const parsed = claimsSchema.safeParse(payload)
  if (!parsed.success) throw fail('invalid_token', 'identify token claims are malformed')
  const c = parsed.data
  return {
    sub: c.sub,
    ...(c.name !== undefined ? { name: c.name } : {}),
    ...(c.email !== undefined ? { email: c.email } : {}),
    ...(c.attributes !== undefined ? { attributes: c.attributes } : {}),
  }
}

/**
 * Mints an identify token the way a wallet backend would (tests, the demo's /demo/token).
 * Written with node:crypto so callers stay synchronous; `verifyIdentityToken` checks it with jose.
 * @example mintIdentityToken(secret, { sub: 'u_1', name: 'Ada' }) // 'eyJhbGciOiJIUzI1NiJ9…'
 */
export function mintIdentityToken(
  secret: string,
  claims: IdentityClaims,
  ttlSeconds = 300,
  nowMs = Date.now(),
): string {
  const iat = Math.floor(nowMs / 1000)
  const part = (v: unknown): string => Buffer.from(JSON.stringify(v), 'utf8').toString('base64url')
  const input = `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ ...claims, iat, exp: iat + ttlSeconds })}`
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`
}
