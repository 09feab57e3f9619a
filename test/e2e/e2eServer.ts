import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { startServer, type RunningServer } from '../../examples/server/server.js'
import { seedDemo } from '../../examples/server/seed.js'

const root = fileURLToPath(new URL('../../', import.meta.url))

/** The agent key of every e2e server (the demo's). */
export const e2eAgentKey = 'demo-agent'

/**
 * A reference server as the e2e tests use it: a real SQLite file in a fresh temp dir, the demo's
 * opt-ins spelled out (a known agent key, /demo/token for the wallet page), the demo articles.
 * `globalSetup` starts the one the e2e files share; a file whose assertions need the server to
 * itself (the queue, counts across users) starts its own, since the shared one keeps what the
 * other files left in it, in whatever order they ran.
 */
export async function startE2eServer(): Promise<{ server: RunningServer; close(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'hf-e2e-'))
  const server = await startServer({
    port: 0,
    dbPath: join(dir, 'e2e.db'),
    secret: 'e2e-secret',
    agentKey: e2eAgentKey,
    demoTokens: true,
    staticRoot: root,
    log: false,
    hours: null,
  })
  seedDemo(server.db, join(root, 'examples', 'articles'))
  return {
    server,
    async close() {
      await server.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
