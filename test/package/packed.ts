import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const root = fileURLToPath(new URL('../../', import.meta.url))

/**
 * Where the packed package is installed for the examples. Node and Vite resolve `help-feedback`
 * from examples/* through this folder, and its own dependencies (preact, zod…) and the examples'
 * (react, vue, vite) from the root node_modules, so nothing is fetched from the network.
 */
export const packedDir = join(root, 'examples/node_modules/help-feedback')

/**
 * `npm pack`, then unpack the tarball where the examples find it: they see exactly the files
 * and exports map a user installs, not the sources.
 */
export function installPacked(): void {
  // Both test projects that use it call this; pack once per build of dist/ and package.json.
  const stamp = ['package.json', 'dist/help-feedback.js', 'dist/types/widgets/index.d.ts']
    .map((f) => statSync(join(root, f)).mtimeMs)
    .join()
  const stampFile = join(packedDir, '.packed-from')
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) return
  const tmp = mkdtempSync(join(tmpdir(), 'hf-pack-'))
  try {
    const out = execFileSync('npm', ['pack', '--silent', '--pack-destination', tmp], { cwd: root, encoding: 'utf8' })
    const tarball = join(tmp, out.trim().split('\n').pop()!)
    execFileSync('tar', ['-xzf', tarball, '-C', tmp])
    mkdirSync(join(root, 'examples/node_modules'), { recursive: true })
    rmSync(packedDir, { recursive: true, force: true })
    renameSync(join(tmp, 'package'), packedDir)
  } finally {
    rmSync(tmp, { recursive: true, force: true })
  }
  if (!existsSync(join(packedDir, 'package.json'))) throw new Error('npm pack produced no package')
  writeFileSync(stampFile, stamp)
}
