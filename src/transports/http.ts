import { isBrowserOffline } from '../online.js'
import { HelpFeedbackError } from '../errors/HelpFeedbackError.js'
import { OfflineError, RateLimitedError, ServerError, TimeoutError } from '../errors/NetworkErrors.js'
import {
  MalformedResponseError,
  NotFoundError,
  RejectedError,
  UnauthorizedError,
  type FieldError,
} from '../errors/RequestErrors.js'

type Awaitable<T> = T | Promise<T>

/** Options of {@link createHttp}. */
export interface HttpOptions {
  /** Absolute, or relative to the page in browsers. Paths are appended to it. */
  baseUrl: string
  /** Bearer for the Authorization header; nothing is sent when it yields empty. */
  getToken?: () => Awaitable<string | null | undefined>
  /**
   * `getToken` and `refreshToken` bound each of their own waits (REST's sign-in: the host's
   * callback, then the identify request, each within `timeoutMs`): no second, shorter limit
   * around them all. Otherwise either fails the request with TimeoutError when it takes longer
   * than `timeoutMs`.
   */
  tokenBounded?: boolean
  /** Called once when a request answers 401 (within `timeoutMs`, see `tokenBounded`); the request is then replayed once. */
  refreshToken?: () => Promise<void>
  /** Per attempt. Default 15 000. */
  timeoutMs?: number
  /** Extra attempts for idempotent or keyed requests. Default 2. */
  retries?: number
  /** A Retry-After longer than this is not waited for inline: the error goes to the outbox. Default 10 000. */
  maxRetryAfterMs?: number
  fetch?: typeof fetch
}

/** What every HTTP transport lets the host tune: per-attempt timeout, retries, and `fetch`. */
export type NetworkOptions = Pick<HttpOptions, 'timeoutMs' | 'retries' | 'fetch'>

/** A path segment, escaped. */
export const seg = encodeURIComponent

export interface RequestOptions<T> {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  json?: unknown
  body?: BodyInit
  headers?: Record<string, string>
  searchParams?: Record<string, string | number | undefined>
  /** Sent as Idempotency-Key; also what makes a POST safe to retry. */
  idempotencyKey?: string
  signal?: AbortSignal
  /** Validates the JSON body; throw MalformedResponseError to refuse it. */
  parse?: (data: unknown) => T
  /** Set false for calls that must not carry the bearer (identify). Default true. */
  auth?: boolean
  /** This request only: another fetch (an XHR-based one for upload progress). */
  fetch?: typeof fetch
}

/** A configured HTTP client: fetch with timeouts, retries and the SDK's error mapping. */
export interface Http {
  request<T = undefined>(path: string, options?: RequestOptions<T>): Promise<T>
  /** Resolves `path` against the base URL, for clients that open streams themselves. */
  url(path: string): string
  /**
   * The server's time now, from the `Date` header of the last answer plus the time elapsed on
   * this device since; the device time until a server answered. Expiry times the server
   * issued are compared with this, so a device clock a day off does not expire every session.
   */
  serverNow(): number
}

/** Longest Retry-After honoured, whatever the header says (a date read on a wrong clock, a typo). */
export const MAX_RETRY_AFTER_MS = 600_000
/** How long one attempt may take by default (`timeoutMs`). */
export const TIMEOUT_MS = 15_000

/**
 * What `work` gives (it may return a value, a promise, or throw), or TimeoutError after `ms`
 * (none when Infinity), or the signal's reason once it aborts: for a host's callback, which may
 * never answer.
 */
export function within<T>(work: () => T | PromiseLike<T>, ms: number, signal?: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason)
    const abort = () => reject(signal!.reason)
    signal?.addEventListener('abort', abort, { once: true })
    const timer = ms < Infinity ? setTimeout(() => reject(new TimeoutError()), ms) : undefined
    new Promise<T>((give) => give(work())).then(resolve, reject).finally(() => {
      clearTimeout(timer)
      signal?.removeEventListener('abort', abort)
    })
  })
}

/**
 * The wait a response asks for: Retry-After seconds, or an HTTP date read against the same
 * response's `Date` header (both are the server's clock; the device's may be a day off),
 * capped at {@link MAX_RETRY_AFTER_MS}.
 */
