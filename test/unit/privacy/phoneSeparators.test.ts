/**
 * A mainland mobile written with 、 ： ~ | ； between its groups (`138、1234、5678`, `138|1234|5678`,
 * full-width `138｜1234｜5678`, `138～1234～5678`) stayed readable, while spaces, dashes and dots
 * were read. It is masked as a mobile (`138****5678`). Lists of small numbers (`1、2、3`, `第1、2步`),
 * amounts (`100|200`) and times (`13:45:30`) stay as they are. (The wave dash `〜` is a dash, read
 * as `-` already.)
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { redact } from '../../../src/privacy/index.js'
import { maskText } from '../../../examples/server/mask.js'
import { mobile } from './arbitraries.js'
import { seeded } from './both.js'

const params = seeded(1000)

const SEPARATORS = ['、', '﹑', ':', '：', '~', '～', '|', '｜', ';', '；', ' | ', '、 ', ' ~ ']
const AROUND: ReadonlyArray<readonly [string, string]> = [
  ['', ''],
  ['电话', ''],
  ['手机号：', '。'],
  ['call me on ', ', thanks'],
  ['联系方式|', '|张三'],
]

describe('privacy: a mobile with 、 ： ~ | ； between its groups', () => {
  it.each([
    ['138、1234、5678', '138****5678'],
    ['138|1234|5678', '138****5678'],
    ['138~1234~5678', '138****5678'],
    ['138：1234：5678', '138****5678'],
    ['138；1234；5678', '138****5678'],
    ['138｜1234｜5678', '138****5678'],
    ['138～1234～5678', '138****5678'],
    ['手机 138、1234、5678，谢谢', '手机 138****5678，谢谢'],
    ['138、12345678', '138****5678'],
    ['+86|138|1234|5678', '+86 138****5678'],
    ['😀 138|1234|5678 😀', '😀 138****5678 😀'],
    ['一三八、一二三四、五六七八', '138****5678'],
    ['幺三八｜幺二三四｜五六七八', '138****5678'],
  ])('%s → %s', (text, masked) => {
    expect(redact(text).text).toBe(masked)
    expect(maskText(text)).toBe(masked)
  })

  it('is masked whatever separator stands between its 3-4-4 groups (property)', () => {
    fc.assert(
      fc.property(
        mobile,
        fc.constantFrom(...SEPARATORS),
        fc.constantFrom(...SEPARATORS),
        fc.constantFrom(...AROUND),
        (m, s1, s2, [before, after]) => {
          const text = `${before}${m.slice(0, 3)}${s1}${m.slice(3, 7)}${s2}${m.slice(7)}${after}`
          const out = redact(text).text
          expect(out).toBe(`${before}${m.slice(0, 3)}****${m.slice(7)}${after}`)
          expect(maskText(text)).toBe(out)
        },
      ),
      params,
    )
  })

  it('lists of small numbers, amounts and times stay', () => {
    for (const text of [
      '1、2、3',
      '第1、2步',
      '按1、2、3、4、5、6、7、8、9、0、1的顺序',
      '100|200',
      '金额 100|200|300',
      '13:45:30',
      '2026-11-23 13:45:30',
      '1~3天',
      '选项 1;2;3;4;5;6;7;8;9;1;0',
      '1|3|8|1|2|3|4|5|6|7|8',
    ])
      expect(redact(text).text, text).toBe(text)
  })

  it('lists of small numbers joined by these separators stay (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 99 }), { minLength: 2, maxLength: 20 }),
        fc.constantFrom(...SEPARATORS),
        (items, sep) => {
          const text = items.join(sep)
          expect(redact(text).text).toBe(text)
        },
      ),
      params,
    )
  })
})
