/**
 * A legacy 15-digit resident ID on the line after its ID word, as people type it into a
 * multi-line description (`身份证号码：⏎110105491231002`). The label rule stopped at the line
 * break, so the number stayed readable while the same text on one line was masked.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { redact } from '../../../src/privacy/index.js'
import { exposedDigits, legacyId, written } from './arbitraries.js'

const params = {
  numRuns: 1000,
  seed: process.env.PRIVACY_SEED === undefined ? 20261204 : Number(process.env.PRIVACY_SEED),
}
const LABELS = ['身份证', '身份证号码：', '身份證號碼', '证件号:', 'ID:', 'my ID is', 'ID number', 'identity card no.']
const BREAKS = ['\n', '\r\n', '\n  ', ' \n', '\n\u3000']

describe('legacy 15-digit IDs on the line after the ID word', () => {
  it('are hidden', () => {
    fc.assert(
      fc.property(
        legacyId.chain((id) => written(id).map((w) => [id, w] as const)),
        fc.constantFrom(...LABELS),
        fc.constantFrom(...BREAKS),
        ([id, w], label, br) => {
          const head = label + br
          const c = {
            text: head + w,
            secret: id,
            kind: 'cn_id' as const,
            keep: id.slice(-4),
            span: [head.length, head.length + w.length] as const,
          }
          const { findings, text } = redact(c.text)
          expect(exposedDigits(c, findings), `${JSON.stringify(c.text)} → ${JSON.stringify(text)}`).toBe('')
        },
      ),
      params,
    )
  })

  it('examples', () => {
    expect(redact('身份证号码：\n110105491231002').text).toBe('身份证号码：\n***********1002')
    expect(redact('ID:\r\n110105491231002').text).toBe('ID:\r\n***********1002')
    expect(redact('身份证号码：\n\n110105491231002').text).toBe('身份证号码：\n\n***********1002')
    // An order label on the next line still names the number, and a third line break ends the ID word.
    for (const text of [
      '身份证已验证\n订单号 110105491231002',
      'ID card uploaded.\nOrder 110105491231002',
      '身份证\n\n\n110105491231002',
      'user ID\n110105491231002',
    ])
      expect(redact(text).findings, text).toEqual([])
  })
})
