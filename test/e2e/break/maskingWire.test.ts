import { afterEach, describe, expect, inject, it } from 'vitest'
import { launch, type Session } from '../browser.js'
import { serve, shadow, snippetPage, ticketDetail, ticketsOf, transaction } from './host.js'

// README: "card numbers, ID numbers and codes are masked on the device before anything is stored
// or sent", and the reference server masks again "so a client that skips the SDK cannot store a
// card number either". A user pastes the bank's SMS as it arrived into the report: the code
// leaves the device, and the server stores it.
const baseUrl = inject('baseUrl')
const agentKey = inject('agentKey')
let s: Session | undefined
afterEach(async () => {
  await s?.close()
  s = undefined
})

describe('a pasted verification SMS in a report', () => {
  it('is masked in every request the page sends and in what the server stores', async () => {
    s = await launch()
    const { page } = s
    const user = `sms-${Date.now()}`
    const bodies: string[] = []
    page.on('request', (r) => {
      if (new URL(r.url()).pathname.startsWith('/v1/')) bodies.push(r.postData() ?? '')
    })
    const url = await serve(
      s.browser,
      baseUrl,
      'sms',
      snippetPage(`{
        transport: { type: 'rest', baseUrl: location.origin, getUserToken: token },
        locale: 'zh-CN',
        user: { id: window.who },
      }`),
    )
    await page.goto(`${url}?u=${user}`)
    await page.evaluate(
      (tx) =>
        (window as unknown as { help: { open(v: string, p: unknown): Promise<void> } }).help.open('report', {
          category: 'charged_not_received',
          transaction: tx,
        }),
      transaction,
    )
    await shadow(page, '[data-field=description] textarea').fill(
      '客服让我把短信发给他：【钱包】您的验证码为384921，5分钟内有效。我照做了，然后钱就没了',
    )
    await shadow(page, '[data-submit]').click()
    await shadow(page, '[data-result=sent]').waitFor({ timeout: 20_000 })
    expect(bodies.filter((b) => b.includes('384921'))).toEqual([])
    const [ticket] = await ticketsOf(baseUrl, agentKey, user)
    expect((await ticketDetail(baseUrl, agentKey, ticket!.id)).description).not.toContain('384921')
  })
})
