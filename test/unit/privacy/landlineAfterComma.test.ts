/**
 * Two landlines written as a list with a comma and no space (`010-61234567,010-61234568`, also
 * full-width `，`): the second went out readable. Its area code, three digits after a comma and a
 * digit, was read as the thousands part of an amount (`1,234,010`), though the number before the
 * comma has eight digits, which no amount's group has.
 */
import { describe, it } from 'vitest'
import { check } from './both.js'

describe('privacy: a landline after another and a comma is masked', () => {
  it.each([
    ['电话 010-61234567,010-61234568', '电话 010-****4567,010-****4568'],
    ['座机：021-61234567，021-61234568', '座机：021-****4567，021-****4568'],
    ['010-61234567,010-61234568', '010-****4567,010-****4568'],
  ])('%j → %j', check)

  it.each(['金额 12,345,010 元', '¥1,234,567.89', '共 1,010 人', '13:45:30', '14:30,010'])('%j stays', (text) =>
    check(text, text),
  )
})
