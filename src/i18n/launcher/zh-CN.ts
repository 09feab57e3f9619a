import type { launcher as en } from './en.js'

export const launcher: Record<keyof typeof en, string> = {
  'launcher.label': '帮助与反馈',
  'launcher.unread': '帮助与反馈，{count} 条未读',
  'panel.loading': '加载中…',
  'panel.loadFailed': '帮助面板的这部分内容未能加载，请检查网络后重试。',
  'panel.retry': '重试',
}
