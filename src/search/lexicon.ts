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
 * Intents no single word states, one row each: a query holding a word of each of the first two
 * lists (who or what, and what happened: 陌生人打电话要验证码, "a caller asked for my code",
 * 手机落出租车上了, 卖家拖着不寄) is about the words of the last list, searched as if typed and
 * bringing in their synonym groups. Han words match as substrings, Latin ones as stemmed words (`_` joins words into a phrase: never_paid).
 * An optional fourth list names other situations told with the same cues: a query holding one of
 * its words does not meet the row (银行卡里没多钱 after 提现 is a withdrawal, not a top-up).
 */
export const INTENTS = [
  '自称 来电 打电话 打来 陌生人 有人 call caller stranger someone|验证码 短信码 认证码 动态码 校验码 短信里 code otp|诈骗 假客服 scam|收不到 没收到 不来 没来 语音 voice arrive',
  '手机 iphone phone|丢 被偷 偷了 落 掉了 lost stolen|冻结账户 freeze|手机号 手机卡 号码 电话卡 门号 落后 number',
  '店 商家 卖家 店家 店铺 老板 东西 商品 货 seller merchant shop store item|不寄 没寄 不发 没发 拖着 不理 联系不上 不回 空盒 两回事 两样 不一样 不符 差太多|未发货 货不对板 dispute|两次 两遍 重复 多扣',
  '余额 钱包 零钱 balance|只剩 少了 差了 不一样 对不上 少钱 不见了 less missing|余额不对 balance|提现 卡不见 界面',
  '没印象 不认识 陌生 不明 没听过 没用过 睡觉 睡着 在睡 没碰 没买 没操作|扣款 扣了 消费 支出 花了 付款 转走|盗刷 非本人|不明白 转账给 转给 转错 会员 每个月 自动扣 没买成 失败 密码 手续费 两次 重复',
  '旧号 停机 电话卡 sim 新号 移动号 号码 联系电话|改 换|更换手机号|卡号 没变 没换 没改 没问题',
  '提现 提个现 转出 取到 转到银行卡 到卡 到银行卡 cash withdraw|扣多少 要扣 抽 额外 扣点 收钱 给钱 要钱 收费 扣钱|手续费 fee|失败 没到 未到 不到账 到不了 提不',
  '去年 上个月 以前 半年 几个月 花在哪 每一笔 盖章 证明|花 买 消费 明细 清单 流水 翻 收支|交易记录 账单|失败 退款 不是我 自动扣 发货',
  '号 账户 账号 功能|不让用 限了 被限 暂停 不能用 封了 被封|账户限制|卡号 手机号 旧号 号码',
  '卡|删 弄掉 去掉 移除 关联|解绑|删除账 删账号 删号 注销 重装 卡顿 一直卡 卡住 手机号',
  '网上认识 交友 投资 带我 对方 平台|保证金 激活费 解冻费 联系不上 交钱|被骗|联系不上客服 客服联系不上 客服电话',
  'shop store merchant seller|unpaid never_paid not_paid awaiting|charged|refund',
  'card visa debit|attach connect|link|pay payment checkout',
  'checkout till register|rejected refused bounced unsuccessful couldn|payment fail|account code otp sign_up signup',
  'someone stranger hacker|spend spent purchased stole|unauthorized',
  'order package product parcel|never_came never_got never_arrived ship deliver listing ghost|dispute|refund money_back',
  '一天 当天 每天 单笔 单日 太大|超额 超了 超过 超出 只能 最多 几次 能转 不够 放宽|限额|多久 几天 几个小时',
  '商家 商户 卖家 店家 信用卡 退货|退了 退的 同意退 已退|退款',
  '朋友 对方 他说 她说 我爸 我妈 家人|没收到 没看到 卡着 等待 没入账 没到|转账 处理中|验证码 校验码 动态码 短信码 退款 充值 提现',
  '银行 卡里 卡扣 储蓄卡|没增加 没多 没变 原来的数 原来那么多 没涨|充值|提现 取现 提款 退款 退回',
  'move moving moved|bank|withdraw|wrong card',
  '客服 官方 工作人员 自称 电话 打来 有人|共享屏幕 屏幕共享 会议软件 会议app zoom 安全账户 洗钱|假客服 诈骗',
]
