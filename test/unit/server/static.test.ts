import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningServer } from '../../../examples/server/server.js'
import { rawGet, start } from './helpers.js'

let server: RunningServer
let root: string
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
})
