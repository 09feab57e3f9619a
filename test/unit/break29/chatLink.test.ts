/**
 * A WhatsApp link is how a Hong Kong or Taiwan number is shared (`https://wa.me/85291234567`, what
 * a scammer sends to move the chat elsewhere). The slash before the digits read as part of an
 * identifier (`M-51234567`, `HF-2026-…`), so the number went out readable, while the same link
 * with a mainland mobile is masked (`wa.me/86 138****5678`) and so is `send?phone=85291234567`.
 */
import { describe, expect, it } from 'vitest'
import { redact } from '../../../src/privacy/index.js'
import { maskText } from '../../../examples/server/mask.js'

const check = (text: string, masked: string): void => {
  expect(redact(text).text).toBe(masked)
  expect(maskText(text)).toBe(masked)
}

describe('a phone number in a chat link', () => {
  it.each([
    ['加我WhatsApp https://wa.me/85291234567', '加我WhatsApp https://wa.me/852****4567'],
    ['https://wa.me/85291234567?text=hi', 'https://wa.me/852****4567?text=hi'],
    ['wa.me/+85291234567', 'wa.me/+852****4567'],
    ['https://wa.me/886912345678', 'https://wa.me/886*****5678'],
    ['wa.me/0912345678', 'wa.me/09****5678'],
    ['t.me/+85291234567', 't.me/+852****4567'],
  ])('%s → %s', check)

  it('a path or id with digits after a slash stays', () => {
    check('https://example.com/orders/51234567', 'https://example.com/orders/51234567')
    check('M-51234567', 'M-51234567')
  })
})
