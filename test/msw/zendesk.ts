import { http, HttpResponse, type HttpHandler } from 'msw'
import type { TicketStatus } from '../../src/types.js'

/*
 * A fake Zendesk (Requests, Uploads, Users/me, satisfaction rating, Help Center) for msw, built
 * from the documented shapes in shared/reference/backend-apis.md §1: `{request}` envelopes,
 * `{error, description, details}` errors, offset pagination with `next_page`, 429 + Retry-After
 * and X-Rate-Limit headers, uploads as raw bytes answered with a token.
 */

export interface ZUserRec {
  id: number
  name: string
  email: string
  role: 'end-user' | 'agent'
}
interface ZAttachmentRec {
  id: number
  file_name: string
  content_url: string
  content_type: string
  size: number
}
interface ZCommentRec {
  id: number
  body: string
  author_id: number
  public: boolean
  created_at: string
  attachments: ZAttachmentRec[]
}
export interface ZRequestRec {
  id: number
  subject: string
  description: string
  status: string
  priority: string | null
  requester_id: number
  created_at: string
  updated_at: string
  custom_fields: Array<{ id: number; value: unknown }>
  comments: ZCommentRec[]
  rating?: { score: string; comment?: string }
}
export interface ZArticleRec {
  id: number
  locale: string
  title: string
  body: string
  label_names: string[]
  draft?: boolean
}

const ZSTATUS: Record<TicketStatus, string> = {
  new: 'new',
  open: 'open',
  pending: 'pending',
  on_hold: 'hold',
  solved: 'solved',
  closed: 'closed',
}

export class ZendeskState {
  readonly users = new Map<string, ZUserRec>()
  readonly requests = new Map<number, ZRequestRec>()
  readonly uploads = new Map<string, ZAttachmentRec[]>()
  readonly agent: ZUserRec = { id: 1, name: 'Agent Smith', email: 'agent@acme.test', role: 'agent' }
  /** Next N calls answer 429 with this Retry-After (seconds). */
  throttle = { count: 0, retryAfter: 1 }
  /** Next N calls fail at the network level, as a CORS-less 429 looks in a browser. */
  opaque = 0
  anonymousAllowed = true
  calls: Array<{ method: string; path: string }> = []
  private seq = 100
  private clock = Date.parse('2026-11-20T08:00:00Z')
  constructor(readonly articles: ZArticleRec[] = []) {}

  now(): string {
    return new Date((this.clock += 1000)).toISOString()
  }
  next(): number {
    return ++this.seq
  }
  /** An OAuth access token for a new end user. */
  issueToken(name: string, email: string): { token: string; user: ZUserRec } {
    const user: ZUserRec = { id: this.next(), name, email, role: 'end-user' }
    const token = `zat_${user.id}`
    this.users.set(token, user)
    return { token, user }
  }
  setStatus(id: number, status: TicketStatus): void {
    const r = this.requests.get(id)
    if (!r) throw new Error(`no request ${id}`)
    r.status = ZSTATUS[status]
    r.updated_at = this.now()
  }
  agentComment(id: number, body: string): void {
    const r = this.requests.get(id)
    if (!r) throw new Error(`no request ${id}`)
    r.comments.push({
      id: this.next(),
      body,
      author_id: this.agent.id,
      public: true,
      created_at: this.now(),
      attachments: [],
    })
    r.updated_at = this.now()
  }
}

const json = (body: unknown, status = 200) =>
  HttpResponse.json(body as object, { status, headers: { 'X-Rate-Limit': '400', 'X-Rate-Limit-Remaining': '399' } })
const invalid = (field: string, description: string) =>
  json(
    {
      error: 'RecordInvalid',
      description: 'Record validation errors',
      details: { base: [{ description, error: 'BlankValue', field_key: field }] },
    },
    422,
  )
const notFound = () => json({ error: 'RecordNotFound', description: 'Not found' }, 404)
const unauthenticated = () => json({ error: "Couldn't authenticate you" }, 401)

