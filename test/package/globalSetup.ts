import { execSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('../../', import.meta.url))

/** These tests read the package as published: build it (code and types) when dist/ is missing. */
export default function setup(): void {
  if (!existsSync(join(root, 'dist/element.js')) || !existsSync(join(root, 'dist/types/widgets/index.d.ts'))) {
    execSync('npm run build', { cwd: root, stdio: 'inherit' })
  }
}
