/**
 * A range of two dates (`2026-01-10 - 2026-01-24`, `20260110-20260124`, one date a line) is 16
 * digits, and one such range in ten passes Luhn: it was masked as a card without a network prefix
 * (`************0124`). In a list of three, 16 digits cut from the middle (`23 2026-01-28 2026-02`)
 * may start with a Mastercard prefix. No network issues cards starting 19 or 20, and dates are kept
 * on purpose.
 */
import fc from 'fast-check'
import { describe, it } from 'vitest'
import { check, seeded } from './both.js'

const DAY = 86_400_000
const date = fc
  .integer({ min: Date.UTC(1990, 0, 1) / DAY, max: Date.UTC(2099, 11, 31) / DAY })
  .map((d) => new Date(d * DAY).toISOString().slice(0, 10))

describe('privacy: a range of two dates stays', () => {
  it.each([
    '活动时间 2026-01-10 - 2026-01-24',
    '活动时间 2026-01-10—2026-01-24',
    '有效期 20260110-20260124',
    'from 2026-01-10\n2026-01-24',
  ])('%j stays', (text) => check(text, text))

  it('two to four dates joined as people write a range or a list stay (property)', () => {
    fc.assert(
      fc.property(
        fc.array(date, { minLength: 2, maxLength: 4 }),
        fc.constantFrom('-', '/', '.', ''),
        fc.constantFrom('-', ' - ', '—', ' ~ ', '~', ', ', '，', '、', ' ', '\n'),
        fc.constantFrom('', '活动时间 ', '有效期：', 'valid '),
        fc.constantFrom('', ' 10:00', '。', ' 请处理'),
        (dates, inner, sep, before, after) => {
          const text = `${before}${dates.map((d) => d.replace(/-/g, inner)).join(sep)}${after}`
          check(text, text)
        },
      ),
      seeded(3000),
    )
  })

  it.each(['2026/01/10 - 2026/01/24', '2026.01.10~2026.01.24 期间', '2026-01-10 ~ 2026-01-24'])('%j stays', (text) =>
    check(text, text),
  )

  it.each([
    ['4111 1111 1111 1111', '************1111'],
    ['9123 4567 8901 2348', '************2348'],
  ])('%j → %j', check)
})
