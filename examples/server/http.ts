import type { IncomingMessage, ServerResponse } from 'node:http'
import { stableStringify } from '../../src/stableStringify.js'

/** The one error shape of the protocol (docs/protocol.md §1.2). */
export interface ErrorBody {
  error: { code: string; message: string; fields?: Record<string, string>; retryAfterMs?: number }
}

/** Thrown by handlers; the dispatcher turns it into the shared JSON error response. */
export class HttpError extends Error {
  readonly status: number
  readonly code: string
  readonly fields: Record<string, string> | undefined
  readonly headers: Record<string, string>
  readonly retryAfterMs: number | undefined

  constructor(
    status: number,
    code: string,
    message: string,
    extra: { fields?: Record<string, string>; headers?: Record<string, string>; retryAfterMs?: number } = {},
  ) {
    super(message)
    this.status = status
    this.code = code
    this.fields = extra.fields
    this.headers = extra.headers ?? {}
    this.retryAfterMs = extra.retryAfterMs
  }

  toBody(): ErrorBody {
    const error: ErrorBody['error'] = { code: this.code, message: this.message }
    if (this.fields) error.fields = this.fields
    if (this.retryAfterMs !== undefined) error.retryAfterMs = this.retryAfterMs
    return { error }
  }
}

export const notFound = (what = 'not found'): HttpError => new HttpError(404, 'not_found', what)
export const conflict = (message: string): HttpError => new HttpError(409, 'conflict', message)
export const rejected = (message: string, fields?: Record<string, string>): HttpError =>
  new HttpError(400, 'rejected', message, fields ? { fields } : {})

/** Writes a JSON response unless the socket already got headers (e.g. a stream that failed late). */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (res.headersSent) {
    res.end()
    return
  }
  const text = body === undefined ? '' : JSON.stringify(body)
  for (const [k, v] of Object.entries(headers)) res.setHeader(k, v)
  if (status === 204 || body === undefined) {
    res.writeHead(status)
    res.end()
    return
  }
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
  })
  res.end(text)
}

export function sendError(res: ServerResponse, err: HttpError): void {
  sendJson(res, err.status, err.toBody(), err.headers)
}

/**
 * Reads the request body up to `limit` bytes. Over the limit it rejects at once but keeps
 * draining (up to a bound) so the client gets to read the 413 instead of a reset connection;
 * beyond the bound the socket is cut so nobody can make the server swallow an endless upload.
 */
export function readBody(req: IncomingMessage, limit: number, tooLarge: () => HttpError): Promise<Buffer> {
  const drainCap = limit * 4 + (1 << 20)
  const declared = Number(req.headers['content-length'])
  if (Number.isFinite(declared) && declared > limit) {
    const err = tooLarge()
    if (declared > drainCap) err.headers.Connection = 'close'
    return Promise.reject(err)
  }
  return new Promise((resolve, reject) => {
    let chunks: Buffer[] = []
    let size = 0
    let over = false
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (over) {
        if (size > drainCap) req.destroy()
        return
      }
      if (size > limit) {
        over = true
        chunks = []
        reject(tooLarge())
        return
      }
      chunks.push(chunk)
    })
    req.on('end', () => {
      if (!over) resolve(Buffer.concat(chunks, size))
    })
    req.on('error', reject)
  })
}

/** Deepest nesting a JSON body may have; no protocol body comes close. */
export const MAX_JSON_DEPTH = 64
const JSON_LIMIT = 1 << 20

/**
 * Nesting depth of JSON text, counted in one loop (strings skipped) so that a hostile body like
 * `[` × 100 000 is refused before anything recursive (JSON.parse, canonicalJson) walks it.
 */
export function jsonDepth(text: string, stopAt = Infinity): number {
  let depth = 0
  let max = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (inString) {
      if (c === 92)
        i++ // backslash: skip the escaped character
      else if (c === 34) inString = false
    } else if (c === 34) inString = true
    else if (c === 91 || c === 123) {
      if (++depth > max && (max = depth) > stopAt) return max
    } else if (c === 93 || c === 125) depth--
  }
  return max
}

/**
 * Whether `text` has more than `n` of `{` and `[` (strings included): only then can it nest deeper
 * than `n`, so the common body skips the character-by-character walk of `jsonDepth`.
 */
function openingsOver(text: string, n: number): boolean {
  let count = 0
  for (const c of ['{', '['])
    for (let i = text.indexOf(c); i >= 0; i = text.indexOf(c, i + 1)) if (++count > n) return true
  return false
}

