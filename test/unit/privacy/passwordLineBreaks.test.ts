/**
 * A password after its name on a later line, or after "is:", went out readable:
 *
 * - `password:⏎⏎Hunter22`, a blank line between the name and the value (a code so was hidden:
 *   `验证码：⏎⏎384921`), and `password:\r\nHunter22`, a Windows line break, which the normalised
 *   copy read as two line breaks.
 * - "my password is: Hunter22": `is` and a colon (`密码是：Abc12345` was hidden, `PIN is: 1234`
 *   too); the colon was read as the value.
 */
import { describe, it } from 'vitest'
import { check } from './both.js'

describe('privacy: a password after a blank line, a Windows line break or "is:" is hidden', () => {
  it.each([
    ['password:\n\nHunter22', 'password:\n\n******'],
    ['登录密码：\n\nWallet_9981', '登录密码：\n\n******'],
    ['password:\r\nHunter22', 'password:\r\n******'],
    ['password:\r\n\r\nHunter22', 'password:\r\n\r\n******'],
    ['密码是\r\nAbc12345', '密码是\r\n******'],
  ])('%j → %j', check)

  it.each([
    ['my password is: Hunter22', 'my password is: ******'],
    ['password is:\nHunter22', 'password is:\n******'],
  ])('%j → %j', check)

  it.each(['Password:\n\nI forgot it', 'password:\r\nI forgot it, can you reset it?', 'password is wrong'])(
    '%j stays',
    (text) => check(text, text),
  )
})
