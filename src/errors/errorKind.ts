import { HelpFeedbackError, type ErrorCode } from './HelpFeedbackError.js'

/** The constructor `errorKind` makes: an optional message (the kind's default) and cause. */
export interface ErrorKind<N extends string> {
  new (message?: string, options?: { cause?: unknown }): HelpFeedbackError & { readonly name: N }
}

/**
 * The base of an error kind that carries nothing but its code:
 * `class NotFoundError extends errorKind('NotFoundError', 'not_found', 'not found') {}`.
 * `name` is spelled out because minified class names are not the ones a host logs.
 */
export function errorKind<N extends string>(
  name: N,
  code: ErrorCode,
  fallback: string,
  retryable = false,
): ErrorKind<N> {
  return class extends HelpFeedbackError {
    override readonly name: N = name
    constructor(message = fallback, options: { cause?: unknown } = {}) {
      super(code, message, { ...options, retryable })
    }
  } as ErrorKind<N>
}
