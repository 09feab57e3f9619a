import { HelpFeedbackError, type ErrorCode } from './HelpFeedbackError.js'

/**
 * The error's stable code, or `'unknown'` for anything the SDK did not throw. Its own module,
 * with `isHelpFeedbackError`: `HelpFeedbackError.ts` loads with the launcher, which needs neither.
 */
export function errorCode(error: unknown): ErrorCode | 'unknown' {
  return isHelpFeedbackError(error) ? error.code : 'unknown'
}

/** True for any SDK error, also across bundle copies (checks the name, not only the prototype). */
export function isHelpFeedbackError(error: unknown): error is HelpFeedbackError {
  return (
    error instanceof HelpFeedbackError ||
    (typeof error === 'object' &&
      error !== null &&
      typeof (error as { code?: unknown }).code === 'string' &&
      typeof (error as { retryable?: unknown }).retryable === 'boolean')
  )
}
