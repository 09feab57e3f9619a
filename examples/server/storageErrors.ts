import { HttpError } from './http.js'

/**
 * SQLite failures that say nothing about the request and may pass (a writer holding the lock,
 * a full disk, a read-only file, an I/O error), as the protocol's retryable answer: 503 with
 * `Retry-After` and a code the client can act on, never a bare 500. Anything else is `undefined`.
 *
 * @example
 * catch (err) { const e = storageHttpError(err); if (e) return sendError(res, e) }
 */
export function storageHttpError(err: unknown): HttpError | undefined {
  const code = typeof err === 'object' && err !== null ? (err as { code?: unknown }).code : undefined
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return undefined
  const answer = (errorCode: string, message: string, seconds: number) =>
    new HttpError(503, errorCode, message, { retryAfterMs: seconds * 1000, headers: { 'Retry-After': String(seconds) } })
  // Extended codes (SQLITE_BUSY_SNAPSHOT, SQLITE_IOERR_WRITE …) share their family's meaning.
  const family = code.replace(/^(SQLITE_[A-Z]+?)(_[A-Z_]+)?$/, '$1')
  switch (family) {
    case 'SQLITE_BUSY':
    case 'SQLITE_LOCKED':
      return answer('storage_busy', 'the database is busy; try again shortly', 1)
    case 'SQLITE_FULL':
      return answer('storage_full', 'the database is full; writes are refused until space is freed', 60)
    case 'SQLITE_READONLY':
      return answer('read_only', 'the server is in read-only mode; writes are refused for now', 30)
    case 'SQLITE_IOERR':
    case 'SQLITE_CANTOPEN':
    case 'SQLITE_PROTOCOL':
      return answer('storage_unavailable', 'the database could not be reached; try again later', 10)
    default:
      return undefined
  }
}
