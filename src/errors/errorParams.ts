import { FileRejectedError } from './LocalErrors.js'

/**
 * The values an error's catalog message (`error.<code>`) fills in: the refused file's `{name}`
 * and the limit it broke as `{max}` ("10 MB"). Empty strings when the error carries none.
 *
 * @example
 * t(errorKey(errorCode(e), online), errorParams(e)) // 'notes.txt is not a supported file type.'
 */
export function errorParams(error: unknown): { name: string; max: string } {
  const file = error instanceof FileRejectedError ? error : undefined
  const max = file?.limit === undefined ? '' : `${Math.round(file.limit / (1024 * 1024))} MB`
  return { name: file?.fileName ?? '', max }
}
