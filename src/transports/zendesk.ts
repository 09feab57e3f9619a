import { ConfigError } from '../errors/ConfigError.js'
import { FileRejectedError } from '../errors/LocalErrors.js'
import { ServerError } from '../errors/NetworkErrors.js'
import { NotFoundError, RejectedError, UnauthorizedError, UnsupportedError } from '../errors/RequestErrors.js'
import type { Comment, Session, Ticket, TicketInput, UserIdentity } from '../types.js'
import { createHttp, seg, TIMEOUT_MS, within, type Http, type NetworkOptions } from './http.js'
import { noCapabilities, type Transport, type WriteFinder } from './types.js'
import { composeReport, refOf, vendorFetch } from './vendorKit.js'
import {
  normalizeZendeskError,
  toArticle,
  toAttachmentRef,
  toComment,
  toDetail,
  toHit,
  toTicket,
} from './zendeskMap.js'
import {
  parseArticleEnvelope,
  parseArticles,
  parseComments,
  parseMe,
  parseRequestEnvelope,
  parseRequestList,
  parseSearch,
  parseUpload,
  type ZRequest,
} from './zendeskSchemas.js'

type Awaitable<T> = T | Promise<T>

/** Options of {@link zendeskTransport}. */
export interface ZendeskTransportOptions extends NetworkOptions {
  /** `acme` for https://acme.zendesk.com; on multibrand accounts it picks the brand. */
  subdomain: string
  /** Replaces `https://{subdomain}.zendesk.com`, e.g. a same-origin proxy. */
  baseUrl?: string
  /**
   * The end user's OAuth access token (authorization-code flow with PKCE in the app, or minted
   * by the host's backend). Zendesk JWTs (Help Center SSO, Messaging) are not REST credentials:
   * exchange them server-side. Without this option the transport is anonymous: it can only
   * create requests (as `requester {name, email}`), which Zendesk allows when "Anyone can submit
   * tickets" is on. It has `timeoutMs` (15 s by default) to answer, as a request does: a token
   * that needs the user to sign in first should be fetched before the request, not inside it.
   */
  getAccessToken?: () => Awaitable<string | null | undefined>
  /** Called once on a 401 before the request is replayed; it has `timeoutMs` to answer, as `getAccessToken` has. */
  refreshAccessToken?: () => Promise<void>
  /**
   * Custom ticket field ids to write as well (agents can filter and report on them):
   * `category`, `nonce` (the create's idempotency key, matched by findWrite), or a report field name.
   */
  customFields?: Record<string, number>
  ticketFormId?: number
  /** Help Center articles and search. Default true. */
  helpCenter?: boolean
  /** SDK locale → Help Center locale. Default: lower case, `en` → `en-us`. */
  helpCenterLocale?: (locale: string) => string
  /** Back-off for opaque (CORS-less 429/403) failures. Default 60 000. */
  opaqueBackoffMs?: number
}

const MAX_PAGES = 5
const defaultHcLocale = (locale: string) => (locale.toLowerCase() === 'en' ? 'en-us' : locale.toLowerCase())

/**
 * Transport for Zendesk Support's end-user Requests API and the Help Center API. No chat, no
 * realtime (poll), no server idempotency: every create carries a nonce (`ref: hf_<key>` in the
 * description, and the `nonce` custom field when configured) that {@link Transport.findWrite}
 * matches against the user's requests before the outbox sends a create again.
 *
 * @example
 * const transport = zendeskTransport({ subdomain: 'acme', getAccessToken: () => oauth.token() })
 */
