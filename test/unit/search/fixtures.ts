import type { Article } from '../../../src/types.js'

/** Small hand-made corpus; each article is written so that one behaviour decides the ranking. */
export const fixtures: Article[] = [
  { id: 'sms', locale: 'zh-CN', title: '收不到短信验证码怎么办', tags: ['验证码'], body: '## 原因\n- 手机信号差\n- 短信被[安全软件](https://example.com)拦截。', popularity: 5 },
  { id: 'charged', locale: 'zh-CN', title: '扣款成功但订单未到账', tags: ['扣款', '到账'], body: '付款后钱已经扣了，但是订单显示未支付。系统通常会自动补单或原路退回。', popularity: 9 },
  { id: 'refund-zh', locale: 'zh-CN', title: '商户同意后多久能收到', tags: ['商户'], body: '商户处理退款后，钱会按原支付方式返回，储蓄卡一般 1–3 个工作日。', popularity: 7 },
  { id: 'bind', locale: 'zh-CN', title: '绑定银行卡失败', tags: ['绑卡'], body: '添加卡片时提示失败，请核对银行预留手机号。', popularity: 3 },
  { id: 'freeze-title', locale: 'zh-CN', title: '如何冻结账户', tags: ['安全'], body: '打开安全中心，按提示操作即可，立即生效。', popularity: 1 },
  { id: 'freeze-body', locale: 'zh-CN', title: '手机丢了怎么办', tags: ['安全'], body: '先打开安全中心冻结账户，再联系运营商补办号码。', popularity: 1 },
  { id: 'transfer-zh', locale: 'zh-CN', title: '转账处理中', tags: ['转账'], body: '转账到银行卡一般两小时内完成，节假日顺延。', popularity: 2 },
  { id: 'password', locale: 'en', title: 'Reset your payment password', tags: ['password', 'pin'], body: 'Forgot your password? Go to Settings and reset it with a face check.', popularity: 8 },
  { id: 'refund-en', locale: 'en', title: 'When will I get my refund?', tags: ['refund'], body: 'Refunds go back to the card you paid with. Refunds to a debit card take 1-3 business days.', popularity: 6 },
  { id: 'verification', locale: 'en', title: 'Verification of your identity', tags: ['kyc'], body: 'We check your identity document before you can withdraw.', popularity: 2 },
  { id: 'transfer', locale: 'en', title: 'Transfer delayed', tags: ['transfer'], body: 'Bank transfers can take one business day; weekends add delay.', popularity: 4 },
]
