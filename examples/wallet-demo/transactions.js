// Demo data: what a wallet app knows about its user's recent transactions. Only the brand and
// last four digits of a card ever appear here.
// Counted from the first load of the demo in this browser (for 12 hours), not from each load: a
// reload finds every transaction at the time a report's draft holds for it, as in a real wallet.
const now = (() => {
  const t = Date.now()
  try {
    const first = Number(localStorage.getItem('wallet-demo:now'))
    if (first > t - 12 * 3_600_000 && first <= t) return first
    localStorage.setItem('wallet-demo:now', String(t))
  } catch {
    // Storage off: times count from this load.
  }
  return t
})()
const ago = (minutes) => new Date(now - minutes * 60_000).toISOString()

export const transactions = [
  {
    id: '4200001234202611231234567890',
    time: ago(35),
    amount: '128.50',
    currency: 'CNY',
    counterparty: '星巴克（国贸店）',
    status: 'failed',
    method: { brand: 'UnionPay', last4: '6217' },
    kind: 'payment',
  },
  {
    id: 'T2026112300018842',
    time: ago(180),
    amount: '2000.00',
    currency: 'CNY',
    counterparty: '李四',
    status: 'pending',
    method: { brand: 'Balance', last4: '0000' },
    kind: 'transfer',
  },
  {
    id: 'R2026112200007711',
    time: ago(60 * 26),
    amount: '89.00',
    currency: 'CNY',
    counterparty: '京东商城',
    status: 'refunded',
    method: { brand: 'Visa', last4: '4242' },
    kind: 'refund',
  },
  {
    id: 'P2026112100003321',
    time: ago(60 * 50),
    amount: '36.80',
    currency: 'CNY',
    counterparty: '美团外卖',
    status: 'succeeded',
    method: { brand: 'UnionPay', last4: '6217' },
    kind: 'payment',
  },
  {
    id: 'W2026112000009001',
    time: ago(60 * 75),
    amount: '500.00',
    currency: 'CNY',
    counterparty: '招商银行 (尾号 8848)',
    status: 'failed',
    kind: 'withdrawal',
  },
]

export const labels = {
  'zh-CN': {
    help: '帮助与反馈',
    balance: '余额',
    note: '可用余额（演示数据）',
    recent: '最近交易',
    report: '反馈问题',
    status: { failed: '失败', pending: '处理中', refunded: '已退款', succeeded: '成功', reversed: '已冲正' },
    kind: { payment: '付款', transfer: '转账', refund: '退款', withdrawal: '提现', topup: '充值' },
    reportLabel: (tx) => `反馈问题：${tx.counterparty} ${tx.amount} 元`,
    transport: (name) => `客服后端：${name}`,
  },
  'zh-TW': {
    help: '說明與意見回饋',
    balance: '餘額',
    note: '可用餘額（示範資料）',
    recent: '最近交易',
    report: '回報問題',
    status: { failed: '失敗', pending: '處理中', refunded: '已退款', succeeded: '成功', reversed: '已沖正' },
    kind: { payment: '付款', transfer: '轉帳', refund: '退款', withdrawal: '提領', topup: '儲值' },
    reportLabel: (tx) => `回報問題：${tx.counterparty} ${tx.amount} 元`,
    transport: (name) => `客服後端：${name}`,
  },
  en: {
    help: 'Help & Feedback',
    balance: 'Balance',
    note: 'Available balance (demo data)',
    recent: 'Recent transactions',
    report: 'Report a problem',
    status: {
      failed: 'Failed',
      pending: 'Pending',
      refunded: 'Refunded',
      succeeded: 'Succeeded',
      reversed: 'Reversed',
    },
    kind: { payment: 'Payment', transfer: 'Transfer', refund: 'Refund', withdrawal: 'Withdrawal', topup: 'Top-up' },
    reportLabel: (tx) => `Report a problem with ${tx.counterparty}, ${tx.amount} ${tx.currency}`,
    transport: (name) => `Support backend: ${name}`,
  },
}
