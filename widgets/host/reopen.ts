/**
 * What was open in the panel, kept for this tab (sessionStorage) so that a reload of the page
 * comes back on it: the live chat (a flag; the conversation itself resumes from the device), a
 * help article (only its id, never a search query), or the form reporting a
 * transaction problem (only its category and the id of the transaction it is about; what the
 * user typed is in the report's draft, on the device, masked; or, for a report the backend
 * refused, the id of its outbox job). The view writes its key once it
 * shows and removes it when it goes (Back, close, destroy, a submit); the entry takes them once
 * on mount, and reopens on one only if the page was reloaded.
 */
import type { ViewName } from '../../src/views.js'

/** Also spelled out in `help/ArticleView.tsx` and `report/ReportView.tsx`, the writers (see there why). */
const OPEN_ARTICLE = 'help-feedback:article'
const OPEN_REPORT = 'help-feedback:report'
/** Also spelled out in `chat/ChatView.tsx`: the live chat was open (nothing else is kept here). */
const OPEN_CHAT = 'help-feedback:chat'

/**
 * The view to reopen after a reload and its params, if any; the keys are removed either way.
 * The report's marker is `{ category, transactionId? }` or `{ jobId }`; its view checks them.
 */
export function takeOpenView(): [ViewName, object] | undefined {
  try {
    const s = sessionStorage
    const id = s.getItem(OPEN_ARTICLE)
    const report = s.getItem(OPEN_REPORT)
    const chat = s.getItem(OPEN_CHAT)
    s.removeItem(OPEN_ARTICLE)
    s.removeItem(OPEN_REPORT)
    s.removeItem(OPEN_CHAT)
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined
    if (nav?.type == 'reload')
      return id
        ? ['article', { id }]
        : report
          ? ['report', { ...JSON.parse(report), reloaded: true }]
          : chat
            ? ['chat', {}]
            : undefined
  } catch {
    // Storage off (a sandboxed frame, some WebViews), or a marker that is not JSON: nothing comes back.
  }
}
