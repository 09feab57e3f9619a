// What a host app really ships. Packs this package (`npm pack`), installs the tarball into a
// temporary Vite project, builds README's bundler snippet (taken from README.md) and a script-tag
// page with Vite, and prints, brotli q11:
//   - the growth of the host's initial JS (the app with the snippet minus the same app without it);
//   - everything the built app can load, and that for one locale with the REST transport;
//   - the script tag's first request;
// then serves the build with the reference server and, in Chromium with a fresh profile, lists
// the JS requested before any interaction, the bytes of the first open (home view over REST),
// and the time from the launcher click to the rendered panel over a throttled connection
// (DevTools protocol: 1.6 Mbps down, 0.75 Mbps up, 150 ms RTT). Printed, never asserted.
// Run by `npm run bench:size` after the Rollup figures; needs dist/ built.
import { execFileSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { brotliCompressSync, constants } from 'node:zlib'
import type { Page } from 'playwright-core'
import { build } from 'vite'
import { startServer } from '../examples/server/server.js'
import { launch, PANEL_SHOWN } from '../test/e2e/browser.js'

const root = process.cwd()
const br = (buf: Buffer) => brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length
const kb = (n: number) => `${(n / 1024).toFixed(2)} KB`
const out: Array<[string, string, string]> = []
const row = (what: string, value: string, note = '') => {
  out.push([what, value, note])
  console.log(`${what.padEnd(66)} ${value.padStart(10)}  ${note}`)
}

/** README's first ```ts block under "## Embed it": the documented bundler embed. */
function readmeSnippet(): string {
  const readme = readFileSync(join(root, 'README.md'), 'utf8')
  const section = readme.slice(readme.indexOf('## Embed it'))
  const m = /```ts\n([\s\S]*?)```/.exec(section)
  if (!m) throw new Error('README has no ```ts block under "## Embed it"')
  return m[1]!
}

// What the snippet refers to in the host app. The demo server's /demo/token signs the token.
const HOST_STUBS = `
const api = { supportToken: () => fetch('/demo/token?userId=u_123&name=' + encodeURIComponent('张三')).then((r) => r.json()).then((j) => j.token) }
const wallet = { recentTransactions: async () => [], freeze() {} }
const analytics = { track() {} }
const payButton = document.querySelector('#pay')
const transaction = { id: 'T-1', time: '2026-11-30T10:00:00Z', amount: '12.50', currency: 'CNY', status: 'failed' }
document.querySelector('#app').textContent = 'Wallet ready'
`
const page = (
  script: string,
) => `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>host</title></head>
<body><main id="app"></main><button id="pay" type="button">Pay</button>${script}</body></html>`

const SCRIPT_TAG_PAGE = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>script tag</title>
<script>
  window.HelpFeedback = window.HelpFeedback || function () { (HelpFeedback.q = HelpFeedback.q || []).push(arguments) }
  HelpFeedback('init', { locale: 'zh-CN', transport: { type: 'rest', baseUrl: location.origin } })
</script>
<script async src="/hf/loader.js"></script></head>
<body><main id="app">Wallet</main><button type="button" data-help-open="report">Report</button></body></html>`

interface ManifestChunk {
  file: string
  src?: string
  isEntry?: boolean
  imports?: string[]
  dynamicImports?: string[]
}

/** Builds `dir` with Vite (multi-page), returns its manifest. */
async function viteBuild(
  dir: string,
  outDir: string,
  pages: Record<string, string>,
): Promise<Record<string, ManifestChunk>> {
  await build({
    root: dir,
    logLevel: 'warn',
    configFile: false,
    publicDir: join(dir, 'public'),
    build: {
      outDir,
      emptyOutDir: true,
      manifest: true,
      modulePreload: { polyfill: true },
      rollupOptions: { input: pages },
    },
  })
  return JSON.parse(readFileSync(join(outDir, '.vite/manifest.json'), 'utf8')) as Record<string, ManifestChunk>
}

function graph(manifest: Record<string, ManifestChunk>, entryKey: string) {
  const initial = new Set<string>()
  const all = new Set<string>()
  const walk = (key: string, set: Set<string>, dynamic: boolean) => {
    if (set.has(key)) return
    set.add(key)
    const c = manifest[key]!
    for (const k of c.imports ?? []) walk(k, set, dynamic)
    if (dynamic) for (const k of c.dynamicImports ?? []) walk(k, set, dynamic)
  }
  walk(entryKey, initial, false)
  walk(entryKey, all, true)
  return { initial, all }
}

async function main() {
  if (!existsSync(join(root, 'dist/help-feedback.js'))) throw new Error('dist/ is missing: run `npm run build` first')
  const tmp = mkdtempSync(join(tmpdir(), 'hf-hosts-'))
  try {
    // The package exactly as published, installed where Vite resolves `help-feedback`.
    const tgz = execFileSync('npm', ['pack', '--silent', '--pack-destination', tmp], { cwd: root, encoding: 'utf8' })
      .trim()
      .split('\n')
      .pop()!
    const app = join(tmp, 'app')
    const base = join(tmp, 'base')
    for (const d of [app, base]) mkdirSync(join(d, 'node_modules/help-feedback'), { recursive: true })
    execFileSync('tar', ['-xzf', join(tmp, tgz), '-C', join(app, 'node_modules/help-feedback'), '--strip-components=1'])
    // The script-tag page serves the package's dist/ as is (Vite copies public/ verbatim).
    cpSync(join(app, 'node_modules/help-feedback/dist'), join(app, 'public/hf'), {
      recursive: true,
      filter: (f) => !f.includes('/types') && !f.endsWith('.map'),
    })
    writeFileSync(join(app, 'main.js'), `${HOST_STUBS}\n${readmeSnippet()}`)
    writeFileSync(join(app, 'index.html'), page('<script type="module" src="./main.js"></script>'))
    writeFileSync(join(app, 'script-tag.html'), SCRIPT_TAG_PAGE)
    writeFileSync(
      join(base, 'main.js'),
      HOST_STUBS.replace(/^const (api|wallet|analytics|payButton|transaction) .*$/gm, ''),
    )
    writeFileSync(join(base, 'index.html'), page('<script type="module" src="./main.js"></script>'))

    // The reference server serves `<staticRoot>/examples/wallet-demo` at `/`.
    const site = join(tmp, 'site')
    const web = join(site, 'examples/wallet-demo')
    const started = Date.now()
    const nodeEnv = process.env.NODE_ENV
    const baseManifest = await viteBuild(base, join(tmp, 'base-out'), { index: join(base, 'index.html') })
    const manifest = await viteBuild(app, web, { index: join(app, 'index.html'), tag: join(app, 'script-tag.html') })
    // Vite sets NODE_ENV=production while it builds, which would make the server below a deployment.
    if (nodeEnv === undefined) delete process.env.NODE_ENV
    else process.env.NODE_ENV = nodeEnv
    console.log(
      `Vite ${(await import('vite')).version}: built README's bundler snippet and the script-tag page in ${((Date.now() - started) / 1000).toFixed(1)} s (temp project, npm pack of this package)\n`,
    )
    const size = (dir: string, m: Record<string, ManifestChunk>, keys: Iterable<string>) =>
      [...keys].reduce((a, k) => a + br(readFileSync(join(dir, m[k]!.file))), 0)
    const b = graph(baseManifest, 'index.html')
    const a = graph(manifest, 'index.html')
    const growth = size(web, manifest, a.initial) - size(join(tmp, 'base-out'), baseManifest, b.initial)
    row('host initial JS growth (README snippet, Vite build)', kb(growth), 'target ≤ 6 KB')
    const src = (k: string) => manifest[k]!.src ?? k
    const otherLocales = /\/i18n-(en|zh-TW)-/
    const oneLocale = [...a.all].filter((k) => !otherLocales.test(src(k)) && !/\/transports\/memory\.js$/.test(src(k)))
    row('everything the host app can load, all locales, both transports', kb(size(web, manifest, a.all)))
    row('everything loadable for one locale (zh-CN) with REST', kb(size(web, manifest, oneLocale)), 'target ≤ 60 KB')
    row('script tag: first request (hf/loader.js)', kb(br(readFileSync(join(web, 'hf/loader.js')))), 'target ≤ 3 KB')

    // In Chromium, against the reference server serving this build.
    const server = await startServer({
      port: 0,
      dbPath: join(tmp, 'bench.db'),
      secret: 'bench-secret-bench-secret-bench-secret',
      agentKey: 'bench-agent',
      demoTokens: true,
      staticRoot: site,
      log: false,
      hours: null,
    })
    try {
      const fileOf = (url: string) => join(web, new URL(url).pathname)
      const measure = async (path: string, throttle: boolean, open: (p: Page) => Promise<void>) => {
        const session = await launch({ viewport: null })
        try {
          const p = session.page
          if (throttle) {
            const cdp = await session.browser.newCDPSession(p)
            await cdp.send('Network.enable')
            await cdp.send('Network.emulateNetworkConditions', {
              offline: false,
              latency: 150,
              downloadThroughput: 1.6e6 / 8,
              uploadThroughput: 0.75e6 / 8,
            })
          }
          const js: string[] = []
          p.on('request', (r) => {
            if (r.resourceType() === 'script') js.push(r.url())
          })
          await p.goto(`${server.url}${path}`, { waitUntil: 'load' })
          await p.waitForLoadState('networkidle')
          const before = [...js]
          const clickAt = await p.evaluate(() => performance.now())
          // What must have arrived before the panel showed is what ended before its title was in the DOM.
          const shown = p.evaluate<number>(PANEL_SHOWN)
          const t0 = Date.now()
          await open(p)
          const ms = Date.now() - t0
          const shownAt = await shown
          const opened = js.slice(before.length)
          // Then what the page fetches at idle (the prefetch for offline use after an interaction).
          await p.waitForLoadState('networkidle')
          const idle = js.slice(before.length + opened.length)
          const timing = await p.evaluate(() =>
            performance
              .getEntriesByType('resource')
              .map((e) => ({ url: e.name, start: e.startTime, end: (e as PerformanceResourceTiming).responseEnd })),
          )
          const firstOpen = timing.filter((e) => e.start >= clickAt && /\.js(\?|$)/.test(e.url))
          const beforeShown = firstOpen.filter((e) => e.end <= shownAt).map((e) => e.url)
          const afterShown = firstOpen.filter((e) => e.end > shownAt).map((e) => e.url)
          return { before, opened, idle, ms, beforeShown, afterShown }
        } finally {
          await session.close()
        }
      }
      const openPanel = async (p: Page) => {
        await p.locator('[data-help-feedback] >> button.launcher').click()
        // The home view rendered over the REST transport: its title, no loading notice left.
        await p.locator('[data-help-feedback] >> [role=dialog] h2').waitFor()
        await p.locator('[data-help-feedback] >> [role=dialog] .status[role=status]').waitFor({ state: 'detached' })
      }
      const bytes = (urls: string[]) =>
        urls.filter((u) => existsSync(fileOf(u))).reduce((n, u) => n + br(readFileSync(fileOf(u))), 0)
      const fast = await measure('/index.html', false, openPanel)
      const names = (urls: string[]) => urls.map((u) => new URL(u).pathname.replace(/^\/assets\//, '')).join(', ')
      row('Chromium: JS requested before interaction', `${fast.before.length} files`, names(fast.before))
      row('Chromium: JS before interaction, bytes', kb(bytes(fast.before)))
      row(
        'Chromium: first open, JS fetched before the panel showed',
        kb(bytes(fast.beforeShown)),
        `${fast.beforeShown.length} files: ${names(fast.beforeShown)}`,
      )
      row(
        'Chromium: initial + first open before the panel showed',
        kb(bytes([...fast.before, ...fast.beforeShown])),
        'target ≤ 30 KB',
      )
      row(
        'Chromium: first open, JS fetched after the panel showed (REST for the card, popular articles, storage)',
        kb(bytes(fast.afterShown)),
        `${fast.afterShown.length} files: ${names(fast.afterShown)}`,
      )
      row(
        'Chromium: initial + whole first open (until network idle)',
        kb(bytes([...fast.before, ...fast.opened, ...fast.idle])),
      )
      const slow = await measure('/index.html', true, openPanel)
      row(
        'Chromium: first open over 1.6 Mbps / 150 ms RTT (uncompressed)',
        `${slow.ms} ms`,
        'click → home view rendered; aim ≤ 1500 ms',
      )
      const tag = await measure('/script-tag.html', false, async (p) => {
        await p.locator('[data-help-open]').hover()
        await p.locator('[data-help-feedback] >> button.launcher').click()
        await p.locator('[data-help-feedback] >> [role=dialog] h2').waitFor()
      })
      row('Chromium script tag: JS before interaction', `${tag.before.length} files`, names(tag.before))
    } finally {
      await server.close()
    }
    console.log('\nfigures for README (markdown):')
    for (const [what, value, note] of out)
      console.log(`| ${what} | ${value} |${note && !note.includes(',') ? ` ${note} |` : ' |'}`)
    void readdirSync
  } finally {
    rmSync(tmp, { recursive: true, force: true })
  }
}

await main()
