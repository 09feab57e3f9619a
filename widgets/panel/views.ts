import type { ComponentType } from 'preact'
import type { ViewName } from '../../src/events.js'

export interface ViewProps {
  params: Record<string, unknown>
}

type Loader = () => Promise<ComponentType<ViewProps>>

/**
 * One lazy chunk per panel area. Each area's folder exports its view components; views that
 * are not built yet render the "not available" notice.
 */
export const lazyViews: Record<ViewName, Loader> = {
  home: () => import('./Home.js').then((m) => m.Home),
  search: () => import('../help/index.js').then((m) => m.SearchView),
  article: () => import('../help/index.js').then((m) => m.ArticleView),
  chat: () => import('../chat/ChatView.js').then((m) => m.ChatView),
  report: () => import('../report/index.js').then((m) => m.ReportView),
  requests: () => import('../requests/index.js').then((m) => m.RequestsView),
  request: () => import('../requests/index.js').then((m) => m.RequestView),
  contact: () => import('../contact/index.js').then((m) => m.ContactView),
}
