import { randomBytes } from 'node:crypto'
import { constants as files, createReadStream, promises as fs, type Stats } from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { extname, join, resolve, sep } from 'node:path'
import { Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { promisify } from 'node:util'
import { brotliCompress, constants as zlib, gzip } from 'node:zlib'
import { HttpError, notFound } from './http.js'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
}

const brotli = promisify(brotliCompress)
const gzipped = promisify(gzip)

/** Text formats worth compressing (images and fonts are compressed already). */
const COMPRESSIBLE = /^(text\/|application\/(json|manifest\+json)|image\/svg)/
/** Smaller bodies gain less than the encoding costs. */
const MIN_COMPRESS = 1024

/**
 * The encoding to send for an `Accept-Encoding` header: br before gzip, none for a coding the
 * client refused (`q=0`) or did not name. Brotli makes the demo's 389 KB search index 104 KB (quality 9),
 * which a phone on a slow network downloads four times faster.
 */
export function pickEncoding(header: string | undefined): 'br' | 'gzip' | undefined {
  const accepted = new Map<string, number>()
  for (const part of (header ?? '').toLowerCase().split(',')) {
    const [name, ...params] = part.split(';').map((x) => x.trim())
    if (!name) continue
    const q = params.find((x) => x.startsWith('q='))
    const weight = q === undefined ? 1 : Number(q.slice(2))
    accepted.set(name, Number.isFinite(weight) ? weight : 0)
  }
  const ok = (name: string) => (accepted.get(name) ?? (accepted.has('*') ? accepted.get('*')! : 0)) > 0
  return ok('br') ? 'br' : ok('gzip') ? 'gzip' : undefined
}

/**
 * Files larger than this go from disk as a stream, uncompressed, and are never read whole. 2 MB is
 * five times the largest file the demo serves compressed (its 389 KB search index), so everything
 * it has still goes br/gzip; above it, each request would hold the whole file in memory (a hundred
 * concurrent downloads of a 40 MB file: 4 GB) and brotli 9 would keep a compression thread busy for
 * seconds, and one copy could take an eighth of the 16 MB kept below, evicting the files that matter.
 */
export const STREAM_ABOVE = 2 * 1024 * 1024

/** Compressed copies of files, by path, encoding, size and modification time (HTML is stamped per response: never kept). */
const compressed = new Map<string, Buffer>()
/** Compressions under way, by the same key: requests arriving together wait for one, not start one each. */
const compressing = new Map<string, Promise<Buffer>>()
/** Bytes of the copies kept; the oldest go above this. */
const KEEP_BYTES = 16 * 1024 * 1024
let kept = 0

function compress(body: Buffer, encoding: 'br' | 'gzip', keep: boolean): Promise<Buffer> {
  return encoding === 'br'
    ? brotli(body, {
        params: {
          // 9 in place of 11: a tenth of the time for a few percent more bytes, once per file and version.
          [zlib.BROTLI_PARAM_QUALITY]: keep ? 9 : 4,
          [zlib.BROTLI_PARAM_SIZE_HINT]: body.length,
        },
      })
    : gzipped(body, { level: keep ? 9 : 6 })
}

async function encode(body: Buffer, encoding: 'br' | 'gzip', key: string | undefined): Promise<Buffer> {
  if (key === undefined) return compress(body, encoding, false)
  const hit = compressed.get(key)
  if (hit) return hit
  const running = compressing.get(key)
  if (running) return running
  const job = compress(body, encoding, true)
  compressing.set(key, job)
  try {
    const out = await job
    kept += out.length - (compressed.get(key)?.length ?? 0)
    compressed.set(key, out)
    for (const [k, v] of compressed) {
      if (kept <= KEEP_BYTES) break
      compressed.delete(k)
      kept -= v.length
    }
    return out
  } finally {
    compressing.delete(key)
  }
}

/** A URL prefix served from a directory. `missingHint` explains an absent directory (e.g. dist/ not built). */
export interface Mount {
  prefix: string
  dir: string
  missingHint?: string
}

