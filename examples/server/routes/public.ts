import type { Article, Availability } from '../../../src/types.js'
import type { App, Ctx, Route } from '../app.js'
import { mintSession } from '../auth.js'
import { isOpenAt, nextOpenAt } from '../hours.js'
import { isReadOnly } from '../db.js'
import { HttpError, notFound, readJsonBody } from '../http.js'
import { verifyIdentityToken, type IdentityClaims } from '../identity.js'
import { nowIso } from '../model.js'
import { identifySchema, validate, voteSchema } from '../schemas.js'

interface ArticleRow {
  id: string; locale: string; title: string; body: string; tags: string; category: string | null
  updated_at: string; popularity: number
}

/** Average handling time per queued conversation, for the wait estimate. */
const HANDLE_SECONDS = 90

function toArticle(r: ArticleRow): Article {
  const a: Article = {
    id: r.id, locale: r.locale, title: r.title, body: r.body, tags: JSON.parse(r.tags) as string[],
    updatedAt: r.updated_at, popularity: r.popularity,
  }
  if (r.category !== null) a.category = r.category
  return a
}

/** Locale fallback chain: exact → same language → en. */
function localeChain(app: App, locale: string): string[] {
  const lang = locale.split('-')[0]?.toLowerCase() ?? ''
  const all = app.db.prepare<{ locale: string }>('SELECT DISTINCT locale FROM articles ORDER BY locale').all().map((r) => r.locale)
  const sameLang = all.filter((l) => l !== locale && l.split('-')[0]?.toLowerCase() === lang)
  return [...new Set([locale, ...sameLang, 'en'])]
}

/** Availability as the SDK sees it; exported for the agent console and tests. */
export function availability(app: App, now = Date.now()): Availability {
  const agentsOnline = app.hub.agentCount()
  const queueLength = app.db.prepare<{ n: number }>("SELECT COUNT(*) AS n FROM conversations WHERE status = 'queued'").get()?.n ?? 0
  const inHours = isOpenAt(app.hours, now)
  const open = inHours && (!app.requireAgentOnline || agentsOnline > 0)
  const a: Availability = { agentsOnline, queueLength, open }
  if (open) a.expectedWaitSeconds = Math.round(((queueLength + 1) * HANDLE_SECONDS) / Math.max(1, agentsOnline))
  if (!inHours) {
    const next = nextOpenAt(app.hours, now)
    if (next) a.nextOpenAt = next.toISOString()
  }
  if (app.hours) a.hours = app.hours
  return a
}

/**
 * Reads an identify body and verifies its token (async, hence here and not in the handler). Only
 * signed claims are kept: a name or e-mail next to the token in the body is ignored. Failures
 * count against the client's address and the claimed user id.
 */
export async function readIdentify(ctx: Ctx): Promise<void> {
  const { raw, body } = await readJsonBody(ctx.req)
  ctx.body = await identifyClaims(ctx.app, ctx.ip, body)
  ctx.raw = raw
}

/** Verifies an identify body (also used by the Freshdesk proxy); returns the signed claims. */
export async function identifyClaims(app: App, ip: string, body: unknown): Promise<IdentityClaims> {
  const input = validate(identifySchema, body)
  app.guard.check(ip)
  const target = `user:${input.userId ?? '?'}`
  // Someone spraying forged tokens at one user id gets 429s, but never locks that user out: a
  // valid token still passes (it cannot be guessed, so letting it through gives nothing away).
  const limited = app.guard.targetLimited(target)
  let claims: IdentityClaims
  try {
    claims = await verifyIdentityToken(app.secret, input.token)
  } catch (err) {
    throw err instanceof HttpError ? app.guard.fail(ip, target, limited ?? err) : err
  }
  if (input.userId !== undefined && input.userId !== claims.sub) {
    throw app.guard.fail(ip, target, new HttpError(401, 'token_subject_mismatch', 'token was minted for another user'))
  }
  return claims
}

export function publicRoutes(): Route[] {
  return [
    {
      method: 'POST', path: '/v1/identify', auth: 'none', read: readIdentify,
      handle: ({ app, body }) => {
        const claims = body as IdentityClaims
        const now = nowIso()
        // Sessions are stateless: on a read-only database a user still signs in to read their
        // requests and transcripts; only the profile update waits for a writable database.
        if (!isReadOnly(app.db)) app.db.prepare(`INSERT INTO users (id, name, email, attributes, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)
          ON CONFLICT(id) DO UPDATE SET name = COALESCE(excluded.name, name), email = COALESCE(excluded.email, email),
          attributes = COALESCE(excluded.attributes, attributes), updated_at = excluded.updated_at`)
          .run(claims.sub, claims.name ?? null, claims.email ?? null, claims.attributes ? JSON.stringify(claims.attributes) : null, now, now)
        const session = mintSession(app.secret, claims.sub, app.sessionTtlMs)
        return { status: 200, body: { userId: claims.sub, token: session.token, expiresAt: session.expiresAt } }
      },
    },
    {
      method: 'GET', path: '/v1/articles', auth: 'optional',
      handle: ({ app, url }) => {
        const stmt = app.db.prepare<ArticleRow>('SELECT * FROM articles WHERE locale = ? ORDER BY popularity DESC, title')
        for (const locale of localeChain(app, url.searchParams.get('locale') ?? 'en')) {
          const rows = stmt.all(locale)
          if (rows.length > 0) return { status: 200, body: rows.map(toArticle) }
        }
        return { status: 200, body: [] }
      },
    },
    {
      method: 'GET', path: '/v1/articles/:id', auth: 'optional',
      handle: ({ app, url, params }) => {
        const stmt = app.db.prepare<ArticleRow>('SELECT * FROM articles WHERE id = ? AND locale = ?')
        for (const locale of localeChain(app, url.searchParams.get('locale') ?? 'en')) {
          const row = stmt.get(params.id, locale)
          if (row) return { status: 200, body: toArticle(row) }
        }
        const any = app.db.prepare<ArticleRow>('SELECT * FROM articles WHERE id = ? ORDER BY locale LIMIT 1').get(params.id)
        if (any) return { status: 200, body: toArticle(any) }
        throw notFound('no such article')
      },
    },
    {
      method: 'POST', path: '/v1/articles/:id/votes', auth: 'user', idem: 'required',
      handle: ({ app, body, params }) => {
        const { helpful } = validate(voteSchema, body)
        const sql = helpful
          ? 'UPDATE articles SET helpful = helpful + 1, popularity = popularity + 1 WHERE id = ?'
          : 'UPDATE articles SET unhelpful = unhelpful + 1 WHERE id = ?'
        if (app.db.prepare(sql).run(params.id).changes === 0) throw notFound('no such article')
        return { status: 204 }
      },
    },
    { method: 'GET', path: '/v1/availability', auth: 'optional', handle: ({ app }) => ({ status: 200, body: availability(app) }) },
  ]
}
