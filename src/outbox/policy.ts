import { isHelpFeedbackError, RateLimitedError, RejectedError } from '../errors/index.js'
import { signInRefused } from '../errors/signInRefused.js'
import type { OutboxJobBase, OutboxJobError } from './types.js'

/** What to do after a failed attempt. */
export type FailureDecision =
  | { retry: true; afterMs: number; error: OutboxJobError; unknownOutcome?: boolean }
  | { retry: false; error: OutboxJobError }

/** Longest wait a server's Retry-After can impose on a job. */
export const MAX_RETRY_AFTER_MS = 600_000

/**
 * Full-jitter exponential backoff: uniform in [0, min(cap, base * 2^(attempt-1))). Jitter
 * spreads a fleet of clients that all went offline together instead of syncing their retries.
 */
export function backoffDelay(attempt: number, random: () => number, baseMs = 1000, capMs = 300_000): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, Math.min(attempt - 1, 30)))
  return Math.floor(random() * ceiling)
}

function describe(error: unknown): OutboxJobError {
  if (isHelpFeedbackError(error)) {
    const out: OutboxJobError = { code: error.code, message: error.message }
    if (error instanceof RejectedError || error.name === 'RejectedError') {
      const fields = (error as RejectedError).fieldErrors
      if (Array.isArray(fields) && fields.length > 0) out.fields = fields
    }
    if (signInRefused(error)) out.signIn = 'refused'
    return out
  }
  const message = error instanceof Error ? error.message : String(error)
  return { code: 'unknown', message }
}

/**
 * Decides between retrying later and stopping for the user.
 * - Retryable SDK errors (offline, timeout, 5xx, 429) retry with backoff; a 429 that carries
 *   `retryAfterMs` waits exactly that long instead.
 * - 401/403 retry too: the report is still valid, only the session is not; it goes out once
 *   a sign-in succeeds (`Outbox.authorized()`), else after its backoff, also when the transport's
 *   own sign-in was refused (`lastError.signIn`): the server may take it later, and any tab
 *   holding the outbox must still send it.
 * - 409 from an idempotent backend means "same key still in flight": retry, it will replay.
 * - A malformed answer (2xx with an unreadable or wrong-shape body, a captive portal's HTML) or a
 *   timeout after sending leaves the outcome unknown: the backend may have committed. That is
 *   never a refusal; the job is reconciled (same key, or `reconcile`) after a backoff. The same
 *   error before anything was sent (`sent: false`: the host's token timed out, or the sign-in
 *   answer was malformed) is a plain retry with the same key.
 * - Other SDK errors (422 validation...) stop as `rejected`.
 * - Unknown errors (e.g. a fetch TypeError on a dropped connection) retry: never drop user data
 *   on an error we cannot classify.
 */
export function decideFailure(
  error: unknown,
  attempt: number,
  random: () => number,
  baseMs?: number,
  capMs?: number,
): FailureDecision {
  const info = describe(error)
  const backoff = () => backoffDelay(attempt, random, baseMs, capMs)
  if (!isHelpFeedbackError(error)) return { retry: true, afterMs: backoff(), error: info }
  if (error.code === 'malformed_response' || error.code === 'timeout')
    // Failed before it went out (the host's token did not come): sent again, nothing to reconcile.
    return { retry: true, afterMs: backoff(), error: info, ...(error.sent === false ? {} : { unknownOutcome: true }) }
  if (error instanceof RateLimitedError || error.code === 'rate_limited') {
    const after = (error as RateLimitedError).retryAfterMs
    // The backend knows its own window better than our jitter does, up to a sane cap (a
    // Retry-After date read against a wrong clock must not park a report for a day).
    return {
      retry: true,
      afterMs: typeof after === 'number' && after >= 0 ? Math.min(after, MAX_RETRY_AFTER_MS) : backoff(),
      error: info,
    }
  }
  if (error.retryable || error.code === 'unauthorized') return { retry: true, afterMs: backoff(), error: info }
  if (error.code === 'rejected' && (error as RejectedError).status === 409)
    return { retry: true, afterMs: backoff(), error: info }
  return { retry: false, error: info }
}

export { stableStringify } from '../stableStringify.js'

/**
 * RFC 4122 v4 id. `crypto.randomUUID` only exists in secure contexts, and WebViews often load
 * over http or file:, so fall back to getRandomValues (available everywhere that matters).
 */
export function randomUuid(): string {
  const c = (globalThis as { crypto?: Crypto }).crypto
  if (c && typeof c.randomUUID === 'function') return c.randomUUID()
  const bytes = new Uint8Array(16)
  if (c && typeof c.getRandomValues === 'function') c.getRandomValues(bytes)
  else for (let i = 0; i < 16; i++) bytes[i] = Math.floor(Math.random() * 256)
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

/** Waiting for an attempt (now or after its backoff). */
export const isPending = (job: OutboxJobBase) =>
  job.state === 'queued' || job.state === 'failed_retryable' || job.state === 'reconcile'

/** Oldest first; `seq` breaks ties inside one millisecond. */
export function byAge(a: OutboxJobBase, b: OutboxJobBase): number {
  return a.createdAt - b.createdAt || a.seq - b.seq || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
}

/** First due job, keeping order inside a group: a waiting job holds back the later ones. */
export function pickDue(
  jobs: readonly OutboxJobBase[],
  isDue: (job: OutboxJobBase) => boolean,
): OutboxJobBase | undefined {
  const held = new Set<string>()
  for (const job of jobs) {
    // A rejected job waits for the user; it must not stall the rest of its conversation.
    if (!isPending(job) && job.state !== 'sending') continue
    if (job.group !== undefined && held.has(job.group)) continue
    if (isPending(job) && isDue(job)) return job
    if (job.group !== undefined) held.add(job.group)
  }
  return undefined
}
