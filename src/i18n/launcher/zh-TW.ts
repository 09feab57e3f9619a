import type { launcher as en } from './en.js'

export const launcher: Record<keyof typeof en, string> = {
  'launcher.label': '說明與意見回饋',
  'launcher.unread': '說明與意見回饋，{count} 則未讀',
  'panel.loading': '載入中…',
  'panel.loadFailed': '說明面板的這部分內容未能載入，請檢查網路後重試。',
  'panel.retry': '重試',
}