export function createZendeskHandlers(state: ZendeskState, base = 'https://acme.zendesk.com'): HttpHandler[] {
  const api = (path: string) => `${base}/api/v2${path}`
  const who = (request: Request): ZUserRec | 'invalid' | undefined => {
    const m = /^Bearer (.+)$/.exec(request.headers.get('Authorization') ?? '')
    if (!m) return undefined
    return state.users.get(m[1] as string) ?? 'invalid'
  }
  /** Every handler first passes the throttle, then resolves the caller. */
  const route =
    (
      fn: (info: {
        request: Request
        params: Record<string, string>
        user: ZUserRec | undefined
      }) => Promise<Response> | Response,
    ) =>
    async ({ request, params }: { request: Request; params: Record<string, unknown> }) => {
      const url = new URL(request.url)
      state.calls.push({ method: request.method, path: url.pathname })
      if (state.opaque > 0) return (state.opaque--, HttpResponse.error())
      if (state.throttle.count > 0) {
        state.throttle.count--
        return new HttpResponse('Too Many Requests', {
          status: 429,
          headers: {
            'Retry-After': String(state.throttle.retryAfter),
            'X-Rate-Limit': '400',
            'X-Rate-Limit-Remaining': '0',
          },
        })
      }
      const user = who(request)
      if (user === 'invalid') return unauthenticated()
      return fn({ request, params: params as Record<string, string>, user })
    }
  const mine = (user: ZUserRec | undefined, id: string) => {
    const r = state.requests.get(Number(id))
    return r && user && r.requester_id === user.id ? r : undefined
  }
  const view = (r: ZRequestRec) => {
    const { comments: _c, rating: _r, ...rest } = r
    return { ...rest, url: api(`/requests/${r.id}.json`), can_be_solved_by_me: r.status !== 'new', is_public: true }
  }
  const attachmentsOf = (tokens: unknown): ZAttachmentRec[] =>
    (Array.isArray(tokens) ? tokens : []).flatMap((t) => state.uploads.get(String(t)) ?? [])

  return [
    http.get(
      api('/users/me'),
      route(({ user }) =>
        json({
          user: user
            ? { id: user.id, name: user.name, email: user.email, role: user.role }
            : { id: null, name: 'Anonymous user', email: 'invalid@example.com', role: 'end-user' },
        }),
      ),
    ),

    http.post(
      api('/requests'),
      route(async ({ request, user }) => {
        const b = ((await request.json()) as { request?: Record<string, unknown> }).request ?? {}
        let requester = user
        if (!requester) {
          const r = b.requester as { name?: string; email?: string } | undefined
          if (!state.anonymousAllowed)
            return json({ error: 'Forbidden', description: 'You do not have access to this page.' }, 403)
          if (!r?.email)
            return json(
              {
                error: 'RecordInvalid',
                description: 'Record validation errors',
                details: { requester: [{ description: 'Requester: Email is required', error: 'BlankValue' }] },
              },
              422,
            )
          requester = { id: state.next(), name: r.name ?? r.email, email: r.email, role: 'end-user' }
        }
        const comment = (b.comment ?? {}) as { body?: string; uploads?: unknown }
        if (typeof b.subject !== 'string' || !b.subject.trim()) return invalid('subject', 'Subject: cannot be blank')
        if (!comment.body?.trim()) return invalid('description', 'Description: cannot be blank')
        const at = state.now()
        const id = state.next()
        const rec: ZRequestRec = {
          id,
          subject: b.subject,
          description: comment.body,
          status: 'new',
          priority: typeof b.priority === 'string' ? b.priority : null,
          requester_id: requester.id,
          created_at: at,
          updated_at: at,
          custom_fields: (b.custom_fields as ZRequestRec['custom_fields']) ?? [],
          comments: [
            {
              id: state.next(),
              body: comment.body,
              author_id: requester.id,
              public: true,
              created_at: at,
              attachments: attachmentsOf(comment.uploads),
            },
          ],
        }
        state.requests.set(id, rec)
        return json({ request: view(rec) }, 201)
      }),
    ),

    http.get(
      api('/requests'),
      route(({ request, user }) => {
        if (!user) return unauthenticated()
        const q = new URL(request.url).searchParams
        const perPage = Number(q.get('per_page') ?? 100)
        const page = Number(q.get('page') ?? 1)
        const key = q.get('sort_by') === 'created_at' ? 'created_at' : 'updated_at'
        const all = [...state.requests.values()]
          .filter((r) => r.requester_id === user.id)
          .sort((a, b) => (q.get('sort_order') === 'asc' ? 1 : -1) * (Date.parse(a[key]) - Date.parse(b[key])))
        const slice = all.slice((page - 1) * perPage, page * perPage)
        const next = page * perPage < all.length ? api(`/requests.json?page=${page + 1}&per_page=${perPage}`) : null
        return json({ requests: slice.map(view), next_page: next, previous_page: null, count: all.length })
      }),
    ),

    http.get(
      api('/requests/:id'),
      route(({ params, user }) => {
        if (!user) return unauthenticated()
        const r = mine(user, params.id as string)
        return r ? json({ request: view(r) }) : notFound()
      }),
    ),

    http.put(
      api('/requests/:id'),
      route(async ({ request, params, user }) => {
        if (!user) return unauthenticated()
        const r = mine(user, params.id as string)
        if (!r) return notFound()
        const b =
          ((await request.json()) as { request?: { comment?: { body?: string; uploads?: unknown }; solved?: boolean } })
            .request ?? {}
        if (r.status === 'closed')
          return json(
            {
              error: 'RecordInvalid',
              description: 'Record validation errors',
              details: {
                status: [{ description: 'Status: closed prevents ticket update', error: 'ClosedPreventsUpdate' }],
              },
            },
            422,
          )
        if (b.comment?.body) {
          r.comments.push({
            id: state.next(),
            body: b.comment.body,
            author_id: user.id,
            public: true,
            created_at: state.now(),
            attachments: attachmentsOf(b.comment.uploads),
          })
          if (r.status === 'solved' || r.status === 'pending') r.status = 'open'
        }
        if (b.solved) r.status = 'solved'
        r.updated_at = state.now()
        return json({ request: view(r) })
      }),
    ),

    http.get(
      api('/requests/:id/comments'),
      route(({ request, params, user }) => {
        if (!user) return unauthenticated()
        const r = mine(user, params.id as string)
        if (!r) return notFound()
        const q = new URL(request.url).searchParams
        const desc = q.get('sort_order') === 'desc'
        const comments = r.comments
          .filter((c) => c.public)
          .sort((a, b) => (desc ? -1 : 1) * (a.id - b.id))
          .slice(0, Number(q.get('per_page') ?? 100))
        const people = [user, state.agent].filter((p) => comments.some((c) => c.author_id === p.id))
        return json({
          comments: comments.map((c) => ({ ...c, type: 'Comment', html_body: `<p>${c.body}</p>`, plain_body: c.body })),
          users: people.map((p) => ({ id: p.id, name: p.name, role: p.role, agent: p.role === 'agent' })),
          next_page: null,
          previous_page: null,
          count: comments.length,
        })
      }),
    ),

    http.post(
      api('/uploads'),
      route(async ({ request, user }) => {
        const name = new URL(request.url).searchParams.get('filename')
        if (!name) return json({ error: 'InvalidEndpoint', description: 'filename is required' }, 400)
        if (!user) return unauthenticated()
        const bytes = new Uint8Array(await request.arrayBuffer())
        if (bytes.byteLength === 0)
          return json(
            {
              error: 'RecordInvalid',
              description: 'Record validation errors',
              details: { base: [{ description: 'Attachment: empty', error: 'invalid', field_key: 'file' }] },
            },
            422,
          )
        const id = state.next()
        const att: ZAttachmentRec = {
          id,
          file_name: name,
          content_url: `${base}/attachments/token/t${id}/?name=${name}`,
          content_type: request.headers.get('Content-Type') ?? 'application/octet-stream',
          size: bytes.byteLength,
        }
        const token = `up_${id}`
        state.uploads.set(token, [att])
        return json({ upload: { token, expires_at: state.now(), attachment: att, attachments: [att] } }, 201)
      }),
    ),

    http.post(
      api('/tickets/:id/satisfaction_rating'),
      route(async ({ request, params, user }) => {
        if (!user) return unauthenticated()
        const r = mine(user, params.id as string)
        if (!r) return json({ error: 'Forbidden', description: 'Only the requester can rate' }, 403)
        if (r.status !== 'solved' && r.status !== 'closed')
          return invalid('status', 'Satisfaction rating: ticket is not solved')
        const b =
          ((await request.json()) as { satisfaction_rating?: { score?: string; comment?: string } })
            .satisfaction_rating ?? {}
        if (b.score !== 'good' && b.score !== 'bad') return invalid('score', 'Score: is invalid')
        r.rating = { score: b.score, ...(b.comment ? { comment: b.comment } : {}) }
        return json({
          satisfaction_rating: { id: state.next(), score: b.score, comment: b.comment ?? null, ticket_id: r.id },
        })
      }),
    ),

    http.get(
      api('/help_center/articles/search'),
      route(({ request }) => {
        const q = new URL(request.url).searchParams
        const term = (q.get('query') ?? '').toLowerCase()
        const hits = state.articles.filter(
          (a) => a.locale === q.get('locale') && !a.draft && (a.title + a.body).toLowerCase().includes(term),
        )
        return json({
          results: hits.slice(0, Number(q.get('per_page') ?? 25)).map((a) => ({
            id: a.id,
            title: a.title,
            locale: a.locale,
            result_type: 'article',
            snippet: a.body.replace(/<[^>]+>/g, '').replace(new RegExp(`(${term})`, 'i'), '<em>$1</em>'),
          })),
          next_page: null,
          count: hits.length,
        })
      }),
    ),

    http.get(
      api('/help_center/:locale/articles'),
      route(({ request, params }) => {
        const q = new URL(request.url).searchParams
        const perPage = Number(q.get('per_page') ?? 30)
        const page = Number(q.get('page') ?? 1)
        const all = state.articles.filter((a) => a.locale === params.locale)
        const next =
          page * perPage < all.length ? api(`/help_center/${params.locale}/articles.json?page=${page + 1}`) : null
        return json({
          articles: all
            .slice((page - 1) * perPage, page * perPage)
            .map((a) => ({ ...a, section_id: 7, updated_at: '2026-10-01T00:00:00Z', vote_sum: 2 })),
          next_page: next,
        })
      }),
    ),

    http.get(
      api('/help_center/:locale/articles/:id'),
      route(({ params }) => {
        const a = state.articles.find((x) => x.locale === params.locale && String(x.id) === params.id)
        return a ? json({ article: { ...a, section_id: 7, updated_at: '2026-10-01T00:00:00Z' } }) : notFound()
      }),
    ),
  ]
}