export function retryAfterFrom(headers: Pick<Headers, 'get'>, localNow: number = Date.now()): number | undefined {
  const serverNow = Date.parse(headers.get('Date') ?? '')
  const ms = parseRetryAfter(headers.get('Retry-After'), Number.isNaN(serverNow) ? localNow : serverNow)
  return ms === undefined ? undefined : Math.min(ms, MAX_RETRY_AFTER_MS)
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS'])
/** Statuses worth another attempt: the request timed out, was throttled, or the server or a gateway failed. */
const RETRY_STATUS = [408, 429, 500, 502, 503, 504]

/** An answer with a status outside 2xx, before it is mapped to a typed error by {@link toSdkError}. */
class HttpStatusError extends Error {
  constructor(readonly response: Response) {
    super(`HTTP ${response.status}`)
  }
}

/** How many attempts of a request have gone out (fetch called), for `HelpFeedbackError.sent`. */
type Gone = { out?: number }

/** Resolves after `ms`, or rejects with the signal's reason once it aborts. */
const sleep = (ms: number, signal: AbortSignal | undefined) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason)
    const done = () => {
      signal?.removeEventListener('abort', abort)
      resolve()
    }
    const abort = () => {
      clearTimeout(timer)
      reject(signal!.reason)
    }
    const timer = setTimeout(done, ms)
    signal?.addEventListener('abort', abort, { once: true })
  })

/**
 * Parses Retry-After (RFC 9110: delay-seconds or an HTTP date) into milliseconds from `now`.
 * Returns undefined when absent or unreadable; past dates give 0.
 *
 * @example parseRetryAfter('3') // 3000
 */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | undefined {
  if (value == null) return undefined
  const text = value.trim()
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000)
  // Only an IMF-fixdate-like value counts as a date: Date.parse('-1') would "succeed".
  const date = /[a-z]/i.test(text) ? Date.parse(text) : Number.NaN
  return Number.isNaN(date) ? undefined : Math.max(0, date - now)
}

/**
 * `error` as one request's own view of it, marked not sent (see `sent`): a sign-in's error is
 * shared by every request waiting on it. A real Error of its class (structuredClone, reporters),
 * with its fields, message and cause (the error as ErrorOptions: only when it has one).
 */
const notSent = (error: HelpFeedbackError): HelpFeedbackError =>
  Object.assign(Reflect.construct(Error, [error.message, error], error.constructor) as HelpFeedbackError, error, {
    sent: false as const,
  })

/**
 * Creates the one HTTP client a transport uses: timeout per attempt, exponential backoff with
 * jitter for idempotent or keyed requests only, Retry-After honoured on 429/503, one token refresh
 * on 401, and every failure mapped to a typed SDK error.
 *
 * @example
 * const http = createHttp({ baseUrl: 'https://api.example.com', getToken: () => session?.token })
 * const tickets = await http.request('/v1/tickets', { parse: parseTickets })
 */
