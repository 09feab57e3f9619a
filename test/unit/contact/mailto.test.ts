import { describe, expect, it } from 'vitest'
import { buildMailto, emailDraft, encodeMailtoValue } from '../../../src/contact/mailto.js'
import { SDK_VERSION } from '../../../src/version.js'
import { catalogs, createTranslator } from '../../../src/i18n/index.js'

/** Parse the way a mail client does (RFC 6068): split on ? and &, then percent-decode once. */
function parse(url: string) {
  const [address, query = ''] = url.replace(/^mailto:/, '').split('?')
  const fields = Object.fromEntries(
    query
      .split('&')
      .map((kv) => kv.split('='))
      .map(([k, v]) => [k, decodeURIComponent(v ?? '')]),
  )
  return { address, ...fields } as { address: string; subject: string; body: string }
}

describe('mailto encoding', () => {
  it('percent-encodes reserved characters, CJK and line breaks (CRLF), spaces as %20', () => {
    expect(encodeMailtoValue('a & b = c?d#e+f')).toBe('a%20%26%20b%20%3D%20c%3Fd%23e%2Bf')
    expect(encodeMailtoValue('转账\n失败')).toBe('%E8%BD%AC%E8%B4%A6%0D%0A%E5%A4%B1%E8%B4%A5')
    expect(encodeMailtoValue('x\r\ny\rz')).toBe('x%0D%0Ay%0D%0Az')
  })

  it('round-trips: a client splitting on & and = gets the exact subject and body back', () => {
    const draft = { subject: '求助 HF-1 & more=yes', body: 'line 1\nline 2: 100% + €5' }
    const url = buildMailto('help@example.com', draft)
    expect(url.startsWith('mailto:help@example.com?subject=')).toBe(true)
    expect(url).not.toMatch(/[\s\n]/)
    expect(parse(url)).toEqual({
      address: 'help@example.com',
      subject: draft.subject,
      body: 'line 1\r\nline 2: 100% + €5',
    })
  })

  it('refuses an address that would need escaping or could inject headers', () => {
    expect(() => buildMailto('a@b.com?bcc=x@y.com', { subject: '', body: '' })).toThrow(TypeError)
    expect(() => buildMailto('not an address', { subject: '', body: '' })).toThrow(TypeError)
  })
})

describe('email draft', () => {
  it('carries reference, problem, app and SDK version and locale, in the user language', () => {
    const t = createTranslator(catalogs['zh-CN']!)
    const d = emailDraft({
      t,
      locale: 'zh-CN',
      reference: 'HF-2026-000123',
      problemLabel: '非本人操作（盗刷）',
      appVersion: 'wallet 5.2.0',
    })
    expect(d.subject).toBe('求助 HF-2026-000123：非本人操作（盗刷）')
    const lines = d.body.split('\n')
    expect(lines[0]).toBe('请在此描述您的问题：')
    expect(lines).toEqual(
      expect.arrayContaining([
        '编号：HF-2026-000123',
        '问题类型：非本人操作（盗刷）',
        '应用版本：wallet 5.2.0',
        `帮助组件版本：${SDK_VERSION}`,
        '语言：zh-CN',
      ]),
    )
    expect(d.body).toContain('请勿在邮件中填写密码')
  })

  it('without a reference or problem: a plain subject and no empty detail lines', () => {
    const t = createTranslator(catalogs.en!)
    const d = emailDraft({ t, locale: 'en' })
    expect(d.subject).toBe('Help request')
    expect(d.body).not.toMatch(/Reference|Problem|App version/)
    expect(d.body).toContain(`Help SDK version: ${SDK_VERSION}`)
    expect(emailDraft({ t, locale: 'en', reference: 'HF-9' }).subject).toBe('Help request HF-9')
    expect(emailDraft({ t, locale: 'en', problemLabel: 'Refund not received' }).subject).toBe(
      'Help request: Refund not received',
    )
  })
})
