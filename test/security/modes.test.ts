import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ConfigError, DEMO_AGENT_KEY, DEMO_SECRET } from '../../examples/server/config.js'
import { startServer, type RunningServer } from '../../examples/server/server.js'
import { AGENT_KEY, PUBLIC_URL, SECRET, deployment } from './helpers.js'

const root = fileURLToPath(new URL('../../', import.meta.url))
const dir = mkdtempSync(join(tmpdir(), 'hf-sec-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** Runs `examples/server/main.ts` the way an operator would, until it exits or prints its banner. */
function runMain(env: Record<string, string>): Promise<{ code: number | null; out: string; err: string }> {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) => !['HF_SECRET', 'AGENT_KEY', 'PUBLIC_URL', 'NODE_ENV', 'HOST', 'CORS_ORIGINS', 'TRUST_PROXY'].includes(k),
    ),
  )
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'examples/server/main.ts')], {
    cwd: root,
    env: { ...clean, PORT: '0', DB_PATH: join(dir, `${Math.random()}.db`), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  let err = ''
  return new Promise((resolve) => {
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString()
      if (out.includes('agent console')) child.kill('SIGTERM')
    })
    child.stderr.on('data', (c: Buffer) => (err += c.toString()))
    child.on('exit', (code) => resolve({ code, out, err }))
  })
}

describe('a deployment started with defaults', () => {
  it('exits with a message naming the missing setting (NODE_ENV=production, HOST=0.0.0.0, nothing else)', async () => {
    const run = await runMain({ NODE_ENV: 'production', HOST: '0.0.0.0' })
    expect(run.code).toBe(1)
    expect(run.err).toMatch(/HF_SECRET: required in a deployment/)
    expect(run.out).not.toContain(DEMO_AGENT_KEY)
  })

  it('refuses the published demo secret and a short agent key', async () => {
    const runs = await Promise.all([
      runMain({ NODE_ENV: 'production', HF_SECRET: DEMO_SECRET }),
      runMain({ NODE_ENV: 'production', HF_SECRET: SECRET, AGENT_KEY: 'short' }),
      runMain({ NODE_ENV: 'production', HF_SECRET: SECRET, AGENT_KEY: DEMO_AGENT_KEY }),
      runMain({ NODE_ENV: 'production', HF_SECRET: SECRET, AGENT_KEY }),
    ])
    expect(runs.map((r) => r.code)).toEqual([1, 1, 1, 1])
    expect(runs[0]?.err).toMatch(/HF_SECRET: is the published demo value/)
    expect(runs[1]?.err).toMatch(/AGENT_KEY: shorter than 32 bytes/)
    expect(runs[2]?.err).toMatch(/AGENT_KEY: is the published demo value/)
    expect(runs[3]?.err).toMatch(/PUBLIC_URL: required/)
  })

  it('starts when configured and prints no secret', async () => {
    const run = await runMain({ NODE_ENV: 'production', HF_SECRET: SECRET, AGENT_KEY, PUBLIC_URL })
    expect(run.out).toContain(`(deployment) on ${PUBLIC_URL}`)
    expect(run.out + run.err).not.toContain(SECRET)
    expect(run.out + run.err).not.toContain(AGENT_KEY)
  })
})

describe('startServer', () => {
  it('treats a non-loopback host as a deployment and refuses to start without secrets', async () => {
    await expect(startServer({ port: 0, host: '0.0.0.0' })).rejects.toBeInstanceOf(ConfigError)
    await expect(startServer({ port: 0, host: '0.0.0.0', mode: 'demo', demoTokens: true })).rejects.toThrow(/HF_SECRET/)
    await expect(startServer({ port: 0, mode: 'deployment', secret: SECRET, agentKey: AGENT_KEY })).rejects.toThrow(
      /PUBLIC_URL/,
    )
    await expect(
      startServer({
        port: 0,
        mode: 'deployment',
        secret: SECRET,
        agentKey: AGENT_KEY,
        publicUrl: 'http://help.wallet.example',
      }),
    ).rejects.toThrow(/PUBLIC_URL: must be https/)
    await expect(
      startServer({
        port: 0,
        mode: 'deployment',
        secret: SECRET,
        agentKey: AGENT_KEY,
        publicUrl: PUBLIC_URL,
        demoTokens: true,
      }),
    ).rejects.toThrow(/demoTokens/)
  })

  it('turns on nothing insecure by default: no /demo/token, no demo agent key, no CORS', async () => {
    const server = await startServer({ port: 0 })
    try {
      expect((await fetch(`${server.url}/demo/token?userId=alice`)).status).toBe(404)
      expect(
        (await fetch(`${server.url}/v1/agent/tickets`, { headers: { 'X-Agent-Key': DEMO_AGENT_KEY } })).status,
      ).toBe(401)
      const res = await fetch(`${server.url}/v1/availability`, { headers: { Origin: 'https://evil.example' } })
      expect(res.headers.get('access-control-allow-origin')).toBeNull()
    } finally {
      await server.close()
    }
  })
})

describe('attack: /demo/token?userId=alice mints a session for anyone', () => {
  let server: RunningServer
  beforeAll(async () => {
    server = await deployment()
  })
  afterAll(async () => server?.close())

  it('is not served by a deployment', async () => {
    const res = await fetch(`${server.url}/demo/token?userId=alice`)
    expect(res.status).toBe(404)
    expect(await res.text()).not.toContain('token":')
  })
})
