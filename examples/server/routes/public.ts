import type { Article, Availability } from '../../../src/types.js'
import type { App, Ctx, Route } from '../app.js'
import { mintSession } from '../auth.js'
import { isOpenAt, nextOpenAt } from '../hours.js'
import { HttpError, notFound, readJsonBody } from '../http.js'
import { verifyIdentityToken, type IdentityClaims } from '../identity.js'
import { nowIso } from '../model.js'
import { identifySchema, validate, voteSchema } from '../schemas.js'
import type { ArticleRow, Repo } from '../store/types.js'

/** Average handling time per queued conversation, for the wait estimate. */
const HANDLE_SECONDS = 90

function toArticle(r: ArticleRow): Article {
  const a: Article = {
    id: r.id,
    locale: r.locale,
    title: r.title,
    body: r.body,
    tags: JSON.parse(r.tags) as string[],
    updatedAt: r.updated_at,
    popularity: r.popularity,
  }
  if (r.category !== null) a.category = r.category
  return a
}

/** Locale fallback chain: exact → same language → en. */
async function localeChain(repo: Repo, locale: string): Promise<string[]> {
  const lang = locale.split('-')[0]?.toLowerCase() ?? ''
  const all = await repo.articleLocales()
  const sameLang = all.filter((l) => l !== locale && l.split('-')[0]?.toLowerCase() === lang)
  return [...new Set([locale, ...sameLang, 'en'])]
}

/** Availability as the SDK sees it; exported for the agent console and tests. */
export async function availability(app: App, repo: Repo, now = Date.now()): Promise<Availability> {
  const agentsOnline = await app.hub.agentsOnline()
  const queueLength = await repo.queueLength()
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
  await app.guard.check(ip)
  const target = `user:${input.userId ?? '?'}`
  // Someone spraying forged tokens at one user id gets 429s, but never locks that user out: a
  // valid token still passes (it cannot be guessed, so letting it through gives nothing away).
  const limited = await app.guard.targetLimited(target)
  let claims: IdentityClaims
  try {
    claims = await verifyIdentityToken(app.secret, input.token)
  } catch (err) {
    throw err instanceof HttpError ? await app.guard.fail(ip, target, limited ?? err) : err
  }
  if (input.userId !== undefined && input.userId !== claims.sub) {
    throw await app.guard.fail(
      ip,
      target,
      new HttpError(401, 'token_subject_mismatch', 'token was minted for another user'),
    )
  }
  return claims
}

export function publicRoutes(): Route[] {
  return [
    {
      method: 'POST',
      path: '/v1/identify',
      auth: 'none',
      read: readIdentify,
      handle: async ({ app, body }, repo) => {
        const claims = body as IdentityClaims
        const now = nowIso()
        // Sessions are stateless: on a read-only database a user still signs in to read their
        // requests and transcripts; only the profile update waits for a writable database.
        if (!app.store.readOnly) {
          await repo.upsertUser(
            claims.sub,
            claims.name ?? null,
            claims.email ?? null,
            claims.attributes ? JSON.stringify(claims.attributes) : null,
            now,
          )
        }
        const session = mintSession(app.secret, claims.sub, app.sessionTtlMs)
        return { status: 200, body: { userId: claims.sub, token: session.token, expiresAt: session.expiresAt } }
      },
    },
    {
      method: 'GET',
      path: '/v1/articles',
      auth: 'optional',
      handle: async ({ url }, repo) => {
        for (const locale of await localeChain(repo, url.searchParams.get('locale') ?? 'en')) {
          const rows = await repo.articlesIn(locale)
          if (rows.length > 0) return { status: 200, body: rows.map(toArticle) }
        }
        return { status: 200, body: [] }
      },
    },
    {
      method: 'GET',
      path: '/v1/articles/:id',
      auth: 'optional',
      handle: async ({ url, params }, repo) => {
        const id = params.id as string
        for (const locale of await localeChain(repo, url.searchParams.get('locale') ?? 'en')) {
          const row = await repo.article(id, locale)
          if (row) return { status: 200, body: toArticle(row) }
        }
        const any = await repo.anyArticle(id)
        if (any) return { status: 200, body: toArticle(any) }
        throw notFound('no such article')
      },
    },
    {
      method: 'POST',
      path: '/v1/articles/:id/votes',
      auth: 'user',
      idem: 'required',
      handle: async ({ body, params }, repo) => {
        const { helpful } = validate(voteSchema, body)
        if (!(await repo.voteArticle(params.id as string, helpful))) throw notFound('no such article')
        return { status: 204 }
      },
    },
    {
      method: 'GET',
      path: '/v1/availability',
      auth: 'optional',
      handle: async ({ app }, repo) => ({ status: 200, body: await availability(app, repo) }),
    },
  ]
}
