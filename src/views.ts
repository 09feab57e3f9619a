/**
 * The panel's views: the one list that `ViewName`, the bridge's schema and the widget's view
 * table read. Apart from `events.ts` so the launcher's entry chunk carries only the type.
 */
export const VIEWS = [
  'home',
  'search',
  'article',
  'chat',
  'report',
  'requests',
  'request',
  'contact',
  'checker',
] as const

/** A view of the panel. */
export type ViewName = (typeof VIEWS)[number]
