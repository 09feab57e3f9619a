import { describe, expect, it } from 'vitest'
import { fold, tokenize } from '../../../src/search/index.js'

describe('search tokenizer', () => {
  it('emits every character bigram of a Han run, plus the single characters', () => {
    const terms = tokenize('转账失败')
    expect(terms).toEqual(expect.arrayContaining(['转账', '账失', '失败', '转', '账', '失', '败']))
    expect(terms).toHaveLength(7)
  })

  it('keeps a lone Han character as its own term', () => {
    expect(tokenize('卡')).toEqual(['卡'])
  })

  it('folds full-width letters and digits to ASCII and lowercases them', () => {
    expect(fold('ＡＢＣ１２３')).toBe('abc123')
    expect(tokenize('ＡＢＣ１２３')).toEqual(['abc123'])
    expect(tokenize('PassWord RESET')).toEqual(['password', 'reset'])
  })

  it('splits at Han/Latin boundaries so mixed text yields both kinds of term', () => {
    const terms = tokenize('WeChat Pay扣款2次')
    expect(terms).toEqual(expect.arrayContaining(['wechat', 'pay', '扣款']))
    expect(terms.some((t) => t.includes('pay扣'))).toBe(false)
  })

  it('drops one-letter Latin words and stems the others', () => {
    expect(tokenize('I got 2 refunds')).toEqual(['get', 'refund'])
    expect(tokenize('access')).toEqual(['access'])
  })

  it('gives a long Han run only its characters and bigrams, no dictionary words', () => {
    const terms = tokenize('信用卡还款')
    expect(terms).toHaveLength(5 + 4)
    expect(terms.every((t) => [...t].length <= 2)).toBe(true)
  })
})