export function createHttp(options: HttpOptions): Http {
  const base = options.baseUrl.replace(/\/+$/, '')
  const retries = options.retries ?? 2
  const timeoutMs = options.timeoutMs ?? TIMEOUT_MS
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 10_000
  let refreshing: Promise<void> | undefined
  // Server time minus device time, from the last `Date` header (1 s resolution is plenty).
  let skewMs = 0

  const url = (path: string) => `${base}/${path.replace(/^\/+/, '')}`

  /**
   * One attempt: the response (any status), TimeoutError after `timeoutMs` (for the token, then
   * for fetch), or what either threw. `gone.out` is set once any attempt of the request goes out.
   */
  async function send(target: string, init: RequestInit, o: RequestOptions<unknown>, gone: Gone) {
    const headers = new Headers(init.headers)
    if (o.auth !== false && options.getToken) {
      // The host's token callback has as long as a request: one that never answers must not
      // hold this request, nor the UI waiting on it, for ever. A sign-in times out its own steps.
      // An abort (a sign-out, a user switch) ends the wait at once.
      const token = await within(options.getToken, options.tokenBounded ? Infinity : timeoutMs, o.signal).catch(
        (error: unknown) => {
          // Failed before anything of this request went out: not an unknown outcome (see `sent`).
          // Said on this request's own view of the error: one sign-in's error is shared by every
          // request waiting on it, some of which may have gone out already (a retry's token).
          throw !gone.out && error instanceof HelpFeedbackError ? notSent(error) : error
        },
      )
      if (token) headers.set('Authorization', `Bearer ${token}`)
    }
    gone.out = (gone.out ?? 0) + 1
    const controller = new AbortController()
    const signal = o.signal
    const onAbort = () => controller.abort(signal!.reason)
    if (signal?.aborted) onAbort()
    signal?.addEventListener('abort', onAbort)
    let timer: ReturnType<typeof setTimeout> | undefined
    try {
      // Like a fetch that ignores its signal: the attempt settles at the timeout either way.
      return await new Promise<Response>((resolve, reject) => {
        timer = setTimeout(() => {
          reject(new TimeoutError())
          controller.abort()
        }, timeoutMs)
        ;(o.fetch ?? options.fetch ?? fetch)(target, { ...init, headers, signal: controller.signal }).then(
          resolve,
          reject,
        )
      })
    } finally {
      clearTimeout(timer)
      signal?.removeEventListener('abort', onAbort)
    }
  }

  /**
   * Sends with retries: exponential backoff with "equal jitter" (never near zero, yet clients
   * that failed together spread out) on 408, 429, 5xx and network failures, for idempotent or
   * keyed requests only; a 429/503's Retry-After is waited for when not beyond `maxRetryAfterMs`.
   * A timeout is not retried (the server may still be working on it), nor is anything offline.
   */
  async function fetchWithRetries(
    target: string,
    init: RequestInit,
    o: RequestOptions<unknown>,
    retryable: boolean,
    gone: Gone,
  ) {
    for (let attempt = 0; ; attempt++) {
      let wait = Math.min(10_000, 300 * 2 ** attempt * (0.5 + Math.random() / 2))
      try {
        const response = await send(target, init, o, gone)
        const date = Date.parse(response.headers.get('Date') ?? '')
        if (!Number.isNaN(date)) skewMs = date - Date.now()
        if (response.ok) return response
        throw new HttpStatusError(response)
      } catch (error) {
        if (attempt >= retries || !retryable || o.signal?.aborted || isBrowserOffline()) throw error
        if (error instanceof TimeoutError) throw error
        if (error instanceof HttpStatusError) {
          const { status, headers } = error.response
          if (!RETRY_STATUS.includes(status)) throw error
          const after = status === 429 || status === 503 ? retryAfterFrom(headers) : undefined
          if (after !== undefined) {
            if (after > maxRetryAfterMs) throw error
            wait = after
          }
          void error.response.body?.cancel().catch(() => {})
        }
      }
      await sleep(wait, o.signal)
    }
  }

  async function attempt<T>(path: string, o: RequestOptions<T>, gone: Gone): Promise<T> {
    const method = o.method ?? (o.json === undefined && o.body === undefined ? 'GET' : 'POST')
    const headers: Record<string, string> = { Accept: 'application/json', ...o.headers }
    if (o.idempotencyKey) headers['Idempotency-Key'] = o.idempotencyKey
    if (o.json !== undefined) headers['Content-Type'] = 'application/json'
    // Retrying an unkeyed POST could create twice; such calls fail fast and the caller decides.
    const retryable = SAFE_METHODS.has(method) || o.idempotencyKey !== undefined
    const query = new URLSearchParams()
    for (const [k, v] of Object.entries(o.searchParams ?? {})) if (v !== undefined) query.append(k, String(v))
    const qs = query.toString()
    const target = url(path) + (qs ? `?${qs}` : '')
    const body = o.json === undefined ? o.body : JSON.stringify(o.json)
    const response = await fetchWithRetries(
      target,
      { method, headers, ...(body === undefined ? {} : { body }) },
      o as RequestOptions<unknown>,
      retryable,
      gone,
    )
    const text = response.status === 204 ? '' : await response.text()
    if (text === '') return (o.parse ? o.parse(undefined) : undefined) as T
    let data: unknown
    try {
      data = JSON.parse(text)
    } catch (cause) {
      throw new MalformedResponseError([`${method} ${path}: body is not JSON`], { cause })
    }
    return o.parse ? o.parse(data) : (data as T)
  }

  function refreshOnce(): Promise<void> {
    // Concurrent 401s share one refresh instead of stampeding the identity endpoint. A host's
    // refresh has as long as its token callback: one that never answers must not hold every
    // request for ever, and the next 401 asks it again.
    refreshing ??= within(options.refreshToken!, options.tokenBounded ? Infinity : timeoutMs).finally(
      () => (refreshing = undefined),
    )
    return refreshing
  }

  return {
    url,
    serverNow: () => Date.now() + skewMs,
    async request<T>(path: string, o: RequestOptions<T> = {}): Promise<T> {
      const gone: Gone = {}
      try {
        return await attempt(path, o, gone)
      } catch (error) {
        if (o.signal?.aborted) throw error
        if (!(
          error instanceof HttpStatusError &&
          error.response.status === 401 &&
          options.refreshToken &&
          o.auth !== false
        )) {
          throw await toSdkError(error)
        }
      }
      try {
        // As for the token: an abort ends this request's wait for the refresh at once.
        await within(refreshOnce, Infinity, o.signal)
      } catch (cause) {
        if (o.signal?.aborted) throw cause
        if (!(cause instanceof HelpFeedbackError)) throw new UnauthorizedError('token refresh failed', { cause })
        // Its one attempt out was answered 401 (not taken) and the next never left: not sent.
        // After a retried attempt (a 503, a dropped connection) the outcome stays unknown.
        throw gone.out === 1 ? notSent(cause) : cause
      }
      try {
        // Its one attempt out was answered 401 (not taken): the replay starts with nothing out, so
        // a token for it that does not come is not sent either.
        return await attempt(path, o, gone.out === 1 ? {} : gone)
      } catch (error) {
        throw o.signal?.aborted ? error : await toSdkError(error)
      }
    },
  }
}

