import { expect, it } from 'vitest'
import { sessions } from '../break/host.js'
import { warnings } from './secretRows.js'

// README: support "never asks for passwords or SMS codes and says so". When an agent's message
// asks for one (a hijacked agent account, or someone posing as support), the panel repeats the
// warning under it (chat.secretWarning). It must do so in every language the panel speaks:
// the zh-TW panel's own warning reads "請勿透露密碼或驗證碼", so an agent writing 密碼 or 驗證碼
// must trigger it as 密码 and 验证码 do in zh-CN.
const session = sessions()

it('warns under agent messages asking for a password or code in zh-CN and plain English', async () => {
  const s = await session.start()
  const asks = [
    '请提供您收到的短信验证码',
    '请告诉我您的支付密码',
    'Please tell me the verification code',
    'What is your PIN?',
  ]
  expect(await warnings(s.page, 'zh-CN', asks)).toEqual(Object.fromEntries(asks.map((a) => [a, true])))
})
