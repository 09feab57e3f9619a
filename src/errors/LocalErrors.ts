import { errorKind } from './errorKind.js'
import { HelpFeedbackError } from './HelpFeedbackError.js'

/** Persistent storage failed; the SDK continues in memory and says so. */
export class StorageError extends errorKind('StorageError', 'storage_unavailable', 'storage unavailable') {}

/** A file the user picked breaks a limit. `code` tells which one. */
export class FileRejectedError extends HelpFeedbackError {
  override readonly name = 'FileRejectedError'
  readonly fileName: string
  readonly limit: number | undefined
  constructor(kind: 'file_too_large' | 'file_type', fileName: string, limit?: number) {
    super(kind, `${fileName}: ${kind === 'file_too_large' ? `larger than ${limit} bytes` : 'type not allowed'}`)
    this.fileName = fileName
    this.limit = limit
  }
}
