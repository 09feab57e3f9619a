import { isHelpFeedbackError, type ErrorCode } from './HelpFeedbackError.js'

/**
 * The error's stable code, or `'unknown'` for anything the SDK did not throw. Its own module:
 * `HelpFeedbackError.ts` loads with the launcher, and the launcher never needs this.
 */
export function errorCode(error: unknown): ErrorCode | 'unknown' {
  return isHelpFeedbackError(error) ? error.code : 'unknown'
}
