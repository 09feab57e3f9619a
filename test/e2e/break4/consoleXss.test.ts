import { expect, inject, it } from 'vitest'
import { openConsole } from '../browser.js'
import { sessions } from '../break/host.js'

// The other direction: a user (or anyone with a wallet account) writes markup into what agents
// read: ticket subject, description, fields, transaction, file name, chat text, display name.
// The agent console in Chromium shows all of it as text and runs none of it.
const baseUrl = inject('baseUrl')
const agentKey = inject('agentKey')
const session = sessions()

const PWN = (tag: string) =>
  `<img src=x onerror="window.__pwned='${tag}'"><script>window.__pwned='${tag}-s'</script><a href="javascript:window.__pwned='${tag}-a'">x</a>`
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
)
let seq = 0
const key = () => `b4-console-${Date.now()}-${++seq}`

it('shows hostile ticket and chat text from a user as text in the agent console', async () => {
  const s = await session.start()
  const user = `b4-console-${Date.now()}`
  const t = (await (
    await fetch(`${baseUrl}/demo/token?userId=${user}&name=${encodeURIComponent('<img src=x onerror=alert(1)>')}`)
  ).json()) as { token: string }
  const ident = await fetch(`${baseUrl}/v1/identify`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ userId: user, token: t.token }),
  })
  const auth = { Authorization: `Bearer ${((await ident.json()) as { token: string }).token}` }
  const up = await fetch(`${baseUrl}/v1/attachments`, {
    method: 'POST',
    headers: {
      ...auth,
      'Content-Type': 'image/png',
      'X-File-Name': encodeURIComponent(PWN('file')),
      'Idempotency-Key': key(),
    },
    body: new Uint8Array(PNG),
  })
  const att = (await up.json()) as { id: string }
  const tk = await fetch(`${baseUrl}/v1/tickets`, {
    method: 'POST',
    headers: { ...auth, 'Content-Type': 'application/json', 'Idempotency-Key': key() },
    body: JSON.stringify({
      category: 'payment_failed',
      subject: PWN('subject').slice(0, 200),
      description: PWN('description'),
      fields: { merchant: PWN('field') },
      transaction: {
        id: 'tx1',
        time: '2026-11-23T09:30:00+08:00',
        amount: '9.00',
        currency: 'CNY',
        counterparty: PWN('counterparty'),
      },
      attachments: [{ id: att.id }],
      priority: 'normal',
      locale: 'en',
    }),
  })
  expect(tk.status, await tk.clone().text()).toBe(201)
  const ticket = (await tk.json()) as { id: string }
  const cv = await fetch(`${baseUrl}/v1/conversations`, {
    method: 'POST',
    headers: { ...auth, 'Content-Type': 'application/json', 'Idempotency-Key': key() },
    body: JSON.stringify({ locale: 'en', text: PWN('chat') }),
  })
  expect(cv.status, await cv.clone().text()).toBeLessThan(300)
  const conversation = (await cv.json()) as { id?: string; conversation?: { id: string } }
  const conversationId = conversation.conversation?.id ?? conversation.id!

  await openConsole(s.page, baseUrl, agentKey)
  await s.page.locator(`[data-testid=ticket-item][data-id="${ticket.id}"] button`).click()
  await s.page.getByTestId('ticket-detail').waitFor()
  await expect.poll(() => s.page.getByTestId('ticket-detail').textContent()).toContain('onerror')
  await s.page.locator(`[data-testid=conversation-item][data-id="${conversationId}"] button`).click()
  await s.page.getByTestId('conversation-detail').waitFor()
  await expect.poll(() => s.page.getByTestId('message-list').textContent()).toContain('onerror')

  const { risky, hrefs } = await s.page.evaluate(() => ({
    risky: [...document.querySelectorAll('main img, main script, main svg, [onerror], [onload]')].map((e) =>
      e.outerHTML.slice(0, 80),
    ),
    hrefs: [...document.querySelectorAll('a[href]')].map((a) => a.getAttribute('href') ?? ''),
  }))
  expect(risky).toEqual([])
  for (const h of hrefs) expect(h).not.toMatch(/^\s*javascript:/i)
  expect(await s.page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned ?? null)).toBeNull()
})