/** The protocol's error body, plus RFC 9457 problem details for generic backends. */
interface ErrorInfo {
  message?: string
  code?: string
  fields: FieldError[]
  retryAfterMs?: number
}

async function readErrorBody(response: Response): Promise<ErrorInfo> {
  try {
    const body = JSON.parse(await response.text()) as Record<string, unknown>
    const err = (typeof body.error === 'object' && body.error !== null ? body.error : body) as Record<string, unknown>
    const code = typeof err.code === 'string' ? err.code : undefined
    const fields: FieldError[] = []
    if (err.fields && typeof err.fields === 'object') {
      for (const [field, message] of Object.entries(err.fields as Record<string, unknown>)) {
        fields.push({ field, code: code ?? 'invalid', ...(typeof message === 'string' ? { message } : {}) })
      }
    }
    if (Array.isArray(err.errors)) {
      for (const e of err.errors as Array<Record<string, unknown>>) {
        if (typeof e?.field !== 'string') continue
        fields.push({
          field: e.field,
          code: typeof e.code === 'string' ? e.code : 'invalid',
          ...(typeof e.message === 'string' ? { message: e.message } : {}),
        })
      }
    }
    const message =
      typeof err.message === 'string' ? err.message : typeof err.title === 'string' ? err.title : undefined
    return {
      fields,
      ...(code ? { code } : {}),
      ...(message ? { message } : {}),
      ...(typeof err.retryAfterMs === 'number' ? { retryAfterMs: err.retryAfterMs } : {}),
    }
  } catch {
    // Proxies answer HTML or nothing: map by status alone.
    return { fields: [] }
  }
}

/**
 * Maps anything a request can throw to the SDK's typed errors. Aborts by the caller's own
 * signal pass through unchanged so cancellation is not mistaken for a failure.
 */
export async function toSdkError(error: unknown): Promise<unknown> {
  if (error instanceof HelpFeedbackError) return error
  if (error instanceof HttpStatusError) {
    const { status } = error.response
    const info = await readErrorBody(error.response)
    const message = info.message ?? `HTTP ${status}`
    if (status === 429) {
      return new RateLimitedError(retryAfterFrom(error.response.headers) ?? info.retryAfterMs, { cause: error })
    }
    if (status === 401 || status === 403) return new UnauthorizedError(message, { cause: error })
    if (status === 404 || status === 410) return new NotFoundError(message, { cause: error })
    if (status === 408) return new TimeoutError(message, { cause: error })
    // A proxy asking the device to sign in answered, not the server: the request went nowhere.
    if (status === 407) return new OfflineError('proxy authentication required', { cause: error })
    if (status >= 500) return new ServerError(status, message, { cause: error })
    return new RejectedError(info.fields, message, status, { cause: error })
  }
  if (error instanceof DOMException && error.name === 'AbortError') return error
  if (isBrowserOffline() || error instanceof TypeError) return new OfflineError(undefined, { cause: error })
  return new ServerError(undefined, error instanceof Error ? error.message : 'request failed', { cause: error })
}
