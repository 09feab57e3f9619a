import { randomBytes } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, join, resolve, sep } from 'node:path'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
}

/**
 * The strictest policy a wallet page is likely to run: nonce + 'strict-dynamic' scripts, nonce
 * styles (no 'unsafe-inline': style attributes from markup are blocked, CSSOM writes are not),
 * everything else same-origin, and Trusted Types with no policy allowed at all.
 */
export function strictCsp(nonce: string): string {
  return [
    "default-src 'self'",
    `script-src 'nonce-${nonce}' 'strict-dynamic'`,
    `style-src 'nonce-${nonce}'`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "require-trusted-types-for 'script'",
    "trusted-types 'none'",
  ].join('; ')
}

/** A page is a template: `{{nonce}}` is replaced with the response's fresh nonce. */
export type Pages = Record<string, string>

export interface StaticHost {
  url: string
  close(): Promise<void>
}

/**
 * A tiny same-origin host for test pages: `pages` under their paths with the strict CSP above,
 * and files from `mounts` (URL prefix → directory). Kept apart from the reference server so
 * the policy under test is exactly this one.
 */
export async function serveStrict(
  pages: Pages,
  mounts: Record<string, string>,
  csp: (nonce: string) => string = strictCsp,
): Promise<StaticHost> {
  const server: Server = createServer((req, res) => {
    void (async () => {
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)
      const page = pages[path]
      if (page !== undefined) {
        const nonce = randomBytes(16).toString('base64')
        res.writeHead(200, {
          'Content-Type': TYPES['.html']!,
          'Content-Security-Policy': csp(nonce),
          'Cache-Control': 'no-store',
        })
        res.end(page.replaceAll('{{nonce}}', nonce))
        return
      }
      const prefix = Object.keys(mounts).find((p) => path.startsWith(p))
      if (!prefix || path.includes('..')) throw new Error('not found')
      const dir = resolve(mounts[prefix]!)
      const file = resolve(join(dir, path.slice(prefix.length)))
      if (!file.startsWith(dir + sep)) throw new Error('not found')
      const body = await readFile(file)
      res.writeHead(200, {
        'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
        'Cache-Control': 'no-store',
      })
      res.end(body)
    })().catch(() => {
      res.writeHead(404, { 'Content-Type': 'text/plain' })
      res.end('not found')
    })
  })
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((done) => server.close(() => done())),
  }
}
