/**
 * A card's security code named in Taiwan's words, 「背面末三碼」, 「背面後三碼」, 「背面的三碼」 (the last
 * three codes on the back), went out readable: the phrase knew 三位 ("three digits") only.
 */
import { describe, it } from 'vitest'
import { check } from './both.js'

describe('privacy: a CVV named 背面末三碼 is hidden', () => {
  it.each([
    ['卡片背面末三碼 123', '卡片背面末三碼 ******'],
    ['信用卡背面後三碼是 456', '信用卡背面後三碼是 ******'],
    ['背面的三碼：789', '背面的三碼：******'],
    ['卡背面最后三码 321', '卡背面最后三码 ******'],
  ])('%j → %j', check)

  it.each(['末三碼 123', '背面有三碼被刮掉了', '手机尾号后三码 123 不对'])('%j stays', (text) => check(text, text))
})
