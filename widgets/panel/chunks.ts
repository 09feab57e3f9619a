import type { ViewName } from '../../src/events.js'

/**
 * Every lazy chunk the entry may ask for, behind one dynamic import. A bundler that preloads a
 * dynamic import's dependencies (Vite's `__vitePreload`) writes their file names into the chunk
 * that holds the `import()`: here, not in the host's initial chunk.
 */
export const runtime = () => import('./runtime.js')
export const core = () => import('./core.js')
export const prefetch = () => import('./prefetch.js')

/**
 * The view chunks, fetched alongside the runtime when `open(view)` names one, instead of after
 * it (the runtime alone would only discover them once it renders).
 */
export const views: Partial<Record<ViewName, () => Promise<unknown>>> = {
  chat: () => import('../chat/ChatView.js'),
  report: () => import('../report/index.js'),
  requests: () => import('../requests/index.js'),
  contact: () => import('../contact/index.js'),
}
