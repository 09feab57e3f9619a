import { execSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { TestProject } from 'vitest/node'
import { startServer } from '../../examples/server/server.js'
import { seedDemo } from '../../examples/server/seed.js'

const root = fileURLToPath(new URL('../../', import.meta.url))

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string
    agentKey: string
  }
}

/** One reference server (real SQLite file in a temp dir) for the whole e2e run. */
export default async function setup(project: TestProject) {
  if (!existsSync(join(root, 'dist/help-feedback.js'))) execSync('npx rollup -c', { cwd: root, stdio: 'inherit' })
  const dir = mkdtempSync(join(tmpdir(), 'hf-e2e-'))
  // The demo's opt-ins, spelled out: a known agent key and /demo/token for the wallet page.
  const server = await startServer({
    port: 0,
    dbPath: join(dir, 'e2e.db'),
    secret: 'e2e-secret',
    agentKey: 'demo-agent',
    demoTokens: true,
    staticRoot: root,
    log: false,
    hours: null,
  })
  seedDemo(server.db, join(root, 'examples', 'articles'))
  project.provide('baseUrl', server.url)
  project.provide('agentKey', 'demo-agent')
  return async () => {
    await server.close()
    rmSync(dir, { recursive: true, force: true })
  }
}
