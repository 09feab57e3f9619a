import { mkdirSync, mkdtempSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs'
import { request, type IncomingHttpHeaders } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningServer } from '../../../examples/server/server.js'
import { pickEncoding } from '../../../examples/server/static.js'
import { rawGet, start } from './helpers.js'

let server: RunningServer
let root: string
/** A JSON file of some 60 KB, as a prebuilt search index is (a few hundred KB for the demo). */
const index = (version: number) =>
  JSON.stringify({ version, terms: Object.fromEntries(Array.from({ length: 3000 }, (_, i) => [`term${i}`, [i, 1]])) })

/** GET with headers; the body as bytes, not decoded. */
function get(path: string, headers: Record<string, string> = {}, method = 'GET') {
  return new Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }>((done, fail) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, method, headers }, (res) => {
      const parts: Buffer[] = []
      res.on('data', (c: Buffer) => parts.push(c))
      res.on('end', () => done({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts) }))
    })
    req.on('error', fail)
    req.end()
  })
}
beforeAll(async () => {
  // A fake project root: a wallet demo page, a secret next to it, and no dist/.
  root = mkdtempSync(join(tmpdir(), 'hf-static-'))
  mkdirSync(join(root, 'examples', 'wallet-demo'), { recursive: true })
  writeFileSync(
    join(root, 'examples', 'wallet-demo', 'index.html'),
    '<!doctype html><script type="module">boot()</script><p>wallet</p>',
  )
  writeFileSync(join(root, 'examples', 'wallet-demo', '.env'), 'SECRET=1')
  writeFileSync(join(root, 'package.json'), '{"secret": true}')
  writeFileSync(join(root, 'examples', 'secret.txt'), 'secret')
  symlinkSync(join(root, 'package.json'), join(root, 'examples', 'wallet-demo', 'link.json'))
  writeFileSync(join(root, 'examples', 'wallet-demo', 'search-index.json'), index(1))
  writeFileSync(join(root, 'examples', 'wallet-demo', 'small.json'), '{"a":1}')
  writeFileSync(
    join(root, 'examples', 'wallet-demo', 'big.html'),
    `<!doctype html><script>boot()</script>${'<p>help and feedback</p>'.repeat(200)}`,
  )
  server = await start({ staticRoot: root, corsOrigins: ['https://wallet.example'] })
})
afterAll(async () => {
  await server.close()
  rmSync(root, { recursive: true, force: true })
})

