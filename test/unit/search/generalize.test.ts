import { describe, expect, it } from 'vitest'
import { createSearchIndex, makeSnippet, plainText, walletSynonyms } from '../../../src/search/index.js'
import { stem } from '../../../src/search/tokenize.js'
import type { Article } from '../../../src/types.js'

/** Small corpora where one behaviour decides the order; filler articles give idf its spread. */
const art = (
  id: string,
  locale: string,
  title: string,
  body: string,
  tags: string[] = [],
  popularity = 1,
): Article => ({ id, locale, title, body, tags, popularity })
const ids = (hits: Array<{ id: string }>): string[] => hits.map((h) => h.id)

describe('literal words beat synonym expansions', () => {
  // 划扣 is a rare synonym of 扣款; 扣款 itself is common. The literal word must still win.
  const index = createSearchIndex(
    [
      art('literal', 'zh-CN', '扣款说明', '扣款以后可以在账单里看到。', ['扣款']),
      art('synonym', 'zh-CN', '每月划扣的会员费', '会员费每月自动划扣，划扣前会提醒。', ['会员'], 9),
      ...Array.from({ length: 8 }, (_, i) => art(`common-${i}`, 'zh-CN', `订单 ${i}`, '付款后扣款成功，订单完成。')),
    ],
    { synonyms: walletSynonyms },
  )

  it('ranks the article whose title and tags hold the word above one reached through a rare synonym', () => {
    const got = ids(index.search('扣款', { locale: 'zh-CN' }))
    expect(got[0]).toBe('literal')
    // The synonym still finds its article, below.
    expect(got).toContain('synonym')
  })
})

describe('English queries', () => {
  const index = createSearchIndex(
    [
      art(
        'whats-new',
        'en',
        "What's new in my app: how the home screen changed",
        'Why we changed it and what is next for you.',
        ['news'],
        9,
      ),
      art('limits', 'en', 'Daily limits', 'A payment above the daily limit is declined. Limits reset at midnight.', [
        'limit',
      ]),
      art(
        'frozen',
        'en',
        'Account frozen',
        'We froze the account after unusual sign-ins. It stays frozen until you verify.',
        ['security'],
      ),
      art('refund', 'en', 'Refunds', 'A refunded payment goes back to your card.', ['refund']),
      art('charges', 'en', 'Card charges', 'Each charge shows on your statement.', ['card']),
    ],
    { synonyms: walletSynonyms },
  )

  it('drops function words, so filler titles do not outrank the content word', () => {
    expect(ids(index.search('what is my limit', { locale: 'en' }))[0]).toBe('limits')
    expect(ids(index.search('why is my account frozen', { locale: 'en' }))[0]).toBe('frozen')
  })

  it('still answers a query made only of function words', () => {
    expect(ids(index.search('what is new', { locale: 'en' }))[0]).toBe('whats-new')
  })

  it('meets inflected forms: freeze/frozen, charged/charge, refunded/refund', () => {
    expect(ids(index.search('freeze', { locale: 'en' }))[0]).toBe('frozen')
    expect(ids(index.search('charged', { locale: 'en' }))[0]).toBe('charges')
    expect(ids(index.search('refunding', { locale: 'en' }))[0]).toBe('refund')
  })

  it('stems index and query words alike', () => {
    for (const [a, b] of [
      ['charged', 'charge'],
      ['failed', 'fail'],
      ['frozen', 'freeze'],
      ['verified', 'verify'],
      ['transfers', 'transfer'],
      ['stopped', 'stop'],
      // A doubled letter is undone only when three letters stay: adding meets add, not "ad".
      ['adding', 'add'],
      ['logged', 'log'],
    ]) {
      expect(stem(a!), a).toBe(stem(b!))
    }
    expect(stem('access')).toBe('access')
  })
})

