import { errorKind } from './errorKind.js'
import { HelpFeedbackError } from './HelpFeedbackError.js'

export interface FieldError {
  field: string
  code: string
  message?: string
}

/** The backend refused the input (4xx validation). Not retryable: the user must fix it. */
export class RejectedError extends HelpFeedbackError {
  override readonly name = 'RejectedError'
  readonly fieldErrors: FieldError[]
  readonly status: number | undefined
  constructor(
    fieldErrors: FieldError[] = [],
    message = 'rejected by the backend',
    status?: number,
    options: { cause?: unknown } = {},
  ) {
    super('rejected', message, options)
    this.fieldErrors = fieldErrors
    this.status = status
  }
}

/** Credentials missing, expired or refused (401/403). */
export class UnauthorizedError extends errorKind('UnauthorizedError', 'unauthorized', 'not authorized') {}

/** The backend has no such ticket, conversation or article (404). */
export class NotFoundError extends errorKind('NotFoundError', 'not_found', 'not found') {}

/** The backend answered with a shape the schema refused. `issues` says where. */
export class MalformedResponseError extends HelpFeedbackError {
  override readonly name = 'MalformedResponseError'
  readonly issues: string[]
  constructor(issues: string[], options: { cause?: unknown } = {}) {
    super('malformed_response', `malformed backend response: ${issues.slice(0, 3).join('; ')}`, options)
    this.issues = issues
  }
}

/** The transport does not implement this capability. */
export class UnsupportedError extends HelpFeedbackError {
  override readonly name = 'UnsupportedError'
  constructor(capability: string) {
    super('unsupported', `the transport does not support ${capability}`)
  }
}
