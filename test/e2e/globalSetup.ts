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
  return close
}
