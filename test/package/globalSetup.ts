import { execSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { installPacked, root } from './packed.js'

/**
 * These tests read the package as published: build it (code and types) when dist/ is missing,
 * then pack it and install the tarball for the examples.
 */
export default function setup(): void {
  if (!existsSync(join(root, 'dist/element.js')) || !existsSync(join(root, 'dist/types/widgets/index.d.ts'))) {
    execSync('npm run build', { cwd: root, stdio: 'inherit' })
  }
  installPacked()
}
