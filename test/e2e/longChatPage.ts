/**
 * A page with one long conversation, for `npm run bench:chat` and the long-chat e2e test.
 * Served with `?n=<messages>`, it seeds the conversation twice: as the backend has it (a memory
 * transport) and as the SDK keeps it on the device (IndexedDB, in the SDK's own layout), then
 * mounts the widget from `/dist/`. It exposes `window.help`, `window.mem` (the backend, to
 * play the agent) and `window.bench` (timed open, close, jump to top), and sets
 * `window.benchReady`.
 */
export function longChatPage(): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"></head>
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
// The backend's own storage. A real backend is another process: handing its state over must not
// cost this page a structured clone of 10,000 messages, which would be timed as the SDK's work.
const store = { persistent: false, get: async (k) => map.get(k), set: async (k, v) => void map.set(k, v),
  del: async (k) => void map.delete(k), keys: async (p = '') => [...map.keys()].filter((k) => k.startsWith(p)) }
// The transcript the SDK keeps on the device (idb-keyval layout: database help-feedback, store kv, keys hf:*).
// Written on the first load only: after a reload the device has what the SDK saved, and the
// browser is not still committing megabytes of seed data while the chat reads.
if (sessionStorage.getItem('seeded') !== String(n)) await new Promise((resolve, reject) => {
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
    tx.oncomplete = () => { req.result.close(); sessionStorage.setItem('seeded', String(n)); resolve() }
    tx.onerror = () => reject(tx.error)
  }
})
const mem = memoryTransport({ store, agent: { autoReply: false } })
const help = createHelpFeedback({ transport: mem, locale: 'en', user: { id: 'bench' } }).mount()
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
window.help = help
window.mem = mem
window.benchReady = true
</script></body></html>`
}
