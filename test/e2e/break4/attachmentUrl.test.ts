import { expect, inject, it } from 'vitest'
import { sessions, shadow } from '../break/host.js'

// The panel vets every link it takes from a backend it does not control (article Markdown:
// src/markdown/url.ts; contact channels: src/contact/urls.ts; chat text: http(s) only). An
// attachment's `url` in a ticket is the same kind of text: a help desk adapter or a tampered
// response can hand the panel `javascript:`. It must not become a clickable link that runs in
// the host page.
const baseUrl = inject('baseUrl')
const session = sessions()

let seq = 0
const key = () => `att-url-${Date.now()}-${++seq}`
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
)

async function bearerFor(userId: string): Promise<string> {
  const t = (await (await fetch(`${baseUrl}/demo/token?userId=${userId}&name=x`)).json()) as { token: string }
  const res = await fetch(`${baseUrl}/v1/identify`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ userId, token: t.token }),
  })
  return ((await res.json()) as { token: string }).token
}

for (const kind of ['image', 'pdf'] as const) {
  it(`a ${kind} attachment whose url is javascript: in the ticket response does not run when tapped in My requests`, async () => {
    const s = await session.start()
    const user = `att-url-${kind}-${Date.now()}`
    const auth = { Authorization: `Bearer ${await bearerFor(user)}` }
    const up = await fetch(`${baseUrl}/v1/attachments`, {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'image/png', 'X-File-Name': 'receipt.png', 'Idempotency-Key': key() },
      body: new Uint8Array(PNG),
    })
    const att = (await up.json()) as { id: string }
    const res = await fetch(`${baseUrl}/v1/tickets`, {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json', 'Idempotency-Key': key() },
      body: JSON.stringify({
        category: 'payment_failed',
        subject: 'Payment failed',
        description: 'see the receipt',
        fields: {},
        attachments: [{ id: att.id }],
        priority: 'normal',
        locale: 'en',
      }),
    })
    const ticket = (await res.json()) as { id: string }

    // The ticket detail as a hostile or broken backend would answer it.
    await s.browser.route(`${baseUrl}/v1/tickets/${ticket.id}`, async (route) => {
      const r = await route.fetch()
      const body = (await r.json()) as { attachments: Array<{ url?: string; type: string }> }
      for (const a of body.attachments) {
        a.url = "javascript:localStorage.setItem('pwned', origin);window.__pwned=1;void 0"
        if (kind === 'pdf') a.type = 'application/pdf'
      }
      await route.fulfill({ response: r, json: body })
    })
    await s.page.goto(`${baseUrl}/?locale=en&user=${user}`)
    await s.page.getByTestId('help-entry').click()
    await shadow(s.page, '[data-entry=requests]').click()
    await shadow(s.page, `[data-ticket="${ticket.id}"]`).click()
    await shadow(s.page, '[data-attachments]').waitFor()

    const hrefs = await s.page.evaluate(() =>
      [...document.querySelector('[data-help-feedback]')!.shadowRoot!.querySelectorAll('[data-attachments] a')].map(
        (a) => a.getAttribute('href'),
      ),
    )
    // The file is still listed, but tapping it runs nothing and no link goes to a script URL.
    expect(await shadow(s.page, '[data-attachments] li').count()).toBe(1)
    for (let i = 0; i < hrefs.length; i++) await shadow(s.page, '[data-attachments] a').nth(i).click()
    await new Promise((r) => setTimeout(r, 300))
    expect(await s.page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned ?? null)).toBeNull()
    // Nor in a window it opens: one opened on a script URL shares the host page's origin and storage.
    expect(await s.page.evaluate(() => localStorage.getItem('pwned'))).toBeNull()
    for (const h of hrefs) expect(h).toMatch(/^(https?:|blob:)/)
  })
}
