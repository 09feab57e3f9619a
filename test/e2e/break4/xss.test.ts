import { describe, expect, inject, it } from 'vitest'
import type { Page } from 'playwright-core'
import { restOptions, serve, sessions, shadow, snippetPage } from '../break/host.js'

// Everything the panel renders from the backend or the operator is hostile text: article
// Markdown, agent chat messages and names, ticket subjects, comments, attachment names. Nothing
// of it may run script in the host page, and every link it shows must be http(s)/mailto/tel
// with rel=noopener when it opens a new window.
const baseUrl = inject('baseUrl')
const agentKey = inject('agentKey')
const session = sessions()

/** Sets window.__pwned = <tag>; every payload below carries one. */
const PWN = (tag: string) => `window.__pwned=(window.__pwned||'')+'${tag}'`
const HTML = (tag: string) =>
  `<img src=x onerror="${PWN(tag)}"><script>${PWN(tag + 's')}</script><svg onload="${PWN(tag + 'v')}"></svg>`

const ARTICLE_BODY = [
  '# Hostile article',
  HTML('raw-html'),
  '<a href="javascript:' + PWN('a-tag') + '">raw anchor</a>',
  `[plain js](javascript:${PWN('md-js')})`,
  `[mixed case](JaVaScRiPt:${PWN('md-case')})`,
  `[entity](&#106;avascript&#58;${PWN('md-ent')})`,
  `[hex entity](&#x6A;&#x61;vascript&colon;${PWN('md-hex')})`,
  `[tab inside](java&Tab;script:${PWN('md-tab')})`,
  `[named tab](java&tab;script:${PWN('md-tab2')})`,
  `[newline inside](java&#10;script:${PWN('md-nl')})`,
  `[leading space](  javascript:${PWN('md-sp')})`,
  `[control char](&#1;javascript:${PWN('md-ctl')})`,
  `[vb](vbscript:msgbox(1))`,
  `[data](data:text/html;base64,PHNjcmlwdD53aW5kb3cuX19wd25lZD0xPC9zY3JpcHQ+)`,
  `[data svg](data:image/svg+xml,<svg onload=alert(1)>)`,
  `[title trick](https://ok.example "x\\" onmouseover=\\"${PWN('md-title')}")`,
  `![image](javascript:${PWN('md-img')})`,
  `![img2](https://img.example/x.png" onerror="${PWN('md-img2')})`,
  `<javascript:${PWN('auto-js')}>`,
  `<https://auto.example/path>`,
  `<mailto:a@b.example>`,
  `[protocol relative](//evil.example/x)`,
  `[ref style][r]`,
  '',
  `[r]: javascript:${PWN('md-ref')}`,
  '',
  '| a | b |',
  '|---|---|',
  `| <img src=x onerror="${PWN('table')}"> | [t](javascript:${PWN('md-table')}) |`,
  '',
  '```html',
  `<script>${PWN('code')}</script>`,
  '```',
  '[Safe](https://help.example/safe) and [tel](tel:+86 10 9518 8000) and [mail](mailto:help@wallet.example)',
].join('\n')

type Link = { href: string; rel: string; target: string }

/** Every <a> in the panel, and the tags it holds that could carry script or remote content. */
async function panelLinks(page: Page): Promise<{ links: Link[]; risky: string[] }> {
  return page.evaluate(() => {
    const root = document.querySelector('[data-help-feedback]')!.shadowRoot!
    const links = [...root.querySelectorAll('a')].map((a) => ({
      href: a.getAttribute('href') ?? '',
      rel: a.getAttribute('rel') ?? '',
      target: a.getAttribute('target') ?? '',
    }))
    const risky = [
      ...root.querySelectorAll(
        'script,iframe,object,embed,svg image,foreignObject,[onerror],[onload],[onclick],[onmouseover]',
      ),
    ].map((e) => e.outerHTML.slice(0, 120))
    // Images only from http(s) or blob:, never javascript:/data: with markup.
    for (const img of root.querySelectorAll('img')) {
      const src = img.getAttribute('src') ?? ''
      if (!/^(https?:|blob:)/.test(src)) risky.push(`img src=${src}`)
    }
    return { links, risky }
  })
}

