import { randomBytes } from 'node:crypto'
import { promises as fs } from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { extname, join, resolve, sep } from 'node:path'
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
  let body = await fs.readFile(file)
  const headers: Record<string, string> = {
    'Content-Type': type,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-cache',
  }
  if (type.startsWith('text/html')) {
    const nonce = randomBytes(16).toString('base64')
    body = Buffer.from(body.toString('utf8').replace(/<(script|style)(?=[\s>])/gi, `<$1 nonce="${nonce}"`), 'utf8')
    Object.assign(headers, htmlSecurityHeaders(nonce, pathname.startsWith('/webview/')))
  }
  headers['Content-Length'] = String(body.length)
  res.writeHead(200, headers)
  res.end(req.method === 'HEAD' ? undefined : body)
  return true
}
