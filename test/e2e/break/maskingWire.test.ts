import { describe, expect, inject, it } from 'vitest'
import { openReport, restOptions, sessions, shadow, ticketDetail, ticketsOf } from './host.js'

// README: "card numbers, ID numbers and codes are masked on the device before anything is stored
// or sent", and the reference server masks again "so a client that skips the SDK cannot store a
// card number either". A user pastes the bank's SMS as it arrived into the report: the code
// leaves the device, and the server stores it.
const baseUrl = inject('baseUrl')
const agentKey = inject('agentKey')
const session = sessions()

describe('a pasted verification SMS in a report', () => {
  it('is masked in every request the page sends and in what the server stores', async () => {
    const s = await session.start()
    const user = `sms-${Date.now()}`
    const bodies: string[] = []
    s.page.on('request', (r) => {
      if (new URL(r.url()).pathname.startsWith('/v1/')) bodies.push(r.postData() ?? '')
    })
    const page = await openReport(s, baseUrl, 'sms', restOptions('zh-CN'), user)
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
