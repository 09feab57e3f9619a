import { HttpError } from './http.js'

/**
 * Database failures (SQLite, or Postgres below) that say nothing about the request and may pass (a writer holding the lock,
 * a full disk, a read-only file, an I/O error), as the protocol's retryable answer: 503 with
 * `Retry-After` and a code the client can act on, never a bare 500. Anything else is `undefined`.
 *
 * @example
 * catch (err) { const e = storageHttpError(err); if (e) return sendError(res, e) }
 */
export function storageHttpError(err: unknown): HttpError | undefined {
  const code = typeof err === 'object' && err !== null ? (err as { code?: unknown }).code : undefined
  if (typeof code !== 'string') return undefined
  const answer = (errorCode: string, message: string, seconds: number) =>
    new HttpError(503, errorCode, message, {
      retryAfterMs: seconds * 1000,
      headers: { 'Retry-After': String(seconds) },
    })
  if (!code.startsWith('SQLITE_')) {
    const pg = postgresFamily(code)
    if (pg === 'busy') return answer('storage_busy', 'the database is busy; try again shortly', 1)
    if (pg === 'full')
      return answer('storage_full', 'the database is full; writes are refused until space is freed', 60)
    if (pg === 'read_only')
      return answer('read_only', 'the server is in read-only mode; writes are refused for now', 30)
    if (pg === 'unavailable')
      return answer('storage_unavailable', 'the database could not be reached; try again later', 10)
    return undefined
  }
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

/**
 * Postgres SQLSTATEs (and the client's connection codes) with the same meanings: serialization
 * failures, deadlocks and lock timeouts are busy; a full disk is full; a standby or a
 * read-only transaction is read-only; lost or refused connections and shutdowns are unavailable.
 */
function postgresFamily(code: string): 'busy' | 'full' | 'read_only' | 'unavailable' | undefined {
  if (code === '40001' || code === '40P01' || code === '55P03' || code === '53300' || code === '57014') return 'busy'
  if (code === '53100') return 'full'
  if (code === '25006') return 'read_only'
  if (code.startsWith('08') || code === '57P01' || code === '57P02' || code === '57P03' || code === '53000')
    return 'unavailable'
  if (
    /^(CONNECTION_(CLOSED|DESTROYED|ENDED)|CONNECT_TIMEOUT|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENOTFOUND)$/.test(
      code,
    )
  )
    return 'unavailable'
  return undefined
}
