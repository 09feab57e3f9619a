import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, inject, it } from 'vitest'
import { deviceStorage, restOptions, serve, sessions, shadow, snippetPage, transaction } from '../break/host.js'

// README: "card numbers, ID numbers and codes are masked on the device before anything is stored
// or sent", "`redact()` … runs on the device over every field, draft and chat message". Beyond
// the description: a category's own fields, the host's transaction, a screenshot's file name,
// chat messages and drafts — each checked in the request bodies and headers Chromium sends and in
// what the page keeps in IndexedDB and localStorage.
const baseUrl = inject('baseUrl')
const session = sessions()

const secrets = {
  card: '6222021234567897',
  visa: '4111 1111 1111 1111',
  id: '11010519491231002X',
  mobile: '13800138000',
  mobile2: '13912345678',
  code: '384921',
}

describe('masking beyond the description (zh-CN)', () => {
  it('hides cards, IDs, mobiles and codes in fields, the transaction, file names, chat and drafts', async () => {
    const s = await session.start()
    const sent: string[] = []
    s.page.on('request', (r) => {
      if (!new URL(r.url()).pathname.startsWith('/v1/')) return
      sent.push(
        `${r.method()} ${r.url()}\n${JSON.stringify(r.headers())}\n${r.postDataBuffer()?.toString('latin1') ?? ''}`,
      )
    })
    const url = await serve(s.browser, baseUrl, 'mask-all', snippetPage(restOptions('zh-CN')))
    await s.page.goto(`${url}?u=mask-all-${Date.now()}`)
    type Help = { open(v: string, p?: unknown): Promise<void> }
    await s.page.evaluate(
      (tx) =>
        (window as unknown as { help: Help }).help.open('report', { category: 'wrong_recipient', transaction: tx }),
      { ...transaction, counterparty: `张三 ${secrets.mobile2}` },
    )
    await shadow(s.page, '[data-field=intendedRecipient] input').fill(`我妹妹 ${secrets.mobile}`)
    await shadow(s.page, '[data-field=paymentMethod] input').fill(`Visa ${secrets.visa}`)
    await shadow(s.page, '[data-field=description] textarea').fill(
      `身份证${secrets.id}，用卡${secrets.card}付的，客服让我报验证码${secrets.code}`,
    )
    await shadow(s.page, 'input[type=file]')
      .first()
      .setInputFiles([
        {
          name: `${secrets.mobile} ${secrets.id}.png`,
          mimeType: 'image/png',
          buffer: readFileSync(fileURLToPath(new URL('../../../docs/screenshots/checker.png', import.meta.url))),
        },
      ])
    await expect.poll(async () => shadow(s.page, 'text=已就绪').count(), { timeout: 15_000 }).toBe(1)
    await shadow(s.page, '[data-submit]').click()
    await shadow(s.page, '[data-result=sent]').waitFor({ timeout: 20_000 })

    await s.page.evaluate(() => (window as unknown as { help: Help }).help.open('chat'))
    const composer = shadow(s.page, 'textarea').first()
    await composer.fill(`卡号 ${secrets.visa}，手机 ${secrets.mobile}`)
    await composer.press('Enter')
    // POSTs only: the chat also reads `GET …/messages?since=` to catch up, before or after the
    // send depending on timing, so counting every request to the path raced.
    const posts = () => sent.filter((b) => b.startsWith('POST ') && /\/messages\s/.test(b)).length
    await expect.poll(posts, { timeout: 15_000 }).toBe(1)
    await composer.fill(`草稿：身份证 ${secrets.id}`)
    // The composer draft is written after a typing pause.
    await s.page.waitForTimeout(2500)

    const wire = sent.join('\n')
    const stored = await deviceStorage(s.page)
    const plain = (x: string) => x.replace(/\s/g, '')
    for (const [family, value] of Object.entries(secrets)) {
      expect.soft(wire.includes(value) || plain(wire).includes(plain(value)), `${family} on the wire`).toBe(false)
      expect.soft(stored.includes(value), `${family} on the device`).toBe(false)
    }
    // The masked forms did go out: the checks above looked at real traffic.
    expect(wire).toContain('138****8000')
    expect(sent.some((b) => b.includes('/v1/attachments'))).toBe(true)
  })
})
