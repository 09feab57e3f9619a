/**
 * Eight digits typed `9000 0000` before a counter are a count, not a Hong Kong mobile, but
 * `9000 0000 余人`, `5000 0000 多人` ("over 50 million people") and two spaces before the counter were
 * masked. (After a word naming a phone, eight digits are a phone whatever follows them.)
 */
import { describe, it } from 'vitest'
import { check } from './both.js'

describe('privacy: eight digits before a counter stay a count', () => {
  it.each(['共 9000 0000 余人', '9000 0000 多人', '累计 5123 4567 餘人次', '共 6002 3841  users', '5000 0000 多个'])(
    '%j stays',
    (text) => check(text, text),
  )

  it.each([
    ['电话 9123 4567', '电话 ****4567'],
    ['手机 9123 4567 个人电话', '手机 ****4567 个人电话'],
    ['电话 5123 4567 人工客服', '电话 ****4567 人工客服'],
    ['WhatsApp 91234567', 'WhatsApp ****4567'],
    ['5123 4567', '****4567'],
  ])('%j → %j', check)
})