describe('colloquial Chinese', () => {
  const index = createSearchIndex(
    [
      art('withdraw', 'zh-CN', '提现失败怎么办', '提现到银行卡失败时，先查看银行卡状态。', ['提现']),
      art('pay', 'zh-CN', '付款失败怎么办', '付款时提示失败，请检查余额。', ['付款']),
      art('topup', 'zh-CN', '充值没到账', '充值后余额没有增加。', ['充值']),
      art('records', 'zh-CN', '如何导出账单', '在「我的 → 账单」里按月份导出。', ['账单']),
      // Generic articles that share the pattern's everyday characters (出来, 不了, 过去).
      art('generic-1', 'zh-CN', '打开页面后出来一个弹窗', '弹窗出来以后点关闭就行，过去的版本没有。', [], 9),
      art('generic-2', 'zh-CN', '为什么登录不了', '登录不了时先检查网络。', [], 9),
    ],
    { synonyms: walletSynonyms },
  )

  it("reads a verb + negated complement as the verb's wallet word and a failure", () => {
    expect(ids(index.search('钱提不出来', { locale: 'zh-CN' }))[0]).toBe('withdraw')
    expect(ids(index.search('付不了款', { locale: 'zh-CN' }))[0]).toBe('pay')
    expect(ids(index.search('充的钱到不了账', { locale: 'zh-CN' }))[0]).toBe('topup')
  })

  it('lets the wallet word a pattern implies bring in its synonyms (取不出来 → 取现 → 提现)', () => {
    // No article says 取现: the pattern's verb word reaches 提现 through its synonym group.
    expect(ids(index.search('钱取不出来', { locale: 'zh-CN' }))[0]).toBe('withdraw')
  })

  it("maps everyday words to the article's word through the synonym table (流水 → 账单)", () => {
    expect(ids(index.search('怎么查流水', { locale: 'zh-CN' }))[0]).toBe('records')
  })
})

describe('locales', () => {
  const index = createSearchIndex(
    [
      art('zh-transfer', 'zh-CN', '转账处理中', '转账一般两小时内到账。', ['转账']),
      art('zh-TW-transfer', 'zh-TW', '轉賬處理中', '轉賬一般兩小時內到賬。', ['轉賬']),
      art('en-transfer', 'en', 'Transfer pending', 'Transfers usually arrive within two hours.', ['transfer']),
      art('zh-refund', 'zh-CN', '退款多久到账', '退款原路退回。', ['退款']),
      art('en-refund', 'en', 'Refunds', 'Refunds go back to your card.', ['refund']),
    ],
    { synonyms: walletSynonyms },
  )

  it('finds Chinese articles for a Chinese query in the English UI', () => {
    expect(ids(index.search('退款', { locale: 'en' }))).toEqual(['zh-refund'])
  })

  it('shows a translated article once, in Traditional for zh-TW, Simplified for zh-CN', () => {
    expect(ids(index.search('转账', { locale: 'zh-TW' }))).toEqual(['zh-TW-transfer'])
    expect(ids(index.search('轉賬', { locale: 'zh-CN' }))).toEqual(['zh-transfer'])
  })

  it('gives zh-TW users the Simplified article when no Traditional copy exists, never the English one', () => {
    const got = ids(index.search('退款', { locale: 'zh-TW' }))
    expect(got).toEqual(['zh-refund'])
    expect(ids(index.popular({ locale: 'zh-TW', limit: 10 })).sort()).toEqual(['zh-TW-transfer', 'zh-refund'])
  })

  it('falls back to English articles for a Latin query a Chinese UI cannot answer', () => {
    expect(ids(index.search('usually', { locale: 'zh-CN' }))).toEqual(['en-transfer'])
  })
})

