/**
 * Phones outside the mainland written across lines or with the separators the mainland rule reads
 * (`、`, `｜`) were sent readable, while a mainland mobile written the same way is masked
 * (`138\n1234\n5678` → `138****5678`). They are masked when the number says it is a phone by its
 * shape (`+` and a country code, `00852`/`852`/`886`, a Taiwan mobile `09…`) or a word naming a
 * phone stands before it. Eight bare digits broken so are as often a list one a line
 * (`5000⏎6000`, `5000、6000`) and stay.
 *
 * Eight digits typed `9000 0000` were read as a Hong Kong mobile with nothing naming a phone, also
 * when a counter word follows that makes them a count (`共 9000 0000 人`, `5000 0000 积分`). Such a
 * number followed by a counter or unit stays, unless a word naming a phone stands before it or
 * the word after is `个人` (`个人电话`, "personal").
 */
import { describe, it } from 'vitest'
import { check } from '../privacy/both.js'

describe('phones outside the mainland written across lines or with 、｜', () => {
  it.each([
    ['電話 0912 345\n678', '電話 09****5678'],
    ['+8525123\n4567', '+852****4567'],
    ['請打 0912、345、678', '請打 09****5678'],
    ['電話 0912｜345｜678', '電話 09****5678'],
    ['+852 9123\n4567', '+852 ****4567'],
    ['+852｜9123｜4567', '+852｜****4567'],
    ['852、9123、4567', '852、****4567'],
    ['WhatsApp: 9123\n4567', 'WhatsApp: ****4567'],
    ['手机 9123、4567', '手机 ****4567'],
    ['0912\n345\n678', '09****5678'],
  ])('%j → %j', check)

  it('a mainland mobile written so is masked', () => {
    check('电话 138 1234\n5678', '电话 138****5678')
    check('请打 138、1234、5678', '请打 138****5678')
  })

  it.each([
    '5000\n6000',
    '5123\n4567',
    '5000、6000',
    '9000｜8000',
    '价格 5000~6000',
    '手机预算 5000~6000',
    '比例 5000:6000',
    '金额\n5123\n4567',
    '第1、2步',
    '1、2、3',
  ])('eight bare digits broken so stay: %j', (text) => check(text, text))
})

describe('eight-digit counts grouped in fours', () => {
  it.each([
    ['共 9000 0000 人', '共 9000 0000 人'],
    ['我有 5000 0000 积分', '我有 5000 0000 积分'],
    ['5000 0000 points', '5000 0000 points'],
    ['播放 9123 4567 次', '播放 9123 4567 次'],
    ['9123 4567 users', '9123 4567 users'],
  ])('%s stays', check)

  it.each([
    ['5123 4567', '****4567'],
    ['5123 4567 个人电话', '****4567 个人电话'],
    ['电话 5123 4567 人工接听', '电话 ****4567 人工接听'],
    ['5123 4567 谢谢', '****4567 谢谢'],
  ])('a phone is still masked: %s → %s', check)
})
