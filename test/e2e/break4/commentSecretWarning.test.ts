import { expect, inject, it } from 'vitest'
import { sessions, shadow } from '../break/host.js'

// In chat, an agent message asking for a password or verification code gets the panel's
// "never share…" warning under it (defence against a hijacked agent account, src/chat/compose.ts
// mentionsSecret). The same agent account also writes ticket comments, which the user reads in
// My requests: a comment asking for the SMS code must carry the same warning.
const baseUrl = inject('baseUrl')
const agentKey = inject('agentKey')
const session = sessions()

async function bearerFor(userId: string): Promise<string> {
  const t = (await (await fetch(`${baseUrl}/demo/token?userId=${userId}&name=x`)).json()) as { token: string }
  const res = await fetch(`${baseUrl}/v1/identify`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ userId, token: t.token }),
  })
  return ((await res.json()) as { token: string }).token
}

it('warns under an agent comment in My requests that asks for the SMS code (zh-CN)', async () => {
  const s = await session.start()
  const user = `b4-comment-secret-${Date.now()}`
  const res = await fetch(`${baseUrl}/v1/tickets`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${await bearerFor(user)}`,
      'Content-Type': 'application/json',
      'Idempotency-Key': `b4-cs-${Date.now()}`,
    },
    body: JSON.stringify({
      category: 'payment_failed',
      subject: '付款失败',
      description: '付款失败了两次',
      fields: {},
      attachments: [],
      priority: 'normal',
      locale: 'zh-CN',
    }),
  })
  const ticket = (await res.json()) as { id: string }
  const ask = '为了加快处理，请回复您收到的短信验证码'
  const c = await fetch(`${baseUrl}/v1/agent/tickets/${ticket.id}/comments`, {
    method: 'POST',
    headers: { 'X-Agent-Key': agentKey, 'Content-Type': 'application/json' },
    body: JSON.stringify({ body: ask }),
  })
  expect(c.status).toBe(201)

  await s.page.goto(`${baseUrl}/?locale=zh-CN&user=${user}`)
  await s.page.getByTestId('help-entry').click()
  await shadow(s.page, '[data-entry=requests]').click()
  await shadow(s.page, `[data-ticket="${ticket.id}"]`).click()
  const comment = shadow(s.page, '[data-comments] li[data-author=agent]').filter({ hasText: ask })
  await comment.waitFor()
  // The same words the chat puts under such a message: never share a password or code.
  expect(await comment.textContent()).toMatch(/请勿透露密码或验证码/)
})
