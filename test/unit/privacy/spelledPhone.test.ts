/**
 * A mainland mobile spelled in Chinese numerals (`一三八一二三四五六七八`, `幺三八 一二三四 五六七八`,
 * mixed `138一二三四5678`, financial `壹叁捌…`), as a user reads a number aloud to an agent or types
 * it past a filter, stayed readable: only digits were read as a phone. It is masked as a mobile
 * in digits is (`138****5678`), with or without 电话/手机/号码 before it, its groups apart or
 * not. Chinese text with numerals in it (`十一月`, `一百三十八元`, `一二三`) stays as it is.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { redact } from '../../../src/privacy/index.js'
import { maskText } from '../../../examples/server/mask.js'
import { mobile } from './arbitraries.js'
import { seeded } from './both.js'

const params = seeded(2000)

/** How a digit may be written: numerals, financial forms (simplified and traditional), as read aloud, digits. */
const FORMS = [
  '零一二三四五六七八九',
  '〇一二三四五六七八九',
  '零壹贰叁肆伍陆柒捌玖',
  '零壹貳參肆伍陸柒捌玖',
  '洞幺两三四五六拐八勾',
  '0123456789',
  '０１２３４５６７８９',
] as const
const SEPARATORS = [' ', '-', ' - ', '\u3000', '\u2014', '  ', '\u00a0']
const LABELS = ['', '电话', '手机', '号码', '手机号：', '电话是', '我的手机号码是 ', 'tel: ', '联系电话:']
const AROUND: ReadonlyArray<readonly [string, string]> = [
  ['', ''],
  ['你好，', '。'],
  ['麻烦', '，谢谢'],
  ['客服您好 ', ' 晚上打'],
  ['', '，一直打不通'],
  ['{"contact":"', '"}'],
]

/** A mobile written digit by digit in random forms (at least one numeral), in random groups. */
const spelledMobile = fc
  .record({
    digits: mobile,
    forms: fc.array(fc.integer({ min: 0, max: FORMS.length - 1 }), { minLength: 11, maxLength: 11 }),
    grouping: fc.constantFrom('none', '3-4-4', 'random'),
    sizes: fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 11, maxLength: 11 }),
    seps: fc.array(fc.constantFrom(...SEPARATORS), { minLength: 11, maxLength: 11 }),
  })
  .filter(({ forms }) => forms.some((f) => f < 5))
  .map(({ digits, forms, grouping, sizes, seps }) => {
    const chars = [...digits].map((d, i) => FORMS[forms[i] ?? 0]?.[Number(d)] ?? d)
    const sizesUsed = grouping === 'none' ? [11] : grouping === '3-4-4' ? [3, 4, 4] : sizes
    let out = ''
    let at = 0
    for (let g = 0; at < 11; g++) {
      const end = Math.min(11, at + (sizesUsed[g] ?? 11))
      out += chars.slice(at, end).join('') + (end < 11 ? seps[g] : '')
      at = end
    }
    return { digits, text: out }
  })

describe('a mobile spelled in Chinese numerals', () => {
  it('is masked as a mobile, whatever the forms, groups and separators (property)', () => {
    fc.assert(
      fc.property(
        spelledMobile,
        fc.constantFrom(...LABELS),
        fc.constantFrom(...AROUND),
        (m, label, [before, after]) => {
          const text = before + label + m.text + after
          const r = redact(text)
          const masked = `${m.digits.slice(0, 3)}****${m.digits.slice(7)}`
          expect(r.text, text).toBe(before + label + masked + after)
          expect(r.findings.map((f) => f.kind)).toEqual(['phone'])
          expect(maskText(text)).toBe(r.text)
        },
      ),
      params,
    )
  })

  it('examples', () => {
    const cases: ReadonlyArray<readonly [string, string]> = [
      ['一三八一二三四五六七八', '138****5678'],
      ['幺三八 一二三四 五六七八', '138****5678'],
      ['138一二三四5678', '138****5678'],
      ['壹叁捌壹贰叁肆伍陆柒捌', '138****5678'],
      ['电话：一三八-一二三四-五六七八', '电话：138****5678'],
      ['手机一三九零零一三八零零零', '手机139****8000'],
      ['号码是一八六 洞洞幺三 八洞洞洞，打这个', '号码是186****8000，打这个'],
      ['+86 一三八一二三四五六七八', '+86 138****5678'],
      ['my number is 一三八 1234 五六七八', 'my number is 138****5678'],
    ]
    for (const [text, out] of cases) expect(redact(text).text, text).toBe(out)
  })
})

/** A whole number written the Chinese way, with its units: 一百三十八, 两千零五, 一万二千. */
function chineseNumber(n: number): string {
  const DIGIT = '零一二三四五六七八九'
  const UNITS = ['', '十', '百', '千']
  const section = (s: number) => {
    let out = ''
    let zero = false
    for (let u = 3; u >= 0; u--) {
      const d = Math.floor(s / 10 ** u) % 10
      if (d === 0) zero = out !== ''
      else {
        out += (zero ? '零' : '') + DIGIT[d] + (UNITS[u] ?? '')
        zero = false
      }
    }
    return out
  }
  if (n === 0) return '零'
  const parts: string[] = []
  for (const [size, name] of [
    [1e8, '亿'],
    [1e4, '万'],
    [1, ''],
  ] as const) {
    const s = Math.floor(n / size) % 10000
    if (s > 0) parts.push(section(s) + name)
  }
  return parts.join('')
}

describe('Chinese text with numerals in it', () => {
  const word = fc.constantFrom(
    '我',
    '昨天',
    '买了',
    '个',
    '人',
    '一共',
    '元',
    '块钱',
    '月',
    '号',
    '第',
    '次',
    '天',
    '，',
    '。',
    '的',
    '点钟',
    '年',
    '分之',
    '页',
  )
  const numerals = fc.oneof(
    fc.integer({ min: 0, max: 999_999_999_999 }).map(chineseNumber),
    fc.constantFrom(
      '一二三',
      '十一月',
      '一百三十八元',
      '三四',
      '七八',
      '两三',
      '一五一十',
      '三三两两',
      '九九八十一',
      '二〇二六',
      '一一',
    ),
  )

  it('stays as it is: numbers with units, counts, dates, idioms (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(numerals, word), { minLength: 1, maxLength: 12 }), (parts) => {
        const text = parts.map(([n, w]) => n + w).join('')
        expect(redact(text).text).toBe(text)
      }),
      params,
    )
  })

  it('examples', () => {
    for (const text of [
      '十一月',
      '一百三十八元',
      '一二三四五六七',
      '二〇二六年十一月二十三日',
      '我付了一万三千八百一十二元四角',
      '一三八元',
      '一三八一二三四五六七八九',
      '第一三八一二三四五六七八九十次',
    ])
      expect(redact(text).text, text).toBe(text)
  })
})
