import { describe, expect, it } from 'vitest'
import { fold, tokenize } from '../../../src/search/index.js'
import { crossing } from '../../../src/search/tokenize.js'

describe('search tokenizer', () => {
  it('emits every character bigram of a Han run, plus the single characters', () => {
    const terms = tokenize('转账失败', false)
    expect(terms).toEqual(expect.arrayContaining(['转账', '账失', '失败', '转', '账', '失', '败']))
    expect(terms).toHaveLength(7)
  })

  it('keeps a lone Han character as its own term', () => {
    expect(tokenize('卡', false)).toEqual(['卡'])
  })

  it('folds full-width letters and digits to ASCII and lowercases them', () => {
    expect(fold('ＡＢＣ１２３')).toBe('abc123')
    expect(tokenize('ＡＢＣ１２３')).toEqual(['abc123'])
    expect(tokenize('PassWord RESET')).toEqual(['password', 'reset'])
  })

  it('splits at Han/Latin boundaries so mixed text yields both kinds of term', () => {
    const terms = tokenize('WeChat Pay扣款2次', false)
    expect(terms).toEqual(expect.arrayContaining(['wechat', 'pay', '扣款']))
    expect(terms.some((t) => t.includes('pay扣'))).toBe(false)
  })

  it('drops one-letter Latin words and stems the others', () => {
    expect(tokenize('I got 2 refunds', false)).toEqual(['get', 'refund'])
    expect(tokenize('access', false)).toEqual(['access'])
  })

  it('adds ICU dictionary words of three or more characters when Intl.Segmenter exists', () => {
    const text = '信用卡还款'
    const extra = tokenize(text, true).filter((t) => !tokenize(text, false).includes(t))
    const expected = [...new Intl.Segmenter('zh', { granularity: 'word' }).segment(text)]
      .map((s) => s.segment)
      .filter((w) => w.length > 2)
    expect(extra).toEqual(expected)
    expect(expected.length).toBeGreaterThan(0)
  })
})

describe('word edges', () => {
  it('marks bigrams that straddle the edge of a dictionary word, not those between single characters', () => {
    // 以前|的|记录: 前的 and 的记 straddle; ICU splits wallet words into characters (扣|款|失败).
    expect(crossing('以前的记录').flatMap((x, i) => (x ? [i] : []))).toEqual([2, 3])
    expect(crossing('扣款失败').flatMap((x, i) => (x ? [i] : []))).toEqual([2])
  })
})
