import { describe, expect, it } from 'vitest'
import { linkify, mentionsSecret, prepareOutgoing } from '../../../src/chat/compose.js'

describe('outgoing masking', () => {
  it('masks a card number and says what was hidden', () => {
    const out = prepareOutgoing('  my card is 4111 1111 1111 1111 please check  ')
    expect(out.text).not.toMatch(/4111 1111 1111 1111/)
    expect(out.text).toMatch(/1111 please check$/)
    expect(out.hidden.kinds).toEqual(['card'])
    expect(out.looksLikeCode).toBe(false)
  })

  it('masks a code typed after its label and flags it for the confirm step', () => {
    const out = prepareOutgoing('验证码 384921 给你')
    expect(out.text).not.toContain('384921')
    expect(out.looksLikeCode).toBe(true)
  })

  it('flags a bare code, and leaves amounts and dates alone', () => {
    expect(prepareOutgoing('384921').looksLikeCode).toBe(true)
    const plain = prepareOutgoing('I paid 128.50 CNY on 2026-11-23')
    expect(plain.looksLikeCode).toBe(false)
    expect(plain.text).toBe('I paid 128.50 CNY on 2026-11-23')
  })

  it('knows when an agent message talks about passwords or codes', () => {
    expect(mentionsSecret('Please tell me the verification code')).toBe(true)
    expect(mentionsSecret('请提供短信验证码')).toBe(true)
    expect(mentionsSecret('Your refund is on its way')).toBe(false)
  })

  it('knows the Traditional Chinese words and English plurals and card codes', () => {
    for (const ask of [
      '請提供您收到的簡訊驗證碼',
      '請告訴我您的支付密碼',
      '請提供動態碼',
      '請提供校驗碼',
      'Please send both of your passwords',
      'Read me the CVV2 on the back of the card',
      'and the CVC2 too',
      'Tell me the OTPs you received',
      'the verification codes we sent',
    ])
      expect(mentionsSecret(ask), ask).toBe(true)
    for (const calm of ['Your pinned transfer is on its way', 'I spoke to the cvv2x team', 'Your 退款 is 处理中'])
      expect(mentionsSecret(calm), calm).toBe(false)
  })
})

describe('linkify', () => {
  it('turns http(s) URLs into links and keeps sentence punctuation out', () => {
    expect(linkify('See https://help.example.com/refunds. Thanks')).toEqual([
      { type: 'text', text: 'See ' },
      { type: 'link', text: 'https://help.example.com/refunds', href: 'https://help.example.com/refunds' },
      { type: 'text', text: '. Thanks' },
    ])
    expect(linkify('详见 https://example.com/a，谢谢')[1]).toMatchObject({
      type: 'link',
      text: 'https://example.com/a',
    })
  })

  it('keeps a balanced closing parenthesis inside the URL', () => {
    expect(linkify('(see https://en.wikipedia.org/wiki/A_(b))')[1]).toMatchObject({
      text: 'https://en.wikipedia.org/wiki/A_(b)',
    })
  })

  it('interprets nothing else: other schemes, HTML and credentials stay plain text', () => {
    for (const text of [
      'javascript:alert(1)',
      '<a href="https://x.example">x</a> <b>bold</b>',
      'data:text/html,hi',
      'https://bank.example@evil.example/login',
    ]) {
      const segments = linkify(text)
      const links = segments.filter((s) => s.type === 'link')
      if (text.startsWith('<a')) expect(links.map((l) => l.text)).toEqual(['https://x.example'])
      else expect(links).toEqual([])
      expect(segments.map((s) => s.text).join('')).toBe(text)
    }
  })
})
