/**
 * bench: the synthetic distractors' similar questions must be of the same make as those of the
 * real articles of their own locale, or the benchmark favours the real articles (fewer questions
 * on the distractors) and the engines that fold Traditional to Simplified (more Traditional words
 * on the zh-CN distractors than the real zh-CN articles have).
 */
import { describe, expect, it } from 'vitest'
import { syntheticCorpus, withSyntheticQuestions } from '../../../bench/data/corpus.js'
import type { Article } from '../../../src/types.js'

const zh = (i: number): Article => ({
  id: `zh-${i}`,
  locale: 'zh-CN',
  title: `转账失败怎么办${i}`,
  tags: ['转账'],
  body: '在钱包首页点击转账，输入金额。转账失败时请检查余额。银行卡限额也会导致失败。',
  questions: Array.from({ length: 10 }, (_, k) => `转账一直失败${k}怎么办`),
})
const tw = (i: number): Article => ({
  id: `tw-${i}`,
  locale: 'zh-TW',
  title: `轉帳失敗怎麼辦${i}`,
  tags: ['轉帳'],
  body: '在錢包首頁點擊轉帳，輸入金額。',
  questions: ['匯款卡住了'],
})

describe('withSyntheticQuestions', () => {
  it('gives zh-CN distractors as many questions as real zh-CN articles, in zh-CN words only', () => {
    const real = [zh(1), zh(2), zh(3), tw(1), tw(2), tw(3), tw(4), tw(5)]
    const synthetic = withSyntheticQuestions(real, syntheticCorpus(real, 200, 42, 1))
    expect(synthetic.every((a) => a.locale == 'zh-CN')).toBe(true)
    expect(new Set(synthetic.map((a) => a.questions?.length))).toEqual(new Set([10]))
    for (const a of synthetic) expect(a.questions!.join('\n'), a.id).not.toMatch(/匯款|卡住/)
  })
})
