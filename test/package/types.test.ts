import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { root } from './packed.js'

const run = promisify(execFile)

/** `tsc -p dir`: its diagnostics, or '' when the project compiles. */
async function tsc(dir: string): Promise<string> {
  try {
    await run(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, dir)], { cwd: root })
    return ''
  } catch (error) {
    return String((error as { stdout?: string }).stdout || error)
  }
}

// Three tsc processes: run side by side.
describe.concurrent('types as shipped in the packed package', () => {
  // Each example compiles against help-feedback from the tarball. Their *.check.ts(x) files use
  // right attributes (must compile) and wrong ones under @ts-expect-error (must fail, or tsc
  // reports the unused directive).
  it('the React example and <help-feedback> in React 19 JSX (help-feedback/jsx) type-check', async () => {
    expect(await tsc('examples/react')).toBe('')
  })

  it('the Vue example and <help-feedback> in Vue GlobalComponents (help-feedback/vue) type-check', async () => {
    expect(await tsc('examples/vue')).toBe('')
  })

  it('the React Native bridge example type-checks, and docs/bridge.md shows exactly its code', async () => {
    expect(await tsc('examples/react-native')).toBe('')
    const source = readFileSync(join(root, 'examples/react-native/HelpScreen.tsx'), 'utf8')
    const region = /\/\/ docs:start\n([\s\S]*?)\n\s*\/\/ docs:end/.exec(source)?.[1] ?? ''
    const dedent = (text: string) =>
      text
        .split('\n')
        .map((l) => l.replace(/^ {2}/, ''))
        .join('\n')
        .trim()
    const docs = readFileSync(join(root, 'docs/bridge.md'), 'utf8')
    const snippet = /### React Native[\s\S]*?```tsx\n([\s\S]*?)```/.exec(docs)?.[1] ?? ''
    expect(region).not.toBe('')
    expect(snippet.trim()).toBe(dedent(region))
  })
})
