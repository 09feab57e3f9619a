import { FileRejectedError } from '../errors/LocalErrors.js'
import { RejectedError, UnauthorizedError } from '../errors/RequestErrors.js'
import type { ChatEvent, Session, UserIdentity } from '../types.js'
import { createHttp, seg, TIMEOUT_MS, within, type RequestOptions } from './http.js'
import {
  parseArticle,
  parseArticles,
  parseAttachmentRef,
  parseAvailability,
  parseComment,
  parseConversation,
  parseConversations,
  parseMessage,
  parseMessagePage,
  parseSession,
  parseTicket,
  parseTicketDetail,
  parseTickets,
  safeChatEvent,
} from './schemas.js'
import { openSse, type SseConnection } from './sse.js'
import { allCapabilities, type Transport } from './types.js'

/** Options of {@link restTransport}. */
export interface RestTransportOptions {
  /** Where the API is mounted; routes `/v1/...` are appended (e.g. `/support-api`). */
  baseUrl: string
  /** Identify with this user on first need, so a host can skip calling identify. */
  user?: UserIdentity
  /**
   * The identify token minted by the host's backend (an HS256 JWT with `sub` and a short `exp`,
   * docs/protocol.md §3), when `user.token` is not set. Called again on every re-identify, so
   * return a fresh one each time rather than a cached string.
   */
  getUserToken?: () => Promise<string>
  /** An older name of `getUserToken` (which the README and docs use); `getUserToken` wins when both are set. */
  getToken?: () => Promise<string>
  fetch?: typeof fetch
  /** Per attempt, and for `getUserToken` to answer. Default 15 000. */
  timeoutMs?: number
  /** Retries of idempotent or keyed requests. Default 2. */
  retries?: number
  /** Event stream reconnect tuning. */
  stream?: { minDelayMs?: number; maxDelayMs?: number; idleTimeoutMs?: number }
}

/** The XHR-based fetch of xhrFetch.ts, loaded with the first upload that reports progress. */
const progressFetch =
  (onProgress: (loaded: number, total: number) => void): typeof fetch =>
  (input, init) =>
    import('./xhrFetch.js').then(({ xhrFetch }) => xhrFetch(onProgress)(input, init))

const EVENT_TYPES = new Set(['message', 'typing', 'read', 'conversation', 'ticket', 'resync'])
const EXPIRY_SKEW_MS = 30_000

/**
 * Transport for the help-feedback REST protocol (docs/protocol.md), as served by
 * examples/server. Validates every response; realtime via SSE with resume.
 *
 * @example
 * const transport = restTransport({ baseUrl: '/support-api', getUserToken: () => fetchSignature() })
 */
