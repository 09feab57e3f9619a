/**
 * Pictures of the product: every panel state of the wallet demo at phone size (zh-CN) and
 * desktop size (en), light and dark, against the reference server (a temporary database) with
 * an agent answering through the agent API. Written to docs/screenshots/<size>-<theme>/<state>.png
 * plus docs/screenshots/README.md, which lists them.
 *
 *   npm run screenshots                       # builds dist/ and the demo's search index first
 *   npx tsx scripts/screenshots.ts [--only chat-active] [--out dir]
 *
 * Chromium: /usr/bin/chromium, or CHROMIUM_PATH.
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import type { Browser, Locator, Page } from 'playwright-core'
import { arg, openView as help, root, startDemoSite } from './demoSite.js'

const outDir = arg('out') ?? join(root, 'docs/screenshots')
const only = arg('only')?.split(',')
const AGENT_KEY = 'screenshot-agent'

/** Without a CJK font Chromium draws Chinese as boxes: the phone pictures are then taken in English. */
function hasCjkFont(): boolean {
  try {
    return execFileSync('fc-list', [':lang=zh'], { encoding: 'utf8' }).trim() !== ''
  } catch {
    return true // no fontconfig to ask (macOS, Windows): system fonts cover Chinese
  }
}
const phoneLocale = arg('phone-locale') ?? (hasCjkFont() ? 'zh-CN' : 'en')
if (phoneLocale !== 'zh-CN')
  console.warn('No CJK font found (fc-list :lang=zh): phone pictures in English. Install fonts-noto-cjk for zh-CN.')

interface Variant {
  name: string
  locale: 'zh-CN' | 'en'
  theme: 'light' | 'dark'
  viewport: { width: number; height: number }
  mobile: boolean
}
const VARIANTS: Variant[] = [
  {
    name: 'phone-light',
    locale: phoneLocale as Variant['locale'],
    theme: 'light',
    viewport: { width: 390, height: 844 },
    mobile: true,
  },
  {
    name: 'phone-dark',
    locale: phoneLocale as Variant['locale'],
    theme: 'dark',
    viewport: { width: 390, height: 844 },
    mobile: true,
  },
  { name: 'desktop-light', locale: 'en', theme: 'light', viewport: { width: 1280, height: 800 }, mobile: false },
  { name: 'desktop-dark', locale: 'en', theme: 'dark', viewport: { width: 1280, height: 800 }, mobile: false },
]

interface Ctx {
  page: Page
  v: Variant
  base: string
  user: string
  w: (sel: string) => Locator
}
interface State {
  name: string
  title: string
  run(ctx: Ctx): Promise<void>
}

