import type { Ctx, Route } from '../app.js'
import { AGENT_COOKIE, agentCredential, mintAgentSession, safeEqual } from '../auth.js'
import { HttpError } from '../http.js'
import { validate } from '../schemas.js'
import { z } from 'zod'

const loginSchema = z.object({ key: z.string().min(1).max(512) })

/** Cookie attributes: script cannot read it, other sites cannot send it, https only when we are. */
function cookie(ctx: Ctx, value: string, maxAgeSeconds: number): string {
  const secure = ctx.app.publicUrl.startsWith('https:') ? '; Secure' : ''
  return `${AGENT_COOKIE}=${value}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${maxAgeSeconds}${secure}`
}

/** A sign-in form posted from another site would log the victim's browser into our console. */
function sameOrigin(ctx: Ctx): void {
  const origin = ctx.req.headers.origin
  if (origin !== undefined && origin !== new URL(ctx.app.publicUrl).origin)
    throw new HttpError(403, 'cross_origin', 'sign in from the console page')
}

/**
 * The agent console signs in once with the key (POST body, never a URL) and from then on carries
 * an HttpOnly, SameSite=Strict session cookie. Scripts keep using the X-Agent-Key header.
 */
export function agentSessionRoutes(ttlMs: number): Route[] {
  return [
    {
      method: 'POST',
      path: '/v1/agent/session',
      auth: 'none',
      handle: async (ctx) => {
        const { app, ip } = ctx
        sameOrigin(ctx)
        await app.guard.check(ip, 'agent')
        const { key } = validate(loginSchema, ctx.body)
        const wrong = new HttpError(401, 'unauthorized', 'wrong agent key')
        await app.guard.keyAttempt(ip, 'agent', safeEqual(key, app.agentKey), wrong)
        const expiresAt = new Date(Date.now() + ttlMs).toISOString()
        const value = mintAgentSession(app.secret, app.agentKey, ttlMs)
        return {
          status: 200,
          body: { expiresAt },
          headers: { 'Set-Cookie': cookie(ctx, value, Math.floor(ttlMs / 1000)) },
        }
      },
    },
    {
      method: 'GET',
      path: '/v1/agent/session',
      auth: 'none',
      handle: async ({ app, req }) => {
        if (agentCredential(app.secret, app.agentKey, req) !== 'cookie')
          throw new HttpError(401, 'unauthorized', 'not signed in')
        return { status: 204 }
      },
    },
    {
      method: 'POST',
      path: '/v1/agent/session/end',
      auth: 'none',
      handle: async (ctx) => {
        sameOrigin(ctx)
        return { status: 204, headers: { 'Set-Cookie': cookie(ctx, '', 0) } }
      },
    },
  ]
}
