/**
 * Word lists the query parser and the stemmer read: language data, not code (`bench:search`
 * weighs the engine without them, as it does the t2s table). Space-separated strings keep them
 * small; the code that reads them builds its sets once.
 */

/**
 * Irregular English forms a suffix rule cannot join, mapped to their stem. No prototype, so a
 * typed word such as `constructor` or `toString` is not looked up on Object.prototype.
 */
export const IRREGULAR: Record<string, string | null> = {
  __proto__: null,
  frozen: 'freez',
  froze: 'freez',
  paid: 'pay',
  sent: 'send',
  spent: 'spend',
  got: 'get',
  gotten: 'get',
  lost: 'los',
  stolen: 'steal',
  stole: 'steal',
  taken: 'tak',
  took: 'tak',
  gave: 'giv',
  given: 'giv',
  withdrawn: 'withdraw',
  withdrew: 'withdraw',
  // British spelling doubles the l (cancelled), but -ll words keep theirs (filled → fill).
  cancelled: 'cancel',
  cancelling: 'cancel',
}

/** English function words: a query drops them when it has any other word. */
export const STOP_WORDS =
  'a already am an and are be can could did do does ever for from has have how i im is it its just me my no not of on or our so still that the there this to was we what when where which who why will with would you your'

/** Chinese question filler bigrams (怎么办, 为什么, 如何, 什么时候, 在哪里, 是不是...): kept, but too weak to decide a ranking. */
export const FILLER_WORDS =
  '怎么 么办 什么 为什 为啥 如何 怎样 么回 回事 请问 一下 是否 能否 可以 么时 时候 哪里 在哪 是不'

/** Sentence particles: a query bigram holding one (钱的, 了吗) is mostly grammar, not topic. */
export const PARTICLES = '的了吗呢吧啊呀咋'

/** Resultative complements after 不, the everyday "cannot" (提不出来, 付不了款, 绑不上, 删不掉). */
export const COMPLEMENTS = '出来 出去 过去 过来 进去 下来 起来 了 上 出 进 动 成 开 掉'

/** The failure a "cannot" pattern implies (提不出来: 提现 失败). */
export const FAILURE = '失败'

/** Wallet words a lone verb most likely stands for, found by their first character (提 → 提现, 领 → 领钱, 加 → 加卡). */
export const VERB_WORDS =
  '提现 转账 付款 充值 绑卡 退款 登录 到账 扣款 取现 解绑 注销 冻结 打开 收到 领钱 加卡 删卡 汇款'

/**
 * Intents no single word states: a query holding a word of each of the first two lists (a third
 * party and what they ask for: 陌生人打电话要验证码, "a caller asked for my code") is about the
 * last word, searched as if typed. Han words match as substrings, Latin ones as stemmed words.
 */
export const INTENTS = [
  '自称 来电 打电话 打来 陌生人 有人 call caller stranger someone|验证码 短信码 认证码 动态码 校验码 短信里 code otp|诈骗 假客服 scam',
]