describe('snippets', () => {
  const md =
    '说明如下。\n\n| 认证等级 | 单日限额 |\n|---|:--:|\n| 基础 | **5,000 元** |\n\n---\n\n- 第一步：打开 *设置*\n- 第二步：查看限额页面，确认是单笔、单日还是年度额度用完了，完成高级认证可以提高额度，单日额度在次日 0 点恢复。'

  it('reduce Markdown tables, rules, lists and emphasis to plain text', () => {
    const text = plainText(md)
    expect(text).not.toMatch(/---|\||\*|^- /)
    expect(text).toContain('认证等级 · 单日限额')
    expect(text).toContain('基础 · 5,000 元')
  })

  it('fit about two lines: 96 columns, a CJK character counting two', () => {
    const { snippet } = makeSnippet(plainText(md).repeat(3), ['限额'])
    const cols = [...snippet.replace(/…/g, '')].reduce(
      (n, c) => n + (/[\u2e80-\ua4cf\uff00-\uff60]/.test(c) ? 2 : 1),
      0,
    )
    expect(cols).toBeLessThanOrEqual(96)
    expect(cols).toBeGreaterThan(80)
  })
})

describe('synonym variants and word edges', () => {
  it('scores every variant of a synonym group alike, however rare one of them is', () => {
    // 冻结 is common (every filler has it), 止付 rare: for 封号 both mean the same thing.
    const filler = Array.from({ length: 12 }, (_, i) => art(`f${i}`, 'zh-CN', `会员说明${i}`, '账户冻结后请联系客服。'))
    const index = createSearchIndex(
      [art('common', 'zh-CN', '账户冻结', '按提示操作。'), art('rare', 'zh-CN', '账户止付', '按提示操作。'), ...filler],
      { synonyms: { 'zh-CN': [['封号', '冻结', '止付']] } },
    )
    const hits = index.search('封号', { locale: 'zh-CN' })
    const score = (id: string): number => hits.find((h) => h.id == id)!.score
    expect(ids(hits).slice(0, 2).sort()).toEqual(['common', 'rare'])
    expect(score('common')).toBe(score('rare'))
  })

  it('a pair of characters across a word edge of the query counts less than a word', () => {
    // 的记 of 以前的记录 is rare in the corpus but no word: the article about 记录 must win.
    const index = createSearchIndex([
      art('records', 'zh-CN', '交易记录', '在账单页查看以前的交易记录。'),
      art('noise', 'zh-CN', '会员说明', '会员的记分规则与以前不同。'),
      ...Array.from({ length: 8 }, (_, i) => art(`f${i}`, 'zh-CN', `说明${i}`, '记录会保存。')),
    ])
    expect(ids(index.search('看不到以前的记录', { locale: 'zh-CN' }))[0]).toBe('records')
  })
})

describe('Chinese particles and back-off characters', () => {
  // No synonyms: only the query's own bigrams and characters decide.
  const filler = Array.from({ length: 8 }, (_, i) => art(`filler-${i}`, 'zh-CN', `会员 ${i}`, '积分可以兑换礼品。'))

  it('lets a bigram holding a particle (钱的) weigh less than a content bigram', () => {
    const index = createSearchIndex([
      art('particle', 'zh-CN', '钱的去向', '这里说明钱的去向。'),
      art('content', 'zh-CN', '余额显示', '余额显示不一致时请刷新。'),
      ...filler,
    ])
    // 钱的 and 余额 are equally rare; 钱的 holds the particle 的.
    expect(ids(index.search('钱的余额')).slice(0, 2)).toEqual(['content', 'particle'])
  })

  it('adds a known bigram’s characters only to articles other terms found', () => {
    const index = createSearchIndex([
      art('withdraw', 'zh-CN', '提现', '提现规则。'),
      art('lifted', 'zh-CN', '付款方式', '提的银行卡用于付款。'),
      art('word', 'zh-CN', '付款方式', '用的银行卡用于付款。', [], 5),
      art('char', 'zh-CN', '提醒设置', '开启提醒后会收到通知。'),
      ...filler,
    ])
    // 提 and 现 back up the known bigram 提现: 提 lifts the article that also holds 银行卡 above
    // the one holding 银行卡 only (more popular, so first on a tie)...
    const got = ids(index.search('提现银行卡'))
    expect(got.indexOf('lifted')).toBeLessThan(got.indexOf('word'))
    expect(got.indexOf('word')).toBeGreaterThan(-1)
    // ...but finds no article by itself.
    expect(got).not.toContain('char')
    expect(ids(index.search('提现'))).toEqual(['withdraw'])
  })
})

