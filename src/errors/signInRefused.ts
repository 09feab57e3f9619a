import { isHelpFeedbackError } from './errorCode.js'

/**
 * True for a request refused because the transport's own sign-in was refused (a REST identify
 * answered 422): an `unauthorized` error caused by a `rejected` one. Unlike an expired session,
 * signing in again as before is refused until the server takes the identity (or the host signs
 * the user in with another).
 */
export const signInRefused = (error: unknown): boolean =>
  isHelpFeedbackError(error) &&
  error.code === 'unauthorized' &&
  isHelpFeedbackError(error.cause) &&
  error.cause.code === 'rejected'
