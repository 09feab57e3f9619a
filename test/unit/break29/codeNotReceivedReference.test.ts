/**
 * `验证码 13812345678 收不到` is masked as a phone (`138****5678`) because the phone rule reads the
 * number once the secret rule leaves it. In a reference field (an order or tracking number the
 * user types) the phone rule does not run, so the number left by the secret rule went out whole;
 * before, it was hidden whole as the code.
 */
import { describe, expect, it } from 'vitest'
import { redact, redactFields } from '../../../src/privacy/index.js'

describe('a mobile after a code name and before 收不到 in a reference field', () => {
  it.each([
    ['验证码 13812345678 收不到', '验证码 ****** 收不到'],
    ['验证码 138 1234 5678 没收到', '验证码 ****** 没收到'],
    ['OTP 13812345678 not received', 'OTP ****** not received'],
  ])('%s → %s', (text, masked) => {
    expect(redact(text, { reference: true }).text).toBe(masked)
  })

  it('is not sent readable from a report field holding a reference', () => {
    const { value } = redactFields(
      { merchantOrderNo: '验证码 13812345678 收不到' },
      { referenceKeys: ['merchantOrderNo'] },
    )
    expect(JSON.stringify(value)).not.toContain('12345678')
  })

  it('elsewhere the phone is still masked as a phone', () => {
    expect(redact('验证码 13812345678 收不到').text).toBe('验证码 138****5678 收不到')
  })
})