export function restTransport(options: RestTransportOptions): Transport {
  const getUserToken = options.getUserToken ?? options.getToken
  const timeoutMs = options.timeoutMs ?? TIMEOUT_MS
  let user = options.user
  let session: Session | undefined
  let identifying: Promise<Session> | undefined
  const listeners = new Set<(e: ChatEvent) => void>()
  const signedIn = new Set<(who: UserIdentity, s: Session) => void>()
  let stream: SseConnection | undefined
  let lastEventId: string | undefined
  const closeStream = () => {
    lastEventId = stream?.lastEventId ?? lastEventId
    stream?.close()
    stream = undefined
  }

  async function identifyAs(who: UserIdentity, signal?: AbortSignal): Promise<Session> {
    // The host's token callback races the abort: sign-ins and sign-outs run in call order, and
    // one that never returns (the host's own sign-in broke) would hold up every later one.
    // Nor may it hold this user's requests for ever: it times out as a request does, and the
    // next request asks the host again.
    const token = who.token ?? (getUserToken && (await within(getUserToken, timeoutMs, signal)))
    // A host whose token is not there yet (signed out, still loading) returns nothing: that is
    // a missing credential, not a request for the server to refuse. Jobs wait for a token.
    if (who.token === undefined && getUserToken && (typeof token !== 'string' || token === ''))
      throw new UnauthorizedError('getUserToken returned no token')
    const body = {
      userId: who.id,
      ...(who.name === undefined ? {} : { name: who.name }),
      ...(who.email === undefined ? {} : { email: who.email }),
      ...(who.attributes === undefined ? {} : { attributes: who.attributes }),
      ...(token === undefined ? {} : { token }),
    }
    const answer = await http.request('/v1/identify', {
      method: 'POST',
      json: body,
      auth: false,
      parse: parseSession,
      ...(signal ? { signal } : {}),
    })
    // Answered after a switch or sign-out: the previous user's, no one's session now.
    if (who.id === user?.id) {
      session = answer
      for (const f of signedIn)
        try {
          f(who, answer)
        } catch {
          // A listener's fault is not this request's.
        }
    }
    return answer
  }

  /** One identify at a time, shared by every call that found the session missing or stale (dropped at a switch). */
  function reidentify(): Promise<Session> {
    if (!user) return Promise.reject(new UnauthorizedError('identify() was not called'))
    const p: Promise<Session> = (identifying ??= identifyAs(user)
      // Refused (422: an identity the server will not take), the request is not signed in, as
      // after a 401: a job it carries waits for a sign-in, and is not refused for the user to edit.
      .catch((e: unknown) => {
        throw e instanceof RejectedError ? new UnauthorizedError(e.message, { cause: e }) : e
      })
      .finally(() => {
        if (identifying === p) identifying = undefined
      }))
    return p
  }

  async function bearer(): Promise<string | undefined> {
    // The server wrote expiresAt on its clock: compare with its clock, not the device's.
    const stale = session?.expiresAt !== undefined && Date.parse(session.expiresAt) - EXPIRY_SKEW_MS < http.serverNow()
    const who = user?.id
    if ((!session || stale) && who !== undefined) {
      await reidentify()
      // The user changed while this request waited: it was made for the previous one.
      if (user?.id !== who) throw new UnauthorizedError('the signed-in user changed')
    }
    return session?.token
  }

  const http = createHttp({
    baseUrl: options.baseUrl,
    getToken: bearer,
    // A sign-in has a timeout for the token and one for the identify: a slow host whose each
    // step answers in time must not fail the request waiting on both.
    tokenBounded: true,
    refreshToken: async () => {
      session = undefined
      await reidentify()
    },
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    ...(options.retries === undefined ? {} : { retries: options.retries }),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  })

  const post = <T>(path: string, json: unknown, o: Omit<RequestOptions<T>, 'json' | 'method'> = {}) =>
    http.request<T>(path, { ...o, method: 'POST', json })
  const write = (o: { idempotencyKey: string; signal?: AbortSignal }) => ({
    idempotencyKey: o.idempotencyKey,
    ...(o.signal ? { signal: o.signal } : {}),
  })
  const sig = (signal?: AbortSignal) => (signal ? { signal } : {})

  function emit(e: ChatEvent): void {
    for (const listener of [...listeners]) {
      try {
        listener(e)
      } catch {
        /* one faulty listener must not starve the others */
      }
    }
  }

  function openStream(): SseConnection {
    const resumeFrom = lastEventId
    return openSse({
      ...(resumeFrom === undefined ? {} : { lastEventId: resumeFrom }),
      url: () => http.url('/v1/events'),
      headers: async () => {
        const token = await bearer()
        return token ? { Authorization: `Bearer ${token}` } : {}
      },
      ...(options.fetch ? { fetch: options.fetch } : {}),
      ...options.stream,
      // Consumers refetch since their cursor on every open: after a gap (reconnect, resubscribe),
      // and on the first one too, since the server sends a stream without a Last-Event-ID only
      // what commits after it has the stream: a reply committed between the consumer's first
      // read and then would reach neither.
      onOpen: () => emit({ type: 'resync' }),
      onUnauthorized: async () => {
        session = undefined
        await reidentify()
      },
      onEvent: ({ data }) => {
        let raw: unknown
        try {
          raw = JSON.parse(data)
        } catch {
          return
        }
        // Unknown event types are a newer server talking, not an error.
        if (!EVENT_TYPES.has((raw as { type?: unknown } | null)?.type as string)) return
        // A malformed event is dropped: a stream has no caller to throw to, and resync repairs gaps.
        const event = safeChatEvent(raw)
        if (event) emit(event)
      },
    })
  }

  return {
    name: 'rest',
    // The protocol has no search endpoint (docs/protocol.md).
    capabilities: { ...allCapabilities, articleSearch: false },

    async identify(who, signal) {
      const switched = user !== undefined && user.id !== who.id
      user = who
      // Until the new user's identify answers, nothing may go out with the previous one's token.
      if (switched) session = identifying = undefined
      const result = await identifyAs(who, signal)
      // Another user: the open stream and its resume point belong to the previous one.
      if (switched) {
        closeStream()
        lastEventId = undefined
        if (listeners.size) stream = openStream()
      }
      return result
    },
    onSignIn(f) {
      signedIn.add(f)
      return () => void signedIn.delete(f)
    },
    listArticles: ({ locale }) => http.request('/v1/articles', { searchParams: { locale }, parse: parseArticles }),
    getArticle: (id, locale) =>
      http.request(`/v1/articles/${seg(id)}`, { searchParams: { locale }, parse: parseArticle }),
    voteArticle: (id, helpful, o) => post(`/v1/articles/${seg(id)}/votes`, { helpful }, write(o)),

    createTicket: (input, o) => post('/v1/tickets', input, { ...write(o), parse: parseTicket }),
    listTickets: (signal) => http.request('/v1/tickets', { ...sig(signal), parse: parseTickets }),
    getTicket: (id, signal) => http.request(`/v1/tickets/${seg(id)}`, { ...sig(signal), parse: parseTicketDetail }),
    addComment: (id, comment, o) =>
      post(`/v1/tickets/${seg(id)}/comments`, comment, { ...write(o), parse: parseComment }),
    escalateTicket: (id, reason, o) =>
      post(`/v1/tickets/${seg(id)}/escalate`, { reason }, { ...write(o), parse: parseTicket }),
    async uploadAttachment(file, meta, o) {
      try {
        return await http.request('/v1/attachments', {
          method: 'POST',
          body: file,
          ...write(o),
          parse: parseAttachmentRef,
          headers: {
            'Content-Type': meta.type || file.type || 'application/octet-stream',
            'X-File-Name': encodeURIComponent(meta.name),
          },
          // Progress wanted and no host fetch to honour: XHR, the one browser API that reports it.
          ...(o.onUploadProgress && !options.fetch && typeof XMLHttpRequest === 'function'
            ? { fetch: progressFetch(o.onUploadProgress) }
            : {}),
        })
      } catch (error) {
        // The server's size/type verdicts become the same errors the local file checks raise.
        if (error instanceof RejectedError && error.status === 413)
          throw new FileRejectedError('file_too_large', meta.name)
        if (error instanceof RejectedError && error.status === 415) throw new FileRejectedError('file_type', meta.name)
        throw error
      }
    },
    availability: (signal) => http.request('/v1/availability', { ...sig(signal), parse: parseAvailability }),

    startConversation: (input, o) => post('/v1/conversations', input, { ...write(o), parse: parseConversation }),
    getConversation: (id) => http.request(`/v1/conversations/${seg(id)}`, { parse: parseConversation }),
    listConversations: (signal) => http.request('/v1/conversations', { ...sig(signal), parse: parseConversations }),
    sendMessage: (id, msg, o) =>
      post(`/v1/conversations/${seg(id)}/messages`, msg, { ...write(o), parse: parseMessage }),
    listMessages: (id, since) =>
      http.request(`/v1/conversations/${seg(id)}/messages`, { searchParams: { since }, parse: parseMessagePage }),
    setTyping: (id, on) => post(`/v1/conversations/${seg(id)}/typing`, { on }),
    markRead: (id, upToSeq) => post(`/v1/conversations/${seg(id)}/read`, { upToSeq }),
    endConversation: (id) => post(`/v1/conversations/${seg(id)}/end`, {}, { parse: parseConversation }),
    rate: (target, score, comment, o) =>
      post(
        target.kind === 'ticket'
          ? `/v1/tickets/${seg(target.id)}/rating`
          : `/v1/conversations/${seg(target.id)}/rating`,
        { score, ...(comment === undefined ? {} : { comment }) },
        write(o),
      ),

    subscribe(onEvent) {
      listeners.add(onEvent)
      stream ??= openStream()
      return () => {
        listeners.delete(onEvent)
        // Last listener gone: close the socket; a later subscribe opens a fresh one.
        if (listeners.size === 0) closeStream()
      }
    },
    signOut() {
      user = undefined
      session = identifying = undefined
      closeStream()
      lastEventId = undefined
    },
    dispose() {
      listeners.clear()
      closeStream()
    },
  }
}

export default restTransport
