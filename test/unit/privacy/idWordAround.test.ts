/**
 * An ID number whose only evidence is the ID word next to it: a legacy 15-digit ID, or an
 * 18-character one whose check character is wrong (a typo still leaves 17 of the user's digits).
 * The word may come after the number (`110105491231002 是我的身份证`, `… (ID number)`), and may be
 * spaced out or abbreviated (`身 份 证`, `sfz`, `SFZ号`, `I.D.`) as people write it to keep the
 * number readable. Order numbers stay visible: an order label before the number wins, and an ID
 * word that labels a number after it is that number's word.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { cnIdValid, redact } from '../../../src/privacy/index.js'
import { cnId, exposedDigits, legacyId, written } from './arbitraries.js'

const params = {
  numRuns: 2000,
  seed: process.env.PRIVACY_SEED === undefined ? 20261204 : Number(process.env.PRIVACY_SEED),
}

/** An 18-character ID with a real area and date whose check character is wrong. */
const badCheckId = fc
  .tuple(cnId, fc.constantFrom(...'0123456789X'))
  .filter(([id, c]) => id[17] !== c)
  .map(([id, c]) => id.slice(0, 17) + c)

const LABELS_AFTER = [
  ' 是我的身份证',
  '是我身份证号',
  '（身份证）',
  ' (身份證號碼)',
  ' 为本人身份证号码',
  '，身份证号',
  ' (ID number)',
  ' is my ID',
  ' is my ID number.',
  ', ID card no.',
  ' - national ID',
  ' 是我的sfz',
  ' 身 份 证',
  ' (I.D.)',
]
const SPACED_BEFORE = [
  '身份 证 ',
  '身 份 证号 ',
  '身 份 證 號 碼：',
  '身-份-证：',
  'sfz ',
  'SFZ号 ',
  'sfzh: ',
  'I.D. ',
  'I.D. no. ',
  'my I.D. is ',
  'ID no. ',
  '身份號碼 ',
]
const BEFORE = ['', '你好，', 'Hi, ', '我昨天付款失败了。']
const AFTER = ['', '。', ' thanks', '，谢谢']

function hiddenCase(id: string, w: string, head: string, tail: string) {
  return {
    text: head + w + tail,
    secret: id,
    kind: 'cn_id' as const,
    keep: id.slice(-4),
    span: [head.length, head.length + w.length] as const,
  }
}

describe('ID numbers found by an ID word after them', () => {
  it('legacy 15-digit IDs are hidden, however the digits are written', () => {
    fc.assert(
      fc.property(
        legacyId.chain((id) => written(id).map((w) => [id, w] as const)),
        fc.constantFrom(...BEFORE),
        fc.constantFrom(...LABELS_AFTER),
        fc.constantFrom(...AFTER),
        ([id, w], before, label, after) => {
          const c = hiddenCase(id, w, before, label + after)
          const { findings, text } = redact(c.text)
          expect(exposedDigits(c, findings), `${JSON.stringify(c.text)} → ${JSON.stringify(text)}`).toBe('')
          expect(findings.map((f) => f.kind)).toContain('cn_id')
        },
      ),
      params,
    )
  })

  it('18-character IDs with a wrong check character are hidden next to an ID word, before or after', () => {
    fc.assert(
      fc.property(
        badCheckId.chain((id) => written(id).map((w) => [id, w] as const)),
        fc.constantFrom(...BEFORE),
        fc.oneof(
          fc.constantFrom(...LABELS_AFTER).map((l) => ['', l] as const),
          fc
            .constantFrom('身份证 ', '身份证号码：', 'ID: ', 'my ID is ', ...SPACED_BEFORE)
            .map((l) => [l, ''] as const),
        ),
        fc.constantFrom(...AFTER),
        ([id, w], before, [labelBefore, labelAfter], after) => {
          expect(cnIdValid(id)).toBe(false)
          const c = hiddenCase(id, w, before + labelBefore, labelAfter + after)
          const { findings, text } = redact(c.text)
          expect(exposedDigits(c, findings), `${JSON.stringify(c.text)} → ${JSON.stringify(text)}`).toBe('')
        },
      ),
      params,
    )
  })

  it('examples', () => {
    expect(redact('110105491231002 是我的身份证').text).toBe('***********1002 是我的身份证')
    expect(redact('110105491231002 (ID number)').text).toBe('***********1002 (ID number)')
    expect(redact('110105194912310021 (ID number)').text).toBe('**************0021 (ID number)')
    expect(redact('身份证 110105194912310021').text).toBe('身份证 **************0021')
    expect(redact('11010519491231002X 是我的身份证').text).toBe('**************002X 是我的身份证')
  })
})

describe('spaced and abbreviated ID words', () => {
  it('label a legacy ID after them', () => {
    fc.assert(
      fc.property(
        legacyId.chain((id) => written(id).map((w) => [id, w] as const)),
        fc.constantFrom(...BEFORE),
        fc.constantFrom(...SPACED_BEFORE),
        fc.constantFrom(...AFTER),
        ([id, w], before, label, after) => {
          const c = hiddenCase(id, w, before + label, after)
          const { findings, text } = redact(c.text)
          expect(exposedDigits(c, findings), `${JSON.stringify(c.text)} → ${JSON.stringify(text)}`).toBe('')
        },
      ),
      params,
    )
  })

  it('examples', () => {
    for (const label of ['身份 证 ', '身 份 证号 ', 'sfz ', 'SFZ号 ', 'I.D. ', 'ID no. ', 'I.D. no. '])
      expect(redact(label + '110105491231002').text, label).toBe(label + '***********1002')
  })
})

describe('numbers an ID word does not name', () => {
  /** 15- and 18-digit order-like numbers, legacy-ID-shaped and wrong-check ones among them. */
  const number = fc
    .oneof(
      legacyId,
      badCheckId.filter((id) => !id.endsWith('X')),
      fc.stringMatching(/^[1-9]\d{14}$/),
    )
    .filter((n) => redact(n).findings.length === 0)

  it('an order label before the number wins over an ID word after it', () => {
    fc.assert(
      fc.property(
        number,
        fc.constantFrom('订单号 ', '订单号：', '交易单号 ', 'order no. ', 'ref ', 'Order ID '),
        fc.constantFrom(...LABELS_AFTER),
        (n, order, label) => {
          expect(redact(order + n + label).findings.filter((f) => f.kind === 'cn_id')).toEqual([])
        },
      ),
      params,
    )
  })

  it('an ID word labels the number after it, not the one before it', () => {
    fc.assert(
      fc.property(
        number,
        legacyId,
        fc.constantFrom('，身份证 ', ', ID: ', ' 身份证号码是 ', ' sfz ', ', I.D. '),
        (n, id, label) => {
          const text = `订单 ${n}${label}${id}`
          const r = redact(text)
          expect(r.text, text).toBe(`订单 ${n}${label}${'*'.repeat(11)}${id.slice(-4)}`)
        },
      ),
      params,
    )
  })

  it('someone else’s id, prose after the number, or other words keep it visible', () => {
    for (const text of [
      '110105491231002 is the user ID',
      '110105491231002 device_id',
      '订单 110105491231002 已付款，身份证已验证',
      '110105491231002 ids',
      '110105491231002 paid; ID verified later',
      '110105194912310021 thanks',
      '110105194912310021 is the order ID',
      'sfzx 110105491231002',
    ])
      expect(redact(text).findings, text).toEqual([])
  })
})
