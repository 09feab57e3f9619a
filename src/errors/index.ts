export { HelpFeedbackError, type ErrorCode } from './HelpFeedbackError.js'
export { errorCode, isHelpFeedbackError } from './errorCode.js'
export { ConfigError } from './ConfigError.js'
export { OfflineError, TimeoutError, RateLimitedError, ServerError } from './NetworkErrors.js'
export {
  RejectedError,
  UnauthorizedError,
  NotFoundError,
  MalformedResponseError,
  UnsupportedError,
  type FieldError,
} from './RequestErrors.js'
export { StorageError, FileRejectedError } from './LocalErrors.js'
export { BrowserRequiredError } from './BrowserRequiredError.js'