async function agent<T>(base: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${base}/v1/agent${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'X-Agent-Key': AGENT_KEY, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  if (!res.ok) throw new Error(`agent ${path}: ${res.status}`)
  return (res.status === 204 ? undefined : await res.json()) as T
}

async function conversationOf(base: string, user: string): Promise<string> {
  for (let i = 0; i < 50; i++) {
    const list = await agent<
      | { items?: Array<{ id: string; userId: string; status: string }> }
      | Array<{ id: string; userId: string; status: string }>
    >(base, '/conversations')
    const rows = Array.isArray(list) ? list : (list.items ?? [])
    const mine = rows.find((c) => c.userId === user && c.status !== 'ended')
    if (mine) return mine.id
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`no conversation for ${user}`)
}

const say = (v: Variant, zh: string, en: string) => (v.locale === 'zh-CN' ? zh : en)

/** The agent (王芳 / Alex) answers in the user's open conversation; its id is returned. */
async function agentSays(ctx: Ctx, zh: string, en: string): Promise<string> {
  const id = await conversationOf(ctx.base, ctx.user)
  await agent(ctx.base, `/conversations/${id}/messages`, {
    agentName: say(ctx.v, '王芳', 'Alex'),
    text: say(ctx.v, zh, en),
  })
  return id
}

async function typeMessage(ctx: Ctx, text: string) {
  const input = ctx.w('.composer textarea')
  await input.fill(text)
  await input.press('Enter')
}

const STATES: State[] = [
  {
    name: 'home',
    title: 'Home: search, ways to get help, safety notice, support card, popular articles',
    async run({ page, w }) {
      await help(page, 'home')
      await w('.entries').waitFor()
      await w('.help-popular, [data-popular]')
        .first()
        .waitFor({ timeout: 3000 })
        .catch(() => undefined)
    },
  },
  {
    name: 'search',
    title: 'Search results as you type',
    async run({ page, v, w }) {
      await help(page, 'search', { query: say(v, '退款', 'refund') })
      await w('.help-result').first().waitFor()
    },
  },
  {
    name: 'article',
    title: 'A help article',
    async run({ page, v, w }) {
      await help(page, 'search', { query: say(v, '退款', 'refund') })
      await w('.help-result').first().click()
      await w('.help-article h3').waitFor()
    },
  },
  {
    name: 'article-not-helpful',
    title: 'After "not helpful": what was missing, chat or report',
    async run({ page, v, w }) {
      await help(page, 'search', { query: say(v, '转账', 'transfer') })
      await w('.help-result').first().click()
      await w('[data-vote-no]').click()
      await w('[data-missing] input[type=radio]').first().check()
      await w('[data-missing]').scrollIntoViewIfNeeded()
    },
  },
  {
    name: 'chat-idle',
    title: 'Chat before the first message',
    async run({ page, w }) {
      await help(page, 'chat')
      await w('[data-chat-intro]').waitFor()
    },
  },
  {
    name: 'chat-queued',
    title: 'Chat: waiting in the queue',
    async run(ctx) {
      await help(ctx.page, 'chat')
      await ctx.w('.chat[data-ready]').waitFor()
      await typeMessage(
        ctx,
        say(ctx.v, '你好，我的转账一直显示处理中', 'Hello, my transfer has been pending for hours'),
      )
      await ctx.w('[data-status=queued]').waitFor()
    },
  },
  {
    name: 'chat-active',
    title: 'Chat: the agent joined and answers',
    async run(ctx) {
      await agentSays(
        ctx,
        '您好，我是王芳，正在为您查询这笔转账。',
        'Hi, I am Alex. I am checking that transfer for you.',
      )
      await ctx.w('[data-status=active]').waitFor()
      await ctx.w('[data-event=joined]').waitFor()
    },
  },
  {
    name: 'chat-rating',
    title: 'Chat ended: the labelled rating scale',
    async run(ctx) {
      const id = await agentSays(
        ctx,
        '已为您加急处理，预计 2 小时内到账。',
        'I have expedited it; it should arrive within 2 hours.',
      )
      await agent(ctx.base, `/conversations/${id}/end`, {})
      await ctx.w('[data-rating-scale]').waitFor()
      await ctx.w('[data-rating-scale] [data-score="4"] input').check()
    },
  },
  {
    name: 'requests',
    title: 'My requests with the conversation list',
    async run({ page, w }) {
      await help(page, 'requests')
      await w('[data-conversations] [data-conversation]').first().waitFor()
    },
  },
  {
    name: 'report',
    title: 'Report a transaction problem',
    async run({ page, w }) {
      await help(page, 'report')
      await w('[data-categories]').waitFor()
    },
  },
  {
    name: 'report-transaction',
    title: 'Report opened from a transaction',
    async run({ page, w }) {
      // The demo's own transaction, as its "report" button passes it.
      await page.evaluate(async () => {
        const { transactions } = (await import(new URL('./transactions.js', location.href).href)) as {
          transactions: unknown[]
        }
        await (window as unknown as { help: { open(view: string, p: unknown): Promise<void> } }).help.open('report', {
          transaction: transactions[0],
        })
      })
      await w('[data-current-tx]').waitFor()
    },
  },
  {
    name: 'contact',
    title: 'Contact: hotline, e-mail and hours',
    async run({ page, w }) {
      await help(page, 'contact')
      await w('a[href^="tel:"]').first().waitFor()
    },
  },
  {
    name: 'checker',
    title: 'Is this really us? A look-alike link',
    async run({ page, w }) {
      await help(page, 'checker', { value: 'https://wallet.example.com.evil.cn/refund' })
      await w('.ck-result[data-verdict]').waitFor()
    },
  },
]

async function shoot(browser: Browser, base: string, v: Variant, files: Map<string, string[]>) {
  const context = await browser.newContext({
    viewport: v.viewport,
    isMobile: v.mobile,
    hasTouch: v.mobile,
    locale: v.locale,
    colorScheme: v.theme,
  })
  const page = await context.newPage()
  page.on('pageerror', (e) => console.error(`[${v.name}] page error:`, e.message))
  // Business hours depend on the clock; the pictures show an open chat.
  await page.route('**/v1/availability', (r) =>
    r.fulfill({
      status: 200,
      contentType: 'application/json',
      body: JSON.stringify({ agentsOnline: 3, queueLength: 0, open: true, expectedWaitSeconds: 120 }),
    }),
  )
  const user = `shots-${v.name}-${Date.now()}`
  await page.goto(`${base}/?locale=${v.locale}&user=${user}&theme=${v.theme}`)
  const w = (sel: string) => page.locator(`[data-help-feedback] >> ${sel}`)
  const ctx: Ctx = { page, v, base, user, w }
  const dir = join(outDir, v.name)
  mkdirSync(dir, { recursive: true })
  for (const state of STATES) {
    // Chat states build on each other, so they always run; --only decides what is written.
    try {
      await state.run(ctx)
      // Let the sheet's entrance animation and lazy images settle before the picture.
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))))
      await page.waitForTimeout(250)
      if (only && !only.includes(state.name)) continue
      const file = join(dir, `${state.name}.png`)
      await page.screenshot({ path: file })
      files.set(state.name, [...(files.get(state.name) ?? []), relative(outDir, file)])
      console.log(`wrote ${relative(root, file)}`)
    } catch (error) {
      console.error(`[${v.name}] ${state.name} failed: ${(error as Error).message}`)
      process.exitCode = 1
    }
  }
  await context.close()
}

const site = await startDemoSite({ agentKey: AGENT_KEY, demoTokens: true })
const files = new Map<string, string[]>()
try {
  for (const v of VARIANTS) await shoot(site.browser, site.url, v, files)
  if (!only) {
    const rows = STATES.filter((s) => files.has(s.name)).map(
      (s) =>
        `| ${s.title} | ${files
          .get(s.name)!
          .map((f) => `[${f.split('/')[0]}](${f})`)
          .join(' · ')} |`,
    )
    writeFileSync(
      join(outDir, 'README.md'),
      [
        '# Screenshots',
        '',
        `Every panel state of the wallet demo, at phone size (390 × 844, ${phoneLocale}) and desktop size (1280 × 800, en), light and dark.`,
        'Made by `npm run screenshots` (scripts/screenshots.ts) against the reference server.',
        '',
        '| State | Pictures |',
        '| --- | --- |',
        ...rows,
        '',
      ].join('\n'),
    )
  }
} finally {
  await site.close()
}