export function zendeskTransport(options: ZendeskTransportOptions): Transport & WriteFinder {
  if (!/^[a-z0-9][a-z0-9-]*$/i.test(options.subdomain) && !options.baseUrl) {
    throw new ConfigError('transport.subdomain', 'expected the Zendesk subdomain, e.g. "acme"')
  }
  const authed = options.getAccessToken !== undefined
  const hcLocale = options.helpCenterLocale ?? defaultHcLocale
  const uploads = new Map<string, string>()
  let user: UserIdentity | undefined
  const { getAccessToken, refreshAccessToken } = options
  const ms = options.timeoutMs ?? TIMEOUT_MS
  let refreshing: Promise<void> | undefined
  // Reads and writes go through two clients, which bound the host's callbacks here (`tokenBounded`):
  // a read and a write answered 401 together share one refresh in flight, not two racing token
  // rotations. One that does not answer within `timeoutMs` is dropped: the next 401 asks again.
  const refreshOnce = () => (refreshing ??= within(refreshAccessToken!, ms).finally(() => (refreshing = undefined)))
  const common = {
    baseUrl: options.baseUrl ?? `https://${options.subdomain}.zendesk.com`,
    fetch: vendorFetch({
      ...(options.fetch ? { fetch: options.fetch } : {}),
      opaqueBackoffMs: options.opaqueBackoffMs ?? 60_000,
      normalizeError: (status, body) => normalizeZendeskError(status, body),
    }),
    tokenBounded: true,
    ...(getAccessToken ? { getToken: () => within(getAccessToken, ms) } : {}),
    ...(refreshAccessToken ? { refreshToken: refreshOnce } : {}),
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
  }
  const read: Http = createHttp({ ...common, ...(options.retries === undefined ? {} : { retries: options.retries }) })
  // Requests' PUT appends a comment: not idempotent, so writes never retry inline (the outbox does).
  const write: Http = createHttp({ ...common, retries: 0 })
  const sig = (signal?: AbortSignal) => (signal ? { signal } : {})

  function customFields(input: TicketInput, key: string): Array<{ id: number; value: unknown }> {
    return Object.entries(options.customFields ?? {}).flatMap(([name, id]) => {
      const value = name === 'category' ? input.category : name === 'nonce' ? refOf(key) : input.fields[name]
      return value === undefined ? [] : [{ id, value }]
    })
  }

  function uploadTokens(refs: TicketInput['attachments']): string[] {
    const missing = refs.flatMap((r, i) => (uploads.has(r.id) ? [] : [{ field: `attachments.${i}`, code: 'expired' }]))
    // Tokens live 60 minutes and only in this page; the outbox uploads again on its next attempt.
    if (missing.length) throw new RejectedError(missing, 'attachment upload token unknown or expired')
    return refs.map((r) => uploads.get(r.id) as string)
  }

  async function recentRequests(pages: number, signal?: AbortSignal): Promise<ZRequest[]> {
    const all: ZRequest[] = []
    for (let page = 1; page <= pages; page++) {
      const list = await read.request('/api/v2/requests', {
        searchParams: { sort_by: 'updated_at', sort_order: 'desc', per_page: 100, page },
        parse: parseRequestList,
        ...sig(signal),
      })
      all.push(...list.requests)
      if (!list.next_page) break
    }
    return all
  }

  /** A request and one page of its comments (with their authors), fetched together. */
  function requestWithComments(id: string, order: 'asc' | 'desc', perPage: number, signal?: AbortSignal) {
    return Promise.all([
      read.request(`/api/v2/requests/${seg(id)}`, { parse: parseRequestEnvelope, ...sig(signal) }),
      read.request(`/api/v2/requests/${seg(id)}/comments`, {
        searchParams: { sort_by: 'created_at', sort_order: order, per_page: perPage, include: 'users' },
        parse: parseComments,
        ...sig(signal),
      }),
    ])
  }

  async function findComment(
    ticketId: string,
    body: string,
    signal?: AbortSignal,
    since = 0,
  ): Promise<Comment | undefined> {
    const [request, page] = await requestWithComments(ticketId, 'desc', 20, signal)
    const mine = page.comments.map((c) => toComment(c, page.users ?? [], request.request.requester_id))
    // Device and server clocks disagree: allow two minutes before `since`.
    return mine.find(
      (c) => c.author === 'user' && c.body.trim() === body.trim() && Date.parse(c.createdAt) >= since - 120_000,
    )
  }

  const requireNumericId = (id: string) => {
    if (!/^\d+$/.test(id)) throw new NotFoundError(`no Zendesk request ${id}`)
  }

  const transport: Transport & WriteFinder = {
    name: 'zendesk',
    capabilities: {
      ...noCapabilities,
      articles: options.helpCenter !== false,
      articleSearch: options.helpCenter !== false,
      tickets: true,
      attachments: authed,
      csat: authed,
    },

    async identify(who, signal): Promise<Session> {
      user = who
      if (!authed) return { userId: who.id }
      const me = await read.request('/api/v2/users/me', { parse: parseMe, ...sig(signal) })
      // Zendesk answers an anonymous "me" (id null) when the token did not authenticate.
      if (me.user.id === null) throw new UnauthorizedError('Zendesk did not accept the access token')
      return { userId: who.id }
    },

    // Without credentials a request is filed as the identified user's name and e-mail: after a
    // sign-out, whoever comes next must not file as them.
    signOut() {
      user = undefined
    },

    async createTicket(input, o): Promise<Ticket> {
      const request: Record<string, unknown> = {
        subject: input.subject,
        comment: {
          body: composeReport(input.description, input, o.idempotencyKey),
          uploads: uploadTokens(input.attachments),
        },
        priority: input.priority,
      }
      const fields = customFields(input, o.idempotencyKey)
      if (fields.length) request.custom_fields = fields
      if (options.ticketFormId !== undefined) request.ticket_form_id = options.ticketFormId
      if (!authed) {
        if (!user?.email)
          throw new RejectedError(
            [{ field: 'email', code: 'required' }],
            'anonymous Zendesk requests need the user email',
          )
        request.requester = { name: user.name ?? user.email, email: user.email }
      }
      const created = await write.request('/api/v2/requests', {
        method: 'POST',
        json: { request },
        parse: parseRequestEnvelope,
        ...sig(o.signal),
      })
      return toTicket(created.request)
    },

    async findWrite(lookup, key, signal) {
      if (lookup.kind === 'comment') return findComment(lookup.ticketId, lookup.body, signal, lookup.since)
      if (lookup.kind !== 'ticket' || !authed) return undefined
      const nonce = options.customFields?.nonce
      const hit = (await recentRequests(1, signal)).find(
        (r) =>
          (r.description ?? '').includes(`ref: ${refOf(key)}`) ||
          (nonce !== undefined && r.custom_fields?.some((f) => f.id === nonce && f.value === refOf(key))),
      )
      return hit ? toTicket(hit) : undefined
    },

    async uploadAttachment(file, meta, o) {
      try {
        const { upload } = await write.request('/api/v2/uploads', {
          method: 'POST',
          body: file,
          searchParams: { filename: meta.name },
          parse: parseUpload,
          ...sig(o.signal),
          headers: { 'Content-Type': meta.type || file.type || 'application/octet-stream' },
        })
        const ref = toAttachmentRef(upload.attachment)
        uploads.set(ref.id, upload.token)
        return ref
      } catch (error) {
        if (error instanceof RejectedError && error.status === 413)
          throw new FileRejectedError('file_too_large', meta.name)
        if (error instanceof RejectedError && error.status === 415) throw new FileRejectedError('file_type', meta.name)
        throw error
      }
    },

    async rate(target, score, comment, o) {
      if (target.kind !== 'ticket') throw new UnsupportedError('conversation ratings')
      requireNumericId(target.id)
      // Legacy CSAT is binary and only the requester may rate (solved tickets): 4–5 is good.
      const rating = { score: score >= 4 ? 'good' : 'bad', ...(comment === undefined ? {} : { comment }) }
      await write.request(`/api/v2/tickets/${seg(target.id)}/satisfaction_rating`, {
        method: 'POST',
        json: { satisfaction_rating: rating },
        ...sig(o.signal),
      })
    },
  }

  if (authed) {
    transport.listTickets = async (signal) => (await recentRequests(MAX_PAGES, signal)).map(toTicket)
    transport.getTicket = async (id, signal) => {
      requireNumericId(id)
      const [request, page] = await requestWithComments(id, 'asc', 100, signal)
      return toDetail(request.request, page.comments, page.users ?? [])
    }
    transport.addComment = async (ticketId, comment, o) => {
      requireNumericId(ticketId)
      const body = { request: { comment: { body: comment.body, uploads: uploadTokens(comment.attachments) } } }
      await write.request(`/api/v2/requests/${seg(ticketId)}`, { method: 'PUT', json: body, ...sig(o.signal) })
      const found = await findComment(ticketId, comment.body, o.signal)
      // Retryable: the next attempt's findWrite finds the comment instead of posting it twice.
      if (!found) throw new ServerError(undefined, 'the new comment is not listed yet')
      return found
    }
  }

  if (options.helpCenter !== false) {
    transport.listArticles = async ({ locale }) => {
      const out = []
      for (let page = 1; page <= 10; page++) {
        const list = await read.request(`/api/v2/help_center/${seg(hcLocale(locale))}/articles`, {
          searchParams: { per_page: 100, page },
          parse: parseArticles,
        })
        out.push(...list.articles.filter((a) => !a.draft).map((a) => ({ ...toArticle(a), locale })))
        if (!list.next_page) break
      }
      return out
    }
    transport.getArticle = async (id, locale) => {
      const { article } = await read.request(`/api/v2/help_center/${seg(hcLocale(locale))}/articles/${seg(id)}`, {
        parse: parseArticleEnvelope,
      })
      return { ...toArticle(article), locale }
    }
    transport.searchArticles = async (q, { locale, limit }) => {
      const found = await read.request('/api/v2/help_center/articles/search', {
        searchParams: { query: q, locale: hcLocale(locale), per_page: Math.min(100, Math.max(1, limit)) },
        parse: parseSearch,
      })
      return found.results.slice(0, limit).map(toHit)
    }
  }
  return transport
}

export default zendeskTransport