/**
 * Maps a URL path under a mount to a file inside it, or throws 404. Decodes once, then refuses
 * `..`, dot-files, backslashes and NUL before touching the disk, and re-checks the real path so a
 * symlink cannot lead outside the mount either.
 */
export async function resolveStatic(mount: Mount, pathname: string): Promise<string> {
  let rel: string
  try {
    rel = decodeURIComponent(pathname.slice(mount.prefix.length))
  } catch {
    throw new HttpError(400, 'rejected', 'bad path encoding')
  }
  const parts = rel.split('/').filter((p) => p !== '')
  if (rel.includes('\0') || rel.includes('\\') || parts.some((p) => p.startsWith('.'))) throw notFound()
  const root = resolve(mount.dir)
  let file = resolve(root, ...parts)
  if (file !== root && !file.startsWith(root + sep)) throw notFound()
  let realRoot: string
  try {
    realRoot = await fs.realpath(root)
  } catch {
    throw notFound(mount.missingHint ?? 'not found')
  }
  try {
    if ((await fs.stat(file)).isDirectory()) file = join(file, 'index.html')
    const real = await fs.realpath(file)
    if (real !== realRoot && !real.startsWith(realRoot + sep)) throw notFound()
    return real
  } catch (err) {
    if (err instanceof HttpError) throw err
    throw notFound(mount.missingHint ?? 'not found')
  }
}

/** CSP for our HTML: scripts only from us or carrying this response's nonce. */
export function htmlSecurityHeaders(nonce: string, framable = false): Record<string, string> {
  // Only the WebView example's wallet page may be framed, and only by our own shell page.
  const frame = framable ? "frame-ancestors 'self'" : "frame-ancestors 'none'"
  return {
    'Content-Security-Policy': [
      "default-src 'self'",
      `script-src 'self' 'nonce-${nonce}'`,
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data: blob:",
      "connect-src 'self'",
      "font-src 'self'",
      "object-src 'none'",
      "base-uri 'none'",
      frame,
      "form-action 'self'",
    ].join('; '),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': framable ? 'SAMEORIGIN' : 'DENY',
  }
}

/** Serves a static file (GET/HEAD). HTML gets a fresh nonce stamped on its script/style tags. */
export async function serveStatic(
  req: IncomingMessage,
  res: ServerResponse,
  mounts: Mount[],
  pathname: string,
): Promise<boolean> {
  const mount = mounts.find((m) => pathname === m.prefix.replace(/\/$/, '') || pathname.startsWith(m.prefix))
  if (!mount) return false
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    throw new HttpError(405, 'method_not_allowed', 'use GET', { headers: { Allow: 'GET, HEAD' } })
  }
  if (pathname === mount.prefix.replace(/\/$/, '') && mount.prefix !== '/') {
    res.writeHead(301, { Location: mount.prefix })
    res.end()
    return true
  }
  const file = await resolveStatic(mount, pathname)
  const type = TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream'
  // Stat before and after the read: a file rebuilt meanwhile is sent but not kept compressed, or
  // the old bytes would be kept under the new version's size and time and served until it changes.
  const stat = await fs.stat(file).catch(gone)
  // A directory where a file was expected (dir/index.html/), a FIFO (reading it would wait for a writer).
  if (!stat.isFile()) throw notFound()
  const headers: Record<string, string> = {
    'Content-Type': type,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-cache',
    // Range is ignored: without a validator (ETag, Last-Modified) an If-Range could not tell a
    // resumed download that the file changed, and it would splice two versions together.
    'Accept-Ranges': 'none',
  }
  const html = type.startsWith('text/html')
  const nonce = html ? randomBytes(16).toString('base64') : ''
  // The same URL answers in several encodings: caches must key on the request's Accept-Encoding.
  if (COMPRESSIBLE.test(type)) headers['Vary'] = 'Accept-Encoding'
  // Large HTML goes unstamped: its inline scripts are refused by the CSP (fails closed).
  if (html) Object.assign(headers, htmlSecurityHeaders(nonce, pathname.startsWith('/webview/')))
  if (stat.size > STREAM_ABOVE) {
    await sendFile(req, res, file, headers, stat)
    return true
  }
  const raw = await fs.readFile(file).catch(gone)
  const after = await fs.stat(file).catch(() => undefined)
  const steady = after?.size === stat.size && after.mtimeMs === stat.mtimeMs && raw.length === stat.size
  let body: Buffer = raw
  if (html) {
    body = Buffer.from(body.toString('utf8').replace(/<(script|style)(?=[\s>])/gi, `<$1 nonce="${nonce}"`), 'utf8')
  }
  if (COMPRESSIBLE.test(type)) {
    // A file that grew past the threshold between the stat and the read is sent as read, not compressed.
    const worth = body.length >= MIN_COMPRESS && body.length <= STREAM_ABOVE
    const encoding = worth ? pickEncoding(req.headers['accept-encoding']) : undefined
    if (encoding) {
      const key = html || !steady ? undefined : `${encoding} ${stat.size} ${stat.mtimeMs} ${file}`
      body = await encode(body, encoding, key)
      headers['Content-Encoding'] = encoding
    }
  }
  headers['Content-Length'] = String(body.length)
  res.writeHead(200, headers)
  res.end(req.method === 'HEAD' ? undefined : body)
  return true
}

