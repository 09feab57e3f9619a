/**
 * An amount with a fraction of one or two digits (`123456789.50`, `¥138001380.00`) is kept: agents
 * need amounts. Its digits with the fraction's may read as a mobile number (`138001380` + `00`),
 * but a number and its decimal fraction are one amount, not a phone number. Real mobile numbers,
 * also written with dots or followed by an amount, stay hidden.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { redact } from '../../../src/privacy/index.js'
import { maskText } from '../../../examples/server/mask.js'
import { exposedDigits, mobile, sensitiveMobile } from './arbitraries.js'

const params = {
  numRuns: 2000,
  seed: process.env.PRIVACY_SEED === undefined ? 20261204 : Number(process.env.PRIVACY_SEED),
}

const CURRENCY = ['', '¥', '￥', 'USD ', 'RMB ', 'HK$', '$', 'CNY ', '-']
const CONTEXT: ReadonlyArray<readonly [string, string]> = [
  ['', ''],
  ['金额 ', ' 元'],
  ['paid ', ' yesterday'],
  ['退款', '元，请核实。'],
  ['{"amount":', '}'],
  ['amount: ', ' CNY'],
  ['转账 ', '\n'],
  ['total\t', '\t2026-11-23'],
]

/** An amount of up to 11 integer digits (no thousands separators) and a fraction of one or two. */
const amount = fc
  .tuple(fc.stringMatching(/^(?:0|[1-9]\d{0,10})$/), fc.stringMatching(/^\d{1,2}$/), fc.constantFrom(...CURRENCY))
  .map(([units, fraction, currency]) => `${currency}${units}.${fraction}`)

describe('amounts with a decimal fraction', () => {
  it('keep every digit', () => {
    fc.assert(
      fc.property(amount, fc.constantFrom(...CONTEXT), (a, [before, after]) => {
        const text = before + a + after
        expect(redact(text).findings, text).toEqual([])
        expect(maskText(text)).toBe(text)
      }),
      params,
    )
  })

  it('examples', () => {
    for (const text of [
      '123456789.50',
      '1234567890.00',
      '¥138001380.00',
      '￥1380013800.5',
      '金额 159001380.00 元',
      '86138001380.00',
      '{"amount":138001380.5}',
    ])
      expect(redact(text).text, text).toBe(text)
  })
})

describe('mobile numbers stay hidden', () => {
  it('as generated', () => {
    fc.assert(
      fc.property(sensitiveMobile, (c) => {
        expect(exposedDigits(c, redact(c.text).findings), c.text).toBe('')
      }),
      params,
    )
  })

  it('next to an amount', () => {
    fc.assert(
      fc.property(mobile, amount, fc.constantFrom(' ', '，金额 ', '; ', '\n'), (m, a, sep) => {
        const text = `手机 ${m}${sep}${a}`
        expect(redact(text).text, text).toBe(`手机 ${m.slice(0, 3)}****${m.slice(7)}${sep}${a}`)
      }),
      params,
    )
  })

  it('examples', () => {
    expect(redact('13800138000').text).toBe('138****8000')
    expect(redact('+86 138 0013 8000').text).toBe('+86 138****8000')
    expect(redact('138.0013.8000').text).toBe('138****8000')
    expect(redact('1380.01380.00').text).toBe('138****8000')
    expect(redact('138 001 380.00').text).toBe('138 001 380.00')
  })
})
