import { errorKind } from './errorKind.js'
import { HelpFeedbackError } from './HelpFeedbackError.js'

/** The device is offline or the backend could not be reached. Retryable. */
export class OfflineError extends errorKind('OfflineError', 'offline', 'network unavailable', true) {}

/** The backend did not answer in time. Retryable. */
export class TimeoutError extends errorKind('TimeoutError', 'timeout', 'request timed out', true) {}

/** The backend asked us to slow down (429, or an opaque CORS-less failure treated as one). */
export class RateLimitedError extends HelpFeedbackError {
  override readonly name = 'RateLimitedError'
  /** Milliseconds to wait before the next attempt, from Retry-After when the backend sent it. */
  readonly retryAfterMs: number | undefined
  constructor(retryAfterMs?: number, options: { cause?: unknown } = {}) {
    super('rate_limited', 'rate limited by the backend', { ...options, retryable: true })
    this.retryAfterMs = retryAfterMs
  }
}

/** A 5xx or similar backend failure. Retryable. */
export class ServerError extends HelpFeedbackError {
  override readonly name = 'ServerError'
  readonly status: number | undefined
  constructor(status?: number, message = 'backend error', options: { cause?: unknown } = {}) {
    super('server', message, { ...options, retryable: true })
    this.status = status
  }
}
