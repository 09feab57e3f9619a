import { execSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { TestProject } from 'vitest/node'
import { e2eAgentKey, startE2eServer } from './e2eServer.js'

const root = fileURLToPath(new URL('../../', import.meta.url))

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string
    agentKey: string
  }
}

/**
 * One reference server (real SQLite file in a temp dir) shared by the e2e files, which run one
 * after another in an order that changes between runs: what one file leaves there (tickets, chats
 * still queued) the next ones see.
 */
export default async function setup(project: TestProject) {
  if (!existsSync(join(root, 'dist/help-feedback.js'))) execSync('npx rollup -c', { cwd: root, stdio: 'inherit' })
  const { server, close } = await startE2eServer()
  project.provide('baseUrl', server.url)
  project.provide('agentKey', e2eAgentKey)
  // The server shares vitest's main process: when a test times out waiting for it, this says
  // whether that process was held (transforms for the other projects, a long synchronous step).
  let last = Date.now()
  const watch = setInterval(() => {
    const now = Date.now()
    if (now - last > 2_500)
      console.error(`[e2e server] event loop held ${now - last - 250} ms until ${new Date(now).toISOString()}`)
    last = now
  }, 250)
  watch.unref()
  return async () => {
    clearInterval(watch)
    await close()
  }
}
