/** The launcher's strings live apart so the initial bundle carries only these, not the catalogs. */
export const launcher = {
  'launcher.label': 'Help & Feedback',
  'launcher.unread': 'Help & Feedback, {count} unread',
  'panel.loading': 'Loading…',
  'panel.loadFailed': 'This part of the help panel could not be loaded. Check your connection and try again.',
  'panel.retry': 'Try again',
}