/** Parses a JSON body; an empty body counts as `{}` so bodiless POSTs (end, typing) work. */
export function parseJson(buf: Buffer): unknown {
  if (buf.length === 0) return {}
  const text = buf.toString('utf8')
  if (openingsOver(text, MAX_JSON_DEPTH) && jsonDepth(text, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) {
    throw new HttpError(400, 'malformed_request', `JSON nested deeper than ${MAX_JSON_DEPTH} levels`)
  }
  let body: unknown
  try {
    body = JSON.parse(text) as unknown
  } catch {
    throw rejected('malformed JSON body')
  }
  // JSON.parse reads a number too large for a double (1e400) as Infinity, which JSON prints as
  // null: refused, or such a body would share its idempotency fingerprint with one holding null.
  // Only a 3-digit exponent or a 309-digit run can overflow: the common body skips the walk.
  if ((HUGE_EXPONENT.test(text) || (text.length >= 309 && LONG_DIGITS.test(text))) && !finite(body))
    throw rejected('number out of range')
  // Only an escape can put U+0000 or half a surrogate pair in a string (raw control characters
  // are not JSON, and decoding UTF-8 yields whole characters): the common body skips the walk.
  return UNSTORABLE_ESCAPE.test(text) ? storable(body) : body
}

// Two tests: the alternation tried `\d{309}` at every digit of every body.
const HUGE_EXPONENT = /[eE][+-]?\d{3}/
const LONG_DIGITS = /\d{309}/
const UNSTORABLE_ESCAPE = /\\u(?:0000|[dD][89a-fA-F])/

function finite(v: unknown): boolean {
  if (typeof v === 'number') return Number.isFinite(v)
  if (v && typeof v === 'object') return Object.values(v).every(finite)
  return true
}
const UNSTORABLE = /\0|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g

/**
 * Text every store can hold, the same in each: U+0000 (Postgres text refuses it) and a lone
 * surrogate (no UTF-8 form; each database replaced it its own way) become U+FFFD, in keys too.
 * The answer, the stored row and the idempotency fingerprint then all see the same string.
 */
export function storableText(s: string): string {
  return s.replace(UNSTORABLE, '\ufffd')
}

function storable(v: unknown): unknown {
  if (typeof v === 'string') return storableText(v)
  if (Array.isArray(v)) return v.map(storable)
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {}
    // defineProperty: a `__proto__` key stays a key, as JSON.parse made it.
    for (const [k, x] of Object.entries(v)) {
      const key = storableText(k)
      // JSON.parse kept one of each key, so a clash here is two keys that differ only by what
      // storableText replaced: they would become one, and a value would be lost unsaid.
      if (Object.prototype.hasOwnProperty.call(out, key))
        throw rejected('two keys differ only by U+0000 or a lone surrogate')
      Object.defineProperty(out, key, { value: storable(x), enumerable: true, writable: true, configurable: true })
    }
    return out
  }
  return v
}

/** Reads and parses a JSON request body (1 MB at most). */
export function readJsonBody(req: IncomingMessage): Promise<{ raw: Buffer; body: unknown }> {
  return readBody(req, JSON_LIMIT, () => new HttpError(413, 'payload_too_large', 'JSON body over 1 MB')).then(
    (raw) => ({ raw, body: parseJson(raw) }),
  )
}

/**
 * JSON with sorted keys, so the idempotency fingerprint ignores key order and whitespace: the text
 * of `stableStringify`, made by one native `JSON.stringify` of a copy whose objects hold their keys
 * in sorted order (instead of a string per key and value, joined). A value the copy cannot stand
 * for goes to `stableStringify` itself: an object with a key starting with a digit (objects list
 * array-index keys first, whatever the insertion order), an `undefined`, or anything but plain
 * objects, arrays, strings, finite numbers, booleans and null (none of which `JSON.parse` makes).
 */
export function canonicalJson(value: unknown): string {
  const copy = sortedCopy(value)
  return copy === UNSORTABLE ? stableStringify(value) : (JSON.stringify(copy) as string)
}

const UNSORTABLE = Symbol('unsortable')

/**
 * `keys.sort()`: the same order (UTF-16 code units), by insertion for the few keys of a request
 * body's objects, where the built-in sort's setup costs more than the comparisons.
 */
function sortKeys(keys: string[]): string[] {
  if (keys.length > 16) return keys.sort()
  for (let i = 1; i < keys.length; i++) {
    const k = keys[i] as string
    let j = i - 1
    for (; j >= 0 && (keys[j] as string) > k; j--) keys[j + 1] = keys[j] as string
    keys[j + 1] = k
  }
  return keys
}

function sortedCopy(v: unknown): unknown {
  if (typeof v !== 'object')
    return typeof v === 'string' || typeof v === 'boolean' || Number.isFinite(v) ? v : UNSORTABLE
  if (v === null) return v
  if (Array.isArray(v)) {
    const out: unknown[] = new Array(v.length)
    for (let i = 0; i < v.length; i++) if ((out[i] = sortedCopy(v[i])) === UNSORTABLE) return UNSORTABLE
    return out
  }
  const proto: unknown = Object.getPrototypeOf(v)
  if (proto !== Object.prototype && proto !== null) return UNSORTABLE
  const record = v as Record<string, unknown>
  const keys = sortKeys(Object.keys(record))
  const out: Record<string, unknown> = {}
  for (const k of keys) {
    const c = k.charCodeAt(0)
    // `__proto__` would set the copy's prototype instead of adding a key.
    if ((c >= 48 && c <= 57) || k === '__proto__' || (out[k] = sortedCopy(record[k])) === UNSORTABLE) return UNSORTABLE
  }
  return out
}
