/**
 * Two ways people write a secret that went out readable:
 *
 * - the card's security code named by where it is printed: "security code on the back is 212",
 *   "the 3 digits on the back of my card are 212", 「卡背面的三位数是212」. The words between the
 *   name and the value ("on the back") ended the phrase (`on` ends a clause elsewhere: "PIN … on
 *   2026-11-23"), so the CVV stayed.
 * - a password on the line after its name: "password:⏎Hunter22", 「登录密码换成了⏎Wallet_9981」. A
 *   password with letters was read on the name's own line only, and not after 「换成了」/"changed
 *   to". On the next line it is read after a colon, `=`, 是 or such a verb, when it has a digit or
 *   stands alone on its line ("Password:⏎I forgot it" stays prose).
 */
import { describe, it } from 'vitest'
import { check } from './both.js'

describe('privacy: a CVV named by where it is printed is hidden', () => {
  it.each([
    ['security code on the back is 212', 'security code on the back is ******'],
    ['the security code on the back of my card is 4821', 'the security code on the back of my card is ******'],
    ['the 3 digits on the back of the card are 212', 'the 3 digits on the back of the card are ******'],
    ['three digits on the back: 212', 'three digits on the back: ******'],
    ['CVV on the back: 123', 'CVV on the back: ******'],
    ['卡背面的三位数是212', '卡背面的三位数是******'],
    ['背面3位数字 212', '背面3位数字 ******'],
  ])('%s → %s', check)

  it.each([
    'security code on the back is scratched',
    'the 3 digits on the back are worn off',
    'I paid 212 on the back of a receipt',
    'security code on 2026-11-23',
  ])('%s stays', (text) => check(text, text))
})

describe('privacy: a password on the line after its name is hidden', () => {
  it.each([
    ['password:\nHunter22', 'password:\n******'],
    ['Password:\n  hunter', 'Password:\n  ******'],
    ['my new password =\nAbc#2026 please check', 'my new password =\n****** please check'],
    ['登录密码换成了\nWallet_9981，帮我看看为什么登录不了', '登录密码换成了\n******，帮我看看为什么登录不了'],
    ['密码：\nAbc12345', '密码：\n******'],
    ['支付密码改成了 Pay#2026', '支付密码改成了 ******'],
    ['password changed to Tiger2026', 'password changed to ******'],
  ])('%j → %j', check)

  it.each([
    'Password:\nI forgot it, how do I reset it?',
    'password\nreset did not work',
    '忘记密码\nhelp',
    '密码换成了指纹支付',
    'my password is\nwrong again',
  ])('%j stays', (text) => check(text, text))
})
