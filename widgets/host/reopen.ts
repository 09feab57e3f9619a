/**
 * What was open in the panel, kept for this tab (sessionStorage) so that a reload of the page
 * comes back on it: the live chat (a flag; the conversation itself resumes from the device), a
 * help article (only its id, never a search query), or the form reporting a
 * transaction problem (only its category and the id of the transaction it is about; what the
 * user typed is in the report's draft, on the device, masked; or, for a report the backend
 * refused, the id of its outbox job). The view writes its key once it
 * shows and removes it when it goes (Back, close, destroy, a submit); the entry takes them once
 * on mount, and reopens on one only if the page was reloaded.
 *
 * Each widget of a page has keys of its own (the key + its {@link widgetTag}): with two widgets
 * on one page, each reopens what it showed, not the first to mount what the other did.
 */
import type { ViewName } from '../../src/views.js'

/** Also spelled out in `help/ArticleView.tsx` and `report/ReportView.tsx`, the writers (see there why). */
const OPEN_ARTICLE = 'help-feedback:article'
const OPEN_REPORT = 'help-feedback:report'
/** Also spelled out in `chat/ChatView.tsx`: the live chat was open (nothing else is kept here). */
const OPEN_CHAT = 'help-feedback:chat'

/** The tags of the widgets in the page now. */
const live = new Set<string>()

/**
 * What tells this widget's keys from the other widgets' of the page, the same after a reload:
 * the id of its element (`<help-feedback id>`) or of its `container` when it has one, and its rank
 * among the widgets in the page with that id (or with none) when it mounts. The first without an
 * id has the plain keys: a page with one widget keeps the keys of earlier versions, and reads
 * theirs. Widgets without ids count on the page mounting them in the same order on every load;
 * give them ids when they come and go. Given back with {@link dropTag} on destroy (created again,
 * a widget has the same keys).
 */
export function widgetTag(id?: string): string {
  const base = id ? '#' + id : ''
  let n = 1
  let tag = base
  while (live.has(tag)) tag = `${base}:${++n}`
  live.add(tag)
  return tag
}

export const dropTag = (tag: string) => live.delete(tag)

/**
 * The view this widget (`tag`) reopens after a reload and its params, if any, with what puts its
 * keys back (the widget destroyed before its panel showed it: a mount, destroy and mount again,
 * as React's StrictMode does, reopens it on the second); its keys are removed either way. The
 * report's marker is `{ category, transactionId? }` or `{ jobId }`; its view checks them.
 */
export function takeOpenView(tag = ''): [ViewName, object, () => void] | undefined {
  try {
    const s = sessionStorage
    const taken: Array<[string, string]> = []
    const take = (key: string) => {
      const value = s.getItem((key += tag))
      s.removeItem(key)
      if (value) taken.push([key, value])
      return value
    }
    const id = take(OPEN_ARTICLE)
    const report = take(OPEN_REPORT)
    const chat = take(OPEN_CHAT)
    const back = () => {
      try {
        taken.map(([key, value]) => s.setItem(key, value))
      } catch {
        // Storage gone since: nothing comes back.
      }
    }
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined
    if (nav?.type == 'reload')
      return id
        ? ['article', { id }, back]
        : report
          ? ['report', { ...JSON.parse(report), reloaded: true }, back]
          : chat
            ? ['chat', {}, back]
            : undefined
  } catch {
    // Storage off (a sandboxed frame, some WebViews), or a marker that is not JSON: nothing comes back.
  }
}