describe('a query bigram that spans two words weighs little', () => {
  // 系统不让登录: 统不 straddles 系统 and 不让. It is rare (one title holds it by chance), so its
  // idf is high, but nearly every article holding 统 says 系统: 统不 is no topic.
  const index = createSearchIndex([
    art('login', 'zh-CN', '密码错误', '登录时提示密码错误，可以重设密码。'),
    art('chance', 'zh-CN', '规矩', '这是一篇讲规矩的文章：传统不变。'),
    art('login-2', 'zh-CN', '换手机', '换手机后需要重新登录。'),
    art('login-3', 'zh-CN', '安全提醒', '在新设备登录会收到提醒。'),
    ...Array.from({ length: 20 }, (_, i) =>
      art(`system-${i}`, 'zh-CN', `系统维护 ${i}`, '系统升级期间部分功能不可用。'),
    ),
  ])

  it('ranks every article with the query word above one that holds the cross-word bigram', () => {
    // A limit past the 20 系统 articles, so that 'chance' is found (below them, now) and the order tells.
    const got = ids(index.search('系统不让登录', { locale: 'zh-CN', limit: 30 }))
    for (const id of ['login', 'login-2', 'login-3']) expect(got.indexOf(id)).toBeLessThan(got.indexOf('chance'))
    expect(got).toContain('chance')
  })
})

describe('a typo expands to synonyms with the weight of its correction', () => {
  // "refnd" is unknown; its correction "refund" is common here. The group refund/return must
  // weigh what "refund" weighs, not what an unknown (maximally rare) word would.
  const index = createSearchIndex(
    [
      art('refund', 'en', 'Refunds', 'A refund goes back to your card. Refund times vary.', ['refund']),
      art('returns', 'en', 'Return an item', 'Return the item to the shop in its box.', ['shop']),
      ...Array.from({ length: 12 }, (_, i) =>
        art(`order-${i}`, 'en', `Order ${i}`, 'If the order is cancelled you get a refund.'),
      ),
    ],
    { synonyms: walletSynonyms },
  )

  it('ranks the article about the corrected word first', () => {
    const got = ids(index.search('refnd', { locale: 'en' }))
    expect(got[0]).toBe('refund')
    expect(got.indexOf('returns')).toBeGreaterThan(got.indexOf('refund'))
  })
})

describe('a Chinese typo: a character that pairs with neither neighbour', () => {
  // 蜜 of 免蜜支付 forms no word with 免 or 支; 密 forms one with both (免密, 密支付). Without the
  // correction, the more popular article with 支付 in its title and tags would come first.
  const index = createSearchIndex(
    [
      art('no-pin', 'zh-CN', '小额免密', '在设置里关闭免密支付，以后付款要输入密码。'),
      art('free', 'zh-CN', '免费提现', '提现免手续费。用零钱支付，支付以后马上到账。', ['支付'], 9),
      ...Array.from({ length: 8 }, (_, i) => art(`pay-${i}`, 'zh-CN', `订单 ${i}`, '支付以后订单完成。')),
    ],
    { synonyms: walletSynonyms },
  )

  it('meets the word the character most likely stands for', () => {
    expect(ids(index.search('免蜜支付', { locale: 'zh-CN' }))[0]).toBe('no-pin')
    expect(ids(index.search('免蜜支付怎么关', { locale: 'zh-CN' }))[0]).toBe('no-pin')
  })

  it('leaves characters that pair with a neighbour alone', () => {
    // 费 pairs with 免 (免费): 免费支付 is no typo of 免密支付.
    expect(ids(index.search('免费支付', { locale: 'zh-CN' }))[0]).toBe('free')
  })
})
