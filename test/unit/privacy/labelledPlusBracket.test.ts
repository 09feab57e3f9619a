/**
 * A value with `+` and a country code after a secret's name is hidden whole (`PIN: +852 9123 4567`
 * → `PIN: ******`), but written with the code in brackets (`(+852) 9123 4567`, `+(852) …`) or a
 * space after the `+` it was masked as a phone, its last four digits shown, and
 * `密码是 (+86) 138 1234 5678` showed the mobile's first three and last four.
 */
import { describe, it } from 'vitest'
import { check } from './both.js'

describe('privacy: a secret written as a phone with its code in brackets is hidden whole', () => {
  it.each([
    ['PIN: (+852) 9123 4567', 'PIN: ******'],
    ['PIN (+852) 9123 4567', 'PIN ******'],
    ['PIN：(+852)9123-4567', 'PIN：******'],
    ['PIN: +(852) 9123 4567', 'PIN: ******'],
    ['PIN: + 852 9123 4567', 'PIN: ******'],
    ['密码是 (+86) 138 1234 5678', '密码是 ******'],
  ])('%j → %j', check)

  it.each([
    ['my phone (+852) 9123 4567', 'my phone (+852) ****4567'],
    ['PIN: (+1) and then 1234', 'PIN: (+1) and then 1234'],
  ])('%j → %j', check)
})
