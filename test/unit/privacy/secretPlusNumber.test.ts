/**
 * A value right after a secret's name (PIN, password, 密码, 验证码, OTP) is that secret whatever its
 * shape, and is hidden whole. Written with a `+` and a country code (`PIN: +852 9123 4567`) it went
 * out as a phone, `+852 ****4567`, eight of its digits readable: the secret rule did not read a
 * value starting with `+`, and the phone rule did. A PIN or password is sensitive authentication
 * data that must never be stored, in part or whole.
 */
import { describe, it } from 'vitest'
import { check } from './both.js'

describe('privacy: a secret written as a number with + and its country code is hidden whole', () => {
  it.each([
    ['PIN: +852 9123 4567', 'PIN: ******'],
    ['PIN +852 9123 4567', 'PIN ******'],
    ['my PIN is +85291234567', 'my PIN is ******'],
    ['password: +44 7911 123456', 'password: ******'],
    ['支付密码是 +86 138 1234 5678', '支付密码是 ******'],
    ['密码：+8613812345678', '密码：******'],
    ['验证码：+852 9123 4567', '验证码：******'],
    ['OTP is +1 415 555 2671, thanks', 'OTP is ******, thanks'],
  ])('%s → %s', check)

  it.each([
    ['call +852 9123 4567', 'call +852 ****4567'],
    ['验证码发到 +852 9123 4567', '验证码发到 +852 ****4567'],
    ['error code: +852 9123 4567', 'error code: +852 ****4567'],
    ['country code +852 9123 4567', 'country code +852 ****4567'],
    ['PIN: +12.5%', 'PIN: +12.5%'],
  ])('a phone or amount not named a secret keeps its rule: %s → %s', check)
})
