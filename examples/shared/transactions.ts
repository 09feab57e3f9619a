/** What the wallet knows about recent transactions: only a card's brand and last four digits. */
export interface Tx {
  id: string
  time: string
  amount: string
  currency: string
  counterparty: string
  status: 'pending' | 'succeeded' | 'failed' | 'refunded'
}

export const transactions: Tx[] = [
  {
    id: 'T-1001',
    time: '2026-11-30T09:12:00Z',
    amount: '128.50',
    currency: 'CNY',
    counterparty: 'Coffee Corner',
    status: 'failed',
  },
  {
    id: 'T-1002',
    time: '2026-11-29T18:40:00Z',
    amount: '2000.00',
    currency: 'CNY',
    counterparty: 'Li Si',
    status: 'pending',
  },
  {
    id: 'T-1003',
    time: '2026-11-28T12:05:00Z',
    amount: '89.00',
    currency: 'CNY',
    counterparty: 'Book Shop',
    status: 'refunded',
  },
]

export type AppLocale = 'en' | 'zh-CN'
export type AppTheme = 'light' | 'dark'

export const labels: Record<
  AppLocale,
  { title: string; help: string; report: string; contact: string; signOut: string }
> = {
  en: {
    title: 'My wallet',
    help: 'Help & Feedback',
    report: 'Report a problem',
    contact: 'Contact us',
    signOut: 'Sign out',
  },
  'zh-CN': { title: '我的钱包', help: '帮助与反馈', report: '反馈问题', contact: '联系我们', signOut: '退出登录' },
}
