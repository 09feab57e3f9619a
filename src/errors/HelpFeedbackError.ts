/** Stable machine-readable error codes. UI maps each to a localized message `error.<code>`. */
export type ErrorCode =
  | 'config'
  | 'offline'
  | 'timeout'
  | 'rate_limited'
  | 'rejected'
  | 'unauthorized'
  | 'not_found'
  | 'server'
  | 'malformed_response'
  | 'storage_unavailable'
  | 'unsupported'
  | 'file_too_large'
  | 'file_type'

/**
 * Base class of every error the SDK throws. `code` is stable; `retryable` tells the outbox
 * whether trying again later can help.
 */
export class HelpFeedbackError extends Error {
  override readonly name: string = 'HelpFeedbackError'
  readonly code: ErrorCode
  readonly retryable: boolean
  /**
   * `false` when the request failed before any of it left the device (waiting for the host's
   * token): the backend has nothing of it, so the outbox retries it as not sent rather than
   * reconciling an unknown outcome. A transport sets it; unset means it may have gone out.
   */
  declare sent?: false

  constructor(code: ErrorCode, message: string, options: { cause?: unknown; retryable?: boolean } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.code = code
    this.retryable = options.retryable ?? false
  }
}