/** A file gone between lookup and read (deleted, replaced by a directory) is a 404, not a 500. */
function gone(err: unknown): never {
  const code = (err as { code?: unknown } | null)?.code
  if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR' || code === 'ELOOP') throw notFound()
  throw err
}

/**
 * Sends a large file from disk in chunks, with the length `stat` gave. The file is opened once
 * and read through that handle, so a rebuild that replaces it, or deletes it, mid-way still sends
 * the version that was opened. One changed in place (shrunk, rewritten) cuts the connection
 * instead of ending short of its Content-Length or mixing versions; a client that goes away
 * destroys the stream and closes the file.
 */
async function sendFile(
  req: IncomingMessage,
  res: ServerResponse,
  file: string,
  headers: Record<string, string>,
  stat: Stats,
): Promise<void> {
  if (req.method === 'HEAD') {
    res.writeHead(200, { ...headers, 'Content-Length': String(stat.size) })
    res.end()
    return
  }
  // No waiting on a FIFO swapped in since the stat; the real path holds no symlink to follow.
  const flags = files.O_RDONLY | (files.O_NONBLOCK ?? 0) | (files.O_NOFOLLOW ?? 0)
  const handle = await fs.open(file, flags).catch(gone)
  try {
    const opened = await handle.stat()
    if (!opened.isFile()) throw notFound()
    res.writeHead(200, { ...headers, 'Content-Length': String(opened.size) })
    if (opened.size === 0) {
      res.end()
      return
    }
    const stream = createReadStream(file, { fd: handle, start: 0, end: opened.size - 1, autoClose: false })
    // The last chunk is held back until the file is seen unchanged: a client has a complete
    // response as soon as Content-Length bytes arrive, so cutting the connection after them is too late.
    let read = 0
    let held: Buffer | undefined
    const whole = new Transform({
      transform(chunk: Buffer, _encoding, next) {
        read += chunk.length
        const previous = held
        held = chunk
        next(null, previous)
      },
      flush(done) {
        handle.stat().then((now) => {
          const same = read === opened.size && now.size === opened.size && now.mtimeMs === opened.mtimeMs
          done(same ? null : new Error(`${file} changed while it was sent`), same ? held : undefined)
        }, done)
      },
    })
    // A failure once the headers are out (client gone, file changed, read error) destroys the
    // stream and the response: the client sees a cut connection, never a complete-looking short body.
    await pipeline(stream, whole, res).catch(() => res.destroy())
  } finally {
    await handle.close().catch(() => undefined)
  }
}
