/**
 * The help article open in the panel, kept for this tab (sessionStorage) so that a reload of the
 * page comes back on it. Only the article's id is kept, never a search query. The article view
 * writes it once the article shows and removes it when it goes (Back, close, destroy); the entry
 * takes it once on mount, and reopens on it only if the page was reloaded.
 */
/** Also spelled out in `help/ArticleView.tsx`, the writer (see there why). */
const OPEN_ARTICLE = 'help-feedback:article'

/** The article to reopen after a reload, if any; the key is removed either way. */
export function takeOpenArticle(): string | null | undefined {
  try {
    const s = sessionStorage
    const id = s.getItem(OPEN_ARTICLE)
    s.removeItem(OPEN_ARTICLE)
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined
    if (nav?.type == 'reload') return id
  } catch {
    // Storage off (a sandboxed frame, some WebViews): nothing comes back.
  }
}
