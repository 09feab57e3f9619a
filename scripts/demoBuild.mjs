// `npm run demo`'s build step: rebuilds dist/ with Rollup only when a source changed since the
// last build (the demo needs no type declarations), and says what it is doing meanwhile.
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

const INPUTS = ['src', 'widgets', 'rollup.config.mjs', 'tsconfig.json', 'package-lock.json']
const STAMP = 'build/demo-sources.sha1'
const OUTPUTS = ['dist/help-feedback.js', 'dist/loader.js', 'dist/transports/rest.js']

function* files(path) {
  if (!existsSync(path)) return
  if (!statSync(path).isDirectory()) return yield path
  for (const name of readdirSync(path).sort()) yield* files(join(path, name))
}
const hash = createHash('sha1')
for (const input of INPUTS) {
  for (const f of files(input)) {
    const s = statSync(f)
    hash.update(`${f}\0${s.size}\0${s.mtimeMs}\n`)
  }
}
const digest = hash.digest('hex')
const fresh = OUTPUTS.every((f) => existsSync(f)) && existsSync(STAMP) && readFileSync(STAMP, 'utf8') === digest

if (fresh) {
  console.log('help-feedback: dist/ is up to date with the sources, no build needed.')
} else {
  console.log('help-feedback: building the SDK into dist/ (Rollup: about 10 s on an idle machine)…')
  const started = Date.now()
  rmSync('dist/chunks', { recursive: true, force: true })
  execFileSync(process.execPath, ['node_modules/rollup/dist/bin/rollup', '-c', '--silent'], { stdio: 'inherit' })
  mkdirSync('build', { recursive: true })
  writeFileSync(STAMP, digest)
  console.log(`help-feedback: built in ${((Date.now() - started) / 1000).toFixed(1)} s.`)
}
console.log('help-feedback: indexing the demo articles, then starting the server…')