function expectSafeLinks(links: Link[]) {
  for (const l of links) {
    expect(l.href, JSON.stringify(l)).toMatch(/^(https?:\/\/|mailto:|tel:|blob:)/)
    if (l.target === '_blank') expect(l.rel.split(/\s+/), JSON.stringify(l)).toContain('noopener')
  }
}

/** Clicks every link in the panel (popups are closed), then reads the flag. */
async function clickAll(page: Page): Promise<void> {
  const n = await shadow(page, 'a').count()
  page.context().on('page', (p) => void p.close().catch(() => {}))
  for (let i = 0; i < n; i++)
    await shadow(page, 'a')
      .nth(i)
      .click({ modifiers: [], timeout: 2000 })
      .catch(() => {})
}

const pwned = (page: Page) => page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned ?? null)

async function bearerFor(userId: string): Promise<string> {
  const t = await (await fetch(`${baseUrl}/demo/token?userId=${encodeURIComponent(userId)}&name=x`)).json()
  const res = await fetch(`${baseUrl}/v1/identify`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ userId, token: (t as { token: string }).token }),
  })
  return ((await res.json()) as { token: string }).token
}

let seq = 0
const key = () => `xss-${Date.now()}-${++seq}`
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
)

describe('hostile text from the backend and the operator', () => {
  it('article Markdown: raw HTML, script URLs in every disguise, images, autolinks: nothing runs, links are safe', async () => {
    const s = await session.start()
    const articles = [
      { id: 'hostile', locale: 'en', title: `<img src=x onerror="${PWN('title')}">`, body: ARTICLE_BODY, tags: [] },
    ]
    const url = await serve(
      s.browser,
      baseUrl,
      'xss-article',
      snippetPage(restOptions('en', `articles: { articles: ${JSON.stringify(articles).replace(/</g, '\\u003c')} },`)),
    )
    await s.page.goto(`${url}?u=xss-article-${Date.now()}`)
    await s.page.waitForFunction(() => 'help' in window)
    await s.page.evaluate(() =>
      (window as unknown as { help: { open(v: string, p: unknown): Promise<void> } }).help.open('article', {
        id: 'hostile',
      }),
    )
    await shadow(s.page, 'text=Hostile article').waitFor()
    const { links, risky } = await panelLinks(s.page)
    expect(risky).toEqual([])
    expectSafeLinks(links)
    // The three plain links survive as links.
    expect(links.map((l) => l.href)).toEqual(
      expect.arrayContaining(['https://help.example/safe', 'mailto:help@wallet.example', 'https://auto.example/path']),
    )
    // Raw HTML is shown as text, not dropped silently nor parsed.
    const text = await s.page.evaluate(() => document.querySelector('[data-help-feedback]')!.shadowRoot!.textContent)
    expect(text).toContain('<script>')
    await clickAll(s.page)
    await new Promise((r) => setTimeout(r, 300))
    expect(await pwned(s.page)).toBeNull()
  })

  it('a ticket with a hostile subject, file name and agent comment shows as text in My requests', async () => {
    const s = await session.start()
    const user = `xss-req-${Date.now()}`
    const bearer = await bearerFor(user)
    const auth = { Authorization: `Bearer ${bearer}` }
    const up = await fetch(`${baseUrl}/v1/attachments`, {
      method: 'POST',
      headers: {
        ...auth,
        'Content-Type': 'image/png',
        'X-File-Name': encodeURIComponent(`"><img src=x onerror="${PWN('file')}">.png`),
        'Idempotency-Key': key(),
      },
      body: new Uint8Array(PNG),
    })
    expect(up.status).toBe(201)
    const att = (await up.json()) as { id: string }
    const res = await fetch(`${baseUrl}/v1/tickets`, {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json', 'Idempotency-Key': key() },
      body: JSON.stringify({
        category: 'payment_failed',
        subject: `<img src=x onerror="${PWN('subject')}">`,
        description: HTML('description') + ` [x](javascript:${PWN('desc-md')}) javascript:${PWN('desc-bare')}`,
        fields: { merchant: HTML('field') },
        attachments: [{ id: att.id }],
        priority: 'normal',
        locale: 'en',
      }),
    })
    expect(res.status).toBe(201)
    const ticket = (await res.json()) as { id: string }
    const c = await fetch(`${baseUrl}/v1/agent/tickets/${ticket.id}/comments`, {
      method: 'POST',
      headers: { 'X-Agent-Key': agentKey, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        body: HTML('comment') + ` javascript:${PWN('comment-js')} https://ok.example/a`,
        agentName: `<img src=x onerror="${PWN('ag')}">`,
      }),
    })
    expect(c.status, await c.clone().text()).toBe(201)
    await s.page.goto(`${baseUrl}/?locale=en&user=${user}`)
    await s.page.waitForFunction(() => 'help' in window || document.querySelector('[data-help-feedback]'))
    await s.page.getByTestId('help-entry').click()
    await shadow(s.page, '[data-entry=requests]').click()
    await shadow(s.page, `[data-ticket="${ticket.id}"]`).click()
    await shadow(s.page, '[data-comments]').waitFor()
    await shadow(s.page, '[data-attachments]').waitFor()
    const text = await s.page.evaluate(() => document.querySelector('[data-help-feedback]')!.shadowRoot!.textContent)
    expect(text).toContain('onerror')
    const { links, risky } = await panelLinks(s.page)
    expect(risky).toEqual([])
    expectSafeLinks(links)
    await clickAll(s.page)
    await new Promise((r) => setTimeout(r, 300))
    expect(await pwned(s.page)).toBeNull()
  })

  it('agent chat messages and agent names with HTML and script links show as text', async () => {
    const s = await session.start()
    const user = `xss-chat-${Date.now()}`
    await s.page.route('**/v1/availability', (r) =>
      r.fulfill({
        status: 200,
        contentType: 'application/json',
        body: JSON.stringify({ agentsOnline: 1, queueLength: 0, open: true }),
      }),
    )
    await s.page.goto(`${baseUrl}/?locale=en&user=${user}`)
    await s.page.getByTestId('help-entry').click()
    await shadow(s.page, '[data-entry=chat]').click()
    await shadow(s.page, '.chat[data-ready]').waitFor()
    const input = shadow(s.page, '.composer textarea')
    await input.fill('hello')
    await input.press('Enter')
    let conv: { id: string } | undefined
    await expect
      .poll(async () => {
        const list = (await (
          await fetch(`${baseUrl}/v1/agent/conversations`, { headers: { 'X-Agent-Key': agentKey } })
        ).json()) as Array<{ id: string; userId: string }>
        conv = list.find((x) => x.userId === user)
        return conv !== undefined
      })
      .toBe(true)
    const hostile = `${HTML('chat')} javascript:${PWN('chat-js')} [x](javascript:${PWN('chat-md')}) https://ok.example/p`
    const r = await fetch(`${baseUrl}/v1/agent/conversations/${conv!.id}/messages`, {
      method: 'POST',
      headers: { 'X-Agent-Key': agentKey, 'Content-Type': 'application/json' },
      body: JSON.stringify({ text: hostile, agentName: `<img src=x onerror="${PWN('agent-name')}">` }),
    })
    expect(r.status).toBe(201)
    await expect
      .poll(() => s.page.evaluate(() => document.querySelector('[data-help-feedback]')!.shadowRoot!.textContent))
      .toContain('https://ok.example/p')
    const { links, risky } = await panelLinks(s.page)
    expect(risky).toEqual([])
    expectSafeLinks(links)
    expect(links.map((l) => l.href)).toContain('https://ok.example/p')
    await clickAll(s.page)
    await new Promise((r) => setTimeout(r, 300))
    expect(await pwned(s.page)).toBeNull()
  })
})
