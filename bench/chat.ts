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

const root = fileURLToPath(new URL('../', import.meta.url))
const LENGTHS = (process.argv[2] ?? '100,1000,10000').split(',').map(Number)
const RUNS = 3

if (!existsSync(join(root, 'dist/help-feedback.js'))) execSync('npx rollup -c', { cwd: root, stdio: 'inherit' })

/** The bench page: seeds state, mounts the widget, exposes `measure()` helpers. */
const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><script type="module">
import { createHelpFeedback } from '/dist/help-feedback.js'
import { memoryTransport } from '/dist/transports/memory.js'
const n = Number(new URLSearchParams(location.search).get('n'))
const at = (i) => new Date(Date.UTC(2026, 10, 1) + i * 30_000).toISOString()
const conversation = { id: 'conv_bench', reference: 'C-BENCH', status: 'active', agent: { id: 'a1', name: 'Lin' }, createdAt: at(0) }
const messages = Array.from({ length: n }, (_, i) => ({
  id: 'm' + (i + 1), conversationId: conversation.id, author: i % 2 ? 'agent' : 'user', ...(i % 2 ? { authorName: 'Lin' } : { clientId: 'k' + i }),
  kind: 'text', text: (i % 7 === 0 ? 'A longer message that wraps over a few lines, with a link https://help.example.com/refunds and some detail about message ' : 'Message ') + (i + 1),
  attachments: [], createdAt: at(i + 1), seq: i + 1,
}))
const map = new Map([['hf:mem:state', { version: 1, counter: n + 10, tickets: {}, attachments: {}, idempotency: {}, votes: {},
  conversations: { [conversation.id]: { ...conversation, userId: 'bench', locale: 'en' } }, messages: { [conversation.id]: messages } }]])
const store = { persistent: false, get: async (k) => structuredClone(map.get(k)), set: async (k, v) => void map.set(k, structuredClone(v)),
  del: async (k) => void map.delete(k), keys: async (p = '') => [...map.keys()].filter((k) => k.startsWith(p)) }
// The transcript the SDK keeps on the device (idb-keyval layout: database help-feedback, store kv, keys hf:*).
await new Promise((resolve, reject) => {
  const req = indexedDB.open('help-feedback')
  req.onupgradeneeded = () => req.result.createObjectStore('kv')
  req.onerror = () => reject(req.error)
  req.onsuccess = () => {
    const tx = req.result.transaction('kv', 'readwrite')
    tx.objectStore('kv').put(conversation.id, 'hf:chat:current')
    // Same layout as the SDK writes: the newest page in the main record, the rest apart.
    const split = Math.max(0, messages.length - 200)
    tx.objectStore('kv').put({ version: 1, conversation, messages: messages.slice(split), cursor: String(n), readSeq: n, rated: false }, 'hf:chat:conversation:' + conversation.id)
    if (split) tx.objectStore('kv').put(messages.slice(0, split), 'hf:chat:conversation:' + conversation.id + ':older')
    tx.oncomplete = () => { req.result.close(); resolve() }
    tx.onerror = () => reject(tx.error)
  }
})
const help = createHelpFeedback({ transport: memoryTransport({ store, agent: { autoReply: false } }), locale: 'en', user: { id: 'bench' } }).mount()
const shadow = () => document.querySelector('[data-help-feedback]').shadowRoot
const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)))
/** Resolves at the first DOM change that satisfies \`done\` (bounded). */
function until(done) {
  return new Promise((resolve, reject) => {
    if (done()) return resolve(performance.now())
    const mo = new MutationObserver(() => { if (done()) { mo.disconnect(); clearTimeout(t); resolve(performance.now()) } })
    mo.observe(shadow(), { subtree: true, childList: true, attributes: true })
    const t = setTimeout(() => { mo.disconnect(); reject(new Error('timeout')) }, 30_000)
  })
}
const lastRowIs = (id) => () => { const rows = shadow().querySelectorAll('[data-row]'); return rows[rows.length - 1]?.getAttribute('data-id') === id }
const counts = () => ({ nodes: shadow().querySelectorAll('*').length, list: shadow().querySelector('.log')?.querySelectorAll('*').length ?? 0, rows: shadow().querySelectorAll('[data-row]').length })
window.bench = {
  async open() {
    const t0 = performance.now()
    const opening = help.open('chat')
    const rendered = await until(lastRowIs('m' + n))
    await frame()
    await opening
    return { render: rendered - t0, painted: performance.now() - t0, ...counts() }
  },
  close: () => help.close(),
  /** The panel runtime is loaded (e.g. the user opened help before), the chat view is not. */
  async openAfterRuntime() {
    await help.client()
    return window.bench.open()
  },
  async jumpToTop() {
    const log = shadow().querySelector('.log')
    const t0 = performance.now()
    log.scrollTop = 0
    const rendered = await until(() => shadow().querySelector('[data-row][data-id="m1"]') !== null)
    await frame()
    return { render: rendered - t0, ...counts() }
  },
}
window.benchReady = true
</script></body></html>`

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
  res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' })
  res.end(readFileSync(file))
})
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`

type Figures = { render: number; painted?: number; nodes: number; list: number; rows: number }
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
const ms = (x: number) => `${x.toFixed(1)} ms`.padStart(10)

interface Run { cold: Figures; warm: Figures; jump: Figures; reload: Figures; afterRuntime: Figures }

async function once(n: number): Promise<Run> {
  // A fresh profile each time: nothing cached, an empty IndexedDB.
  const s = await launch({ viewport: { width: 1280, height: 800 } })
  try {
    const page: Page = s.page
    await page.goto(`${base}/?n=${n}`)
    await page.waitForFunction(() => (window as unknown as { benchReady?: boolean }).benchReady === true, undefined, { timeout: 60_000 })
    const run = <T>(fn: string) => page.evaluate(`window.bench.${fn}()`) as Promise<T>
    const cold = await run<Figures>('open')
    await run('close')
    await page.waitForTimeout(100)
    const warm = await run<Figures>('open')
    const jump = await run<Figures>('jumpToTop')
    // The same user comes back later: the SDK's code is in the browser's caches, the
    // conversation is not in memory (it is read from IndexedDB and ordered again).
    await page.reload()
    await page.waitForFunction(() => (window as unknown as { benchReady?: boolean }).benchReady === true, undefined, { timeout: 60_000 })
    const reload = await run<Figures>('open')
    await page.reload()
    await page.waitForFunction(() => (window as unknown as { benchReady?: boolean }).benchReady === true, undefined, { timeout: 60_000 })
    const afterRuntime = await run<Figures>('openAfterRuntime')
    return { cold, warm, jump, reload, afterRuntime }
  } finally {
    await s.close()
  }
}

console.log(`chat view, Chromium headless, ${RUNS} runs each (median)\n`)
console.log('messages   cold render  cold paint  back later  runtime up  warm render  warm paint  jump to top   DOM nodes (panel / list / rows)')
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
