/**
 * Chat view with long conversations, in real Chromium.
 *
 * For 100, 1,000 and 10,000 messages: a page with the built widget (dist/) and a memory
 * transport is seeded with one conversation (the backend state and the transcript the SDK
 * keeps on the device), then the chat view is opened. Prints, per length:
 *  - cold: `open('chat')` until the newest message is in the DOM, on a fresh page (loads the
 *    panel and chat chunks, reads the transcript from IndexedDB, orders it);
 *  - back later: reload the page (code cached by the browser) and open: the transcript is read
 *    from IndexedDB and ordered again, then rendered;
 *  - runtime up: as "back later", but the panel runtime was already loaded (the user had
 *    opened help before): the chat chunk, the transcript and the render;
 *  - warm: close and open again (state already loaded: render only). Target ≤ 100 ms;
 *  - jump: scroll to the very top until the first message is rendered;
 *  - DOM nodes in the panel and in the message list. Target: independent of length.
 *
 * Run: npm run bench:chat  (tsx bench/chat.ts [lengths, comma separated])
 */
import { execSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { extname, join, normalize } from 'node:path'
import { fileURLToPath } from 'node:url'
import { launch, type Page } from '../test/e2e/browser.js'
import { longChatPage } from '../test/e2e/longChatPage.js'

const root = fileURLToPath(new URL('../', import.meta.url))
const LENGTHS = (process.argv[2] ?? '100,1000,10000').split(',').map(Number)
const RUNS = 5

if (!existsSync(join(root, 'dist/help-feedback.js'))) execSync('npx rollup -c', { cwd: root, stdio: 'inherit' })

const PAGE = longChatPage()

const TYPES: Record<string, string> = { '.js': 'text/javascript', '.map': 'application/json', '.html': 'text/html' }
const server = createServer((req, res) => {
  const path = new URL(req.url ?? '/', 'http://x').pathname
  if (path === '/') {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' })
    return res.end(PAGE)
  }
  const file = normalize(join(root, path))
  if (!path.startsWith('/dist/') || !file.startsWith(join(root, 'dist')) || !existsSync(file)) {
    res.writeHead(404)
    return res.end()
  }
  // As a CDN serves a release: the files do not change during the run, so the browser may keep
  // them (and the code compiled from them) without asking again.
  res.writeHead(200, {
    'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
    'Cache-Control': 'public, max-age=31536000, immutable',
  })
  res.end(readFileSync(file))
})
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`

type Figures = { render: number; painted?: number; nodes: number; list: number; rows: number }
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
const ms = (x: number) => `${x.toFixed(1)} ms`.padStart(10)

interface Run {
  cold: Figures
  warm: Figures
  jump: Figures
  reload: Figures
  afterRuntime: Figures
}

async function once(n: number): Promise<Run> {
  // A fresh profile each time: nothing cached, an empty IndexedDB.
  const s = await launch({ viewport: { width: 1280, height: 800 } })
  try {
    const page: Page = s.page
    await page.goto(`${base}/?n=${n}`)
    await page.waitForFunction(() => (window as unknown as { benchReady?: boolean }).benchReady === true, undefined, {
      timeout: 60_000,
    })
    const run = <T>(fn: string) => page.evaluate(`window.bench.${fn}()`) as Promise<T>
    const cold = await run<Figures>('open')
    await run('close')
    await page.waitForTimeout(100)
    const warm = await run<Figures>('open')
    const jump = await run<Figures>('jumpToTop')
    // The same user comes back later: the SDK's code is in the browser's caches, the
    // conversation is not in memory (it is read from IndexedDB and ordered again).
    await page.reload()
    await page.waitForFunction(() => (window as unknown as { benchReady?: boolean }).benchReady === true, undefined, {
      timeout: 60_000,
    })
    // The user taps a moment after the page loaded.
    await page.waitForTimeout(500)
    const reload = await run<Figures>('open')
    await page.reload()
    await page.waitForFunction(() => (window as unknown as { benchReady?: boolean }).benchReady === true, undefined, {
      timeout: 60_000,
    })
    await page.waitForTimeout(500)
    const afterRuntime = await run<Figures>('openAfterRuntime')
    return { cold, warm, jump, reload, afterRuntime }
  } finally {
    await s.close()
  }
}

console.log(`chat view, Chromium headless, ${RUNS} runs each (median)\n`)
console.log(
  'messages   cold render  cold paint  back later  runtime up  warm render  warm paint  jump to top   DOM nodes (panel / list / rows)',
)
for (const n of LENGTHS) {
  const runs: Run[] = []
  for (let i = 0; i < RUNS; i++) runs.push(await once(n))
  const pick = (f: (r: Run) => number) => median(runs.map(f))
  const last = runs.at(-1)!
  console.log(
    `${String(n).padStart(8)} ${ms(pick((r) => r.cold.render))}  ${ms(pick((r) => r.cold.painted ?? 0))}  ${ms(pick((r) => r.reload.painted ?? 0))}  ${ms(pick((r) => r.afterRuntime.painted ?? 0))}  ${ms(pick((r) => r.warm.render))}  ${ms(pick((r) => r.warm.painted ?? 0))}  ${ms(pick((r) => r.jump.render))}   ${last.warm.nodes} / ${last.warm.list} / ${last.warm.rows} (after jump: ${last.jump.list} / ${last.jump.rows})`,
  )
}
console.log('\ntargets: warm open ≤ 100 ms; DOM node count independent of the number of messages')
server.close()
