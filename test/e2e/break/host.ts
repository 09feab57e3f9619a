import type { BrowserContext, Page } from 'playwright-core'
import { fileURLToPath } from 'node:url'
import { afterAll, afterEach, beforeAll } from 'vitest'
import { startServer, type RunningServer } from '../../../examples/server/server.js'
import { launch, pendingRequests, type Session } from '../browser.js'

/**
 * A host page that embeds the SDK the way README's "Embed it" bundler snippet does (the entry,
 * a described REST transport with getUserToken), served from the reference server's origin
 * under /break/ so the API is same-origin. `options` is the object literal passed to
 * createHelpFeedback; in it, `token()` fetches the demo's signed token for `window.who`.
 */
export function snippetPage(options: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>wallet</title></head>
<body><h1>Wallet</h1>
<script type="module">
import { createHelpFeedback } from '/dist/help-feedback.js'
window.hfEvents = []
window.who = new URLSearchParams(location.search).get('u') || 'u_123'
const token = async () => {
  const r = await fetch('/demo/token?userId=' + encodeURIComponent(window.who) + '&name=x')
  return (await r.json()).token
}
window.help = createHelpFeedback(${options}).mount()
</script></body></html>`
}

/** Serves `html` at `${baseUrl}/break/<name>.html` in this context. */
export async function serve(context: BrowserContext, baseUrl: string, name: string, html: string): Promise<string> {
  await context.route(`${baseUrl}/break/${name}.html*`, (route) =>
    route.fulfill({ body: html, contentType: 'text/html' }),
  )
  return `${baseUrl}/break/${name}.html`
}

export const shadow = (page: Page, sel: string) => page.locator(`[data-help-feedback] >> ${sel}`)

export const transaction = {
  id: '4200001234202611230012345678',
  time: '2026-11-23T09:30:00+08:00',
  amount: '9.00',
  currency: 'CNY',
  counterparty: 'Alice Pharmacy',
}

export type AgentTicket = { id: string; userId: string; category: string }

export async function ticketsOf(baseUrl: string, agentKey: string, userId: string): Promise<AgentTicket[]> {
  const res = await fetch(`${baseUrl}/v1/agent/tickets`, { headers: { 'X-Agent-Key': agentKey } })
  if (!res.ok) throw new Error(`agent tickets: ${res.status}`)
  return ((await res.json()) as AgentTicket[]).filter((t) => t.userId === userId)
}

export async function ticketDetail(
  baseUrl: string,
  agentKey: string,
  id: string,
): Promise<{ description: string; fields: Record<string, unknown> }> {
  const res = await fetch(`${baseUrl}/v1/agent/tickets/${id}`, { headers: { 'X-Agent-Key': agentKey } })
  return (await res.json()) as { description: string; fields: Record<string, unknown> }
}

/** One Chromium session per test, closed after it: `const session = sessions()`, then `await session.start()`. */
export function sessions(): { start(): Promise<Session> } {
  let s: Session | undefined
  afterEach(async (ctx) => {
    // A failed test says what the page still waited for (a stalled server, a route left holding).
    if (s && ctx.task.result?.state === 'fail')
      console.error(`[${ctx.task.name}] requests without an answer:`, pendingRequests(s.browser))
    await s?.close()
    s = undefined
  })
  return { start: async () => (s = await launch()) }
}

/** The README snippet with a REST transport described by config, in `locale`, plus `extra` options. */
export const restOptions = (locale: string, extra = '', getUserToken = 'token') => `{
  transport: { type: 'rest', baseUrl: location.origin, getUserToken: ${getUserToken} },
  locale: '${locale}',
  user: { id: window.who },
  ${extra}
}`

/** Serves the snippet page as `name`, opens it signed in as `user`, and opens the report form on {@link transaction}. */
export async function openReport(
  s: Session,
  baseUrl: string,
  name: string,
  options: string,
  user: string,
): Promise<Page> {
  const url = await serve(s.browser, baseUrl, name, snippetPage(options))
  await s.page.goto(`${url}?u=${encodeURIComponent(user)}`)
  await s.page.evaluate(
    (tx) =>
      (window as unknown as { help: { open(v: string, p: unknown): Promise<void> } }).help.open('report', {
        category: 'charged_not_received',
        transaction: tx,
      }),
    transaction,
  )
  return s.page
}

/** The panel's text (its shadow root), for polling what the user reads. */
export const panelText = (page: Page) =>
  page.evaluate(() => document.querySelector('[data-help-feedback]')?.shadowRoot?.textContent ?? '')

/**
 * A reference server that is closed whatever the time (09:00–21:00 Shanghai every day, with
 * yesterday, today and tomorrow as holidays), serving the repository's files so a page and the
 * API share one origin; started before the file's tests and closed after them.
 */
export function closedHoursServer(): { readonly url: string; tickets(): Promise<unknown[]> } {
  const agentKey = 'closed-hours-agent-key'
  let server: RunningServer | undefined
  beforeAll(async () => {
    const day = (offset: number) =>
      new Date(Date.now() + offset * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10)
    server = await startServer({
      port: 0,
      dbPath: ':memory:',
      secret: 'closed-hours-secret-0123456789abcdef',
      agentKey,
      demoTokens: true,
      staticRoot: fileURLToPath(new URL('../../..', import.meta.url)),
      log: false,
      hours: {
        timeZone: 'Asia/Shanghai',
        weekly: [0, 1, 2, 3, 4, 5, 6].map((d) => ({ day: d, open: '09:00', close: '21:00' })),
        holidays: [day(-1), day(0), day(1)],
      },
    })
  })
  afterAll(() => server?.close())
  return {
    get url() {
      return server!.url
    },
    tickets: async () =>
      (await (
        await fetch(`${server!.url}/v1/agent/tickets`, { headers: { 'X-Agent-Key': agentKey } })
      ).json()) as unknown[],
  }
}

/** Everything the page keeps on the device as text: localStorage values and every IndexedDB record (blobs as `[blob n]`). */
export function deviceStorage(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const parts: string[] = []
    for (let i = 0; i < localStorage.length; i++) parts.push(localStorage.getItem(localStorage.key(i)!) ?? '')
    for (const info of await indexedDB.databases()) {
      const db = await new Promise<IDBDatabase>((res, rej) => {
        const r = indexedDB.open(info.name!)
        r.onsuccess = () => res(r.result)
        r.onerror = () => rej(r.error)
      })
      for (const name of Array.from(db.objectStoreNames)) {
        const all = await new Promise<unknown[]>((res) => {
          const r = db.transaction(name).objectStore(name).getAll()
          r.onsuccess = () => res(r.result)
        })
        parts.push(JSON.stringify(all, (_k, v: unknown) => (v instanceof Blob ? `[blob ${v.size}]` : v)))
      }
      db.close()
    }
    return parts.join('\n')
  })
}
