import { expect, it } from 'vitest'
import { sessions } from '../break/host.js'
import { warnings } from './secretRows.js'

// README: support "never asks for passwords or SMS codes and says so". When an agent's message
// asks for one (a hijacked agent account, or someone posing as support), the panel repeats the
// warning under it (chat.secretWarning). It must do so in every language the panel speaks:
// the zh-TW panel's own warning reads "請勿透露密碼或驗證碼", so an agent writing 密碼 or 驗證碼
// must trigger it as 密码 and 验证码 do in zh-CN.
const session = sessions()

it('warns under agent messages asking for a password or code in zh-TW wording', async () => {
  const s = await session.start()
  const asks = [
    '請提供您收到的簡訊驗證碼', // SMS verification code
    '請告訴我您的支付密碼', // payment password
    '請提供動態碼', // dynamic code
  ]
  expect(await warnings(s.page, 'zh-TW', asks)).toEqual(Object.fromEntries(asks.map((a) => [a, true])))
})

it('warns under common English forms: plural, CVV2, OTPs', async () => {
  const s = await session.start()
  const asks = [
    'Please send both of your passwords',
    'Read me the CVV2 on the back of the card',
    'Tell me the OTPs you received',
  ]
  expect(await warnings(s.page, 'en', asks)).toEqual(Object.fromEntries(asks.map((a) => [a, true])))
})
