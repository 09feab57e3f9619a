import { isHelpFeedbackError } from './errorCode.js'

/**
 * True for a request refused because the transport's own sign-in was refused (a REST identify
 * answered 422): an `unauthorized` error caused by a `rejected` one. Unlike an expired session,
 * asking again later brings nothing: it takes a sign-in that succeeds.
 */
export const signInRefused = (error: unknown): boolean =>
  isHelpFeedbackError(error) &&
  error.code === 'unauthorized' &&
  isHelpFeedbackError(error.cause) &&
  error.cause.code === 'rejected'