describe('static files', () => {
  it('serves the wallet demo with a CSP whose nonce is stamped on inline scripts', async () => {
    const res = await rawGet(server, '/')
    expect(res.status).toBe(200)
    const csp = String(res.headers['content-security-policy'])
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1]
    expect(nonce).toBeTruthy()
    expect(res.body).toContain(`<script nonce="${nonce}" type="module">`)
    expect(res.headers['x-content-type-options']).toBe('nosniff')
  })

  it.each([
    '/..%2fsecret.txt',
    '/..%2f..%2fpackage.json',
    '/%2e%2e%2f%2e%2e%2fpackage.json',
    '/console/..%2fserver.ts',
    '/console/%2e%2e/%2e%2e/server/server.ts',
    '/console/..%5cserver.ts',
    '/..%252fsecret.txt',
    '/.env',
    '/%00index.html',
    '/link.json',
  ])('blocks traversal and dot-files: %s', async (path) => {
    const res = await rawGet(server, path)
    expect(res.status).toBeGreaterThanOrEqual(400)
    expect(res.body).not.toMatch(/secret|SECRET|startServer/)
  })

  it('answers a 404 with a build hint while dist/ is missing', async () => {
    const res = await rawGet(server, '/dist/help-feedback.global.js')
    expect(res.status).toBe(404)
    expect(res.body).toContain('npm run build')
  })

  it('serves the agent console with its test hooks', async () => {
    const res = await rawGet(server, '/console/')
    expect(res.status).toBe(200)
    for (const id of [
      'conversation-list',
      'reply-input',
      'reply-send',
      'ticket-list',
      'status-select',
      'status-apply',
    ]) {
      expect(res.body).toContain(`data-testid="${id}"`)
    }
  })

  it('answers CORS preflight for the SDK headers, for an allowed origin', async () => {
    const res = await fetch(`${server.url}/v1/tickets`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'https://wallet.example',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'authorization,idempotency-key',
      },
    })
    expect(res.status).toBe(204)
    expect(res.headers.get('access-control-allow-origin')).toBe('https://wallet.example')
    expect(res.headers.get('access-control-allow-headers')).toMatch(/Idempotency-Key/)
  })

  it('compresses text files for a client that accepts it: br first, then gzip, never a refused coding', async () => {
    const plain = Buffer.from(index(1))
    const br = await get('/search-index.json', { 'Accept-Encoding': 'gzip, deflate, br' })
    expect(br.headers['content-encoding']).toBe('br')
    expect(br.headers['vary']).toBe('Accept-Encoding')
    expect(Number(br.headers['content-length'])).toBe(br.body.length)
    expect(br.body.length).toBeLessThan(plain.length / 4)
    expect(brotliDecompressSync(br.body).equals(plain)).toBe(true)

    const gz = await get('/search-index.json', { 'Accept-Encoding': 'br;q=0, gzip' })
    expect(gz.headers['content-encoding']).toBe('gzip')
    expect(gunzipSync(gz.body).equals(plain)).toBe(true)

    for (const accept of [undefined, 'identity', 'br;q=0, gzip;q=0', 'deflate']) {
      const none = await get('/search-index.json', accept === undefined ? {} : { 'Accept-Encoding': accept })
      expect(none.headers['content-encoding']).toBeUndefined()
      expect(none.body.equals(plain)).toBe(true)
    }
    // HEAD: the headers of the GET, no body.
    const head = await get('/search-index.json', { 'Accept-Encoding': 'br' }, 'HEAD')
    expect(head.headers['content-encoding']).toBe('br')
    expect(head.headers['content-length']).toBe(String(br.body.length))
    expect(head.body.length).toBe(0)
    // Tiny files go as they are.
    expect((await get('/small.json', { 'Accept-Encoding': 'br' })).headers['content-encoding']).toBeUndefined()
  })

  it('serves a changed file compressed anew, not the copy of the old one', async () => {
    const file = join(root, 'examples', 'wallet-demo', 'search-index.json')
    const before = await get('/search-index.json', { 'Accept-Encoding': 'br' })
    expect(JSON.parse(brotliDecompressSync(before.body).toString()).version).toBe(1)
    writeFileSync(file, index(2))
    // A later modification time, as a rebuild gives, even within the file system's clock step.
    utimesSync(file, new Date(), new Date(Date.now() + 5000))
    const after = await get('/search-index.json', { 'Accept-Encoding': 'br' })
    expect(JSON.parse(brotliDecompressSync(after.body).toString()).version).toBe(2)
    writeFileSync(file, index(1))
  })

  it('compresses the HTML it stamps with a nonce, each response with its own nonce', async () => {
    const bytes = async () => {
      const page = await get('/big.html', { 'Accept-Encoding': 'gzip' })
      expect(page.headers['content-encoding']).toBe('gzip')
      const nonce = /'nonce-([^']+)'/.exec(String(page.headers['content-security-policy']))![1]
      const html = gunzipSync(page.body).toString()
      expect(html).toContain(`<script nonce="${nonce}">`)
      return nonce
    }
    expect(await bytes()).not.toBe(await bytes())
    // The small demo page goes as it is.
    expect((await get('/', { 'Accept-Encoding': 'gzip' })).headers['content-encoding']).toBeUndefined()
  })

  it.each([
    ['gzip, deflate, br', 'br'],
    ['br;q=0.1, gzip;q=1', 'br'],
    ['BR', 'br'],
    ['gzip', 'gzip'],
    ['br;q=0, *', 'gzip'],
    ['*', 'br'],
    ['*;q=0', undefined],
    ['identity', undefined],
    ['', undefined],
    [undefined, undefined],
    ['br;q=abc, gzip', 'gzip'],
  ])('picks an encoding for Accept-Encoding %j: %s', (header, want) => {
    expect(pickEncoding(header)).toBe(want)
  })
})
