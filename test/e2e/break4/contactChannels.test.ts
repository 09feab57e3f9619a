import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it, onTestFinished } from 'vitest'
import { restOptions, serve, sessions, shadow, snippetPage } from '../break/host.js'
import { launch, type Session } from '../browser.js'

// The operator's contact channels are configuration a host may fill from a CMS. A script URL in
// the website, a social account or a map link, or a phone number with dial codes, is refused
// with an error naming the option (open() and onEvent); names and addresses with markup show as text; the links the
// panel shows are https, tel: with digits only, or mailto: with a plain address.
const baseUrl = inject('baseUrl')
const session = sessions()
const PWN = (tag: string) => `<img src=x onerror="window.__pwned='${tag}'">`

async function page(context: BrowserContext, p: Page, name: string, channels: unknown): Promise<Page> {
  const json = JSON.stringify(channels).replace(/</g, '\\u003c')
  const url = await serve(
    context,
    baseUrl,
    name,
    snippetPage(restOptions('en', `channels: ${json}, onEvent: (e) => window.hfEvents.push(JSON.stringify(e)),`)),
  )
  await p.goto(`${url}?u=b4-contact-${Date.now()}`)
  await p.waitForFunction(() => 'help' in window)
  return p
}

/** Opens the contact view; what the host learns (the open() rejection, error events, console errors). */
async function openContact(p: Page): Promise<string> {
  const consoleErrors: string[] = []
  p.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()))
  const rejected = await p.evaluate(() =>
    (window as unknown as { help: { open(v: string): Promise<void> } }).help.open('contact').then(
      () => '',
      (e: Error) => e.message,
    ),
  )
  await p.waitForTimeout(500)
  const events = await p.evaluate(() => (window as unknown as { hfEvents: string[] }).hfEvents.join('\n'))
  return [rejected, events, ...consoleErrors].join('\n')
}

describe('hostile contact channel configuration', () => {
  // The refusals share one browser, each in a page of its own (its own window, host page and
  // SDK instance): starting Chromium per case cost more than the cases.
  let shared: Session | undefined
  beforeAll(async () => {
    shared = await launch()
  })
  afterAll(async () => {
    await shared?.close()
  })

  for (const [label, channels, path] of [
    ['javascript: website', { website: { url: 'javascript:window.__pwned=1' } }, 'channels.website.url'],
    ['data: website', { website: { url: 'data:text/html,<script>alert(1)</script>' } }, 'channels.website.url'],
    ['JAVASCRIPT with a tab', { website: { url: 'java\tscript:alert(1)' } }, 'channels.website.url'],
    ['plain http website', { website: { url: 'http://wallet.example' } }, 'channels.website.url'],
    ['credentials in a URL', { website: { url: 'https://wallet.example@evil.example/' } }, 'channels.website.url'],
    ['javascript: social', { social: [{ name: 'Weibo', url: 'javascript:alert(1)' }] }, 'channels.social'],
    [
      'vbscript: map link',
      { servicePoints: [{ name: 'HQ', address: 'Road 1', mapUrl: 'vbscript:x' }] },
      'channels.servicePoints',
    ],
    ['hotline with dial codes', { hotline: { number: '95188,,*21*123#' } }, 'channels.hotline.number'],
    ['hotline with letters', { hotline: { number: 'javascript:alert(1)' } }, 'channels.hotline.number'],
    [
      'e-mail with a header',
      { email: { address: 'help@wallet.example?bcc=evil@evil.example' } },
      'channels.email.address',
    ],
  ] as const) {
    it(`refuses a ${label} with an error naming ${path}`, async () => {
      const context = shared!.browser
      const p = await page(context, await context.newPage(), `contact-bad-${label.replace(/\W+/g, '-')}`, channels)
      onTestFinished(() => p.close())
      const told = await openContact(p)
      expect(told).toContain(path)
      const hrefs = await p.evaluate(() =>
        [...(document.querySelector('[data-help-feedback]')?.shadowRoot?.querySelectorAll('a') ?? [])].map(
          (a) => a.getAttribute('href') ?? '',
        ),
      )
      for (const h of hrefs) expect(h).toMatch(/^(https:\/\/|tel:\+?\d+$|mailto:)/)
      expect(await p.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned ?? null)).toBeNull()
    })
  }

  it('shows markup in names and addresses as text, and only safe links', async () => {
    const s = await session.start()
    const p = await page(s.browser, s.page, 'contact-text', {
      hotline: { number: '+86 (10) 9518-8000' },
      email: { address: 'help@wallet.example' },
      website: { url: 'https://wallet.example/help?q=<script>' },
      social: [{ name: PWN('social'), url: 'https://weibo.example/wallet', handle: PWN('handle') }],
      servicePoints: [
        { name: PWN('point'), address: PWN('address'), mapUrl: 'https://maps.example/?q="><svg onload=x>' },
      ],
    })
    expect(await openContact(p)).not.toMatch(/ConfigError|channels\./)
    await shadow(p, 'a[href^="tel:"]').first().waitFor()
    const { links, text, risky } = await p.evaluate(() => {
      const root = document.querySelector('[data-help-feedback]')!.shadowRoot!
      return {
        links: [...root.querySelectorAll('a')].map((a) => ({
          href: a.getAttribute('href') ?? '',
          rel: a.getAttribute('rel') ?? '',
          target: a.getAttribute('target') ?? '',
        })),
        text: root.textContent ?? '',
        risky: [...root.querySelectorAll('img,svg,script,[onerror],[onload]')].map((e) => e.outerHTML.slice(0, 80)),
      }
    })
    expect(risky).toEqual([])
    expect(text).toContain('onerror')
    expect(links.map((l) => l.href)).toContain('tel:+861095188000')
    for (const l of links) {
      expect(l.href).toMatch(/^(https:\/\/|tel:\+?\d+$|mailto:help@wallet\.example(\?|$))/)
      if (l.target === '_blank') expect(l.rel.split(/\s+/)).toContain('noopener')
    }
    for (let i = 0; i < links.length; i++) {
      if (!links[i]!.href.startsWith('https:')) continue
      const popup = p
        .context()
        .waitForEvent('page', { timeout: 3000 })
        .catch(() => undefined)
      await shadow(p, 'a').nth(i).click()
      await (await popup)?.close()
    }
    expect(await p.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned ?? null)).toBeNull()
  })
})
