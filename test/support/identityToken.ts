import { SignJWT } from 'jose'

/**
 * What a wallet backend does after its own login (docs/protocol.md §3): an HS256 JWT with `sub`,
 * a short `exp` and the profile claims, signed with the shared secret.
 * @example await identityToken(SECRET, { sub: 'u_1', name: 'Ada' })
 */
export function identityToken(
  secret: string,
  claims: { sub: string; name?: string; email?: string; attributes?: Record<string, string | number | boolean> },
  expiresIn: string | number = '5m',
): Promise<string> {
  const { sub, ...profile } = claims
  return new SignJWT(profile)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(sub)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(new TextEncoder().encode(secret))
}
