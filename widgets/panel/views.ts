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
  search: () => import('./Unavailable.js').then((m) => m.Unavailable),
  article: () => import('./Unavailable.js').then((m) => m.Unavailable),
  chat: () => import('./Unavailable.js').then((m) => m.Unavailable),
  report: () => import('./Unavailable.js').then((m) => m.Unavailable),
  requests: () => import('./Unavailable.js').then((m) => m.Unavailable),
  request: () => import('./Unavailable.js').then((m) => m.Unavailable),
  contact: () => import('./Unavailable.js').then((m) => m.Unavailable),
}
