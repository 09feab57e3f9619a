import type { ComponentType } from 'preact'
import type { SupportClient } from '../../src/client.js'
import type { ViewName } from '../../src/events.js'
import type { Domain } from '../../src/i18n/index.js'
import { loadChat } from './background.js'

export interface ViewProps {
  params: Record<string, unknown>
}

type Loader = (client: SupportClient) => Promise<ComponentType<ViewProps>>

/** Load a view's chunk and its strings together, so it never renders raw keys. */
const with_ = <M>(client: SupportClient, domains: Domain[], load: () => Promise<M>): Promise<M> =>
  Promise.all([load(), client.need(domains)]).then(([m]) => m)

/**
 * One lazy chunk per panel area, loaded on first visit with the string domains it uses. Home is
 * not one: it is in the panel's chunk, and paints with the core strings (its help part loads its
 * own, see Home.tsx).
 */
export const lazyViews: Record<Exclude<ViewName, 'home'>, Loader> = {
  search: (c) => with_(c, ['help'], () => import('../help/index.js')).then((m) => m.SearchView),
  article: (c) => with_(c, ['help'], () => import('../help/index.js')).then((m) => m.ArticleView),
  // The chat module loads beside the view, not after it.
  chat: (c) =>
    with_(c, ['chat', 'help', 'reports', 'reportUi'], () =>
      Promise.all([import('../chat/ChatView.js'), loadChat()]).then(([m]) => m),
    ).then((m) => m.ChatView),
  report: (c) =>
    with_(c, ['reports', 'reportUi', 'help'], () => import('../report/index.js')).then((m) => m.ReportView),
  requests: (c) =>
    with_(c, ['reports', 'reportUi', 'chat'], () => import('../requests/index.js')).then((m) => m.RequestsView),
  request: (c) => with_(c, ['reports', 'reportUi'], () => import('../requests/index.js')).then((m) => m.RequestView),
  checker: (c) => with_(c, ['checker', 'reports'], () => import('../checker/index.js')).then((m) => m.CheckerView),
  contact: (c) =>
    with_(c, ['contact', 'help', 'reports'], () => import('../contact/index.js')).then((m) => m.ContactView),
}
