/**
 * Message times ("14:05"), one Intl formatter per locale. Rows render often (scrolling,
 * measuring), and `toLocaleTimeString` builds a new formatter on every call.
 *
 * The first Intl.DateTimeFormat a page creates also loads the engine's date data, which took
 * about 35 ms in Chromium here. `warmMessageTime` pays that while the chat waits on storage or
 * the network, so it is not paid inside the first render of the conversation.
 */
const formatters = new Map<string, Intl.DateTimeFormat>()

function formatter(locale: string): Intl.DateTimeFormat {
  let f = formatters.get(locale)
  if (!f) formatters.set(locale, (f = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' })))
  return f
}

/** The time of day of an ISO timestamp in `locale`; empty for an invalid timestamp. */
export function messageTime(iso: string, locale: string): string {
  const d = new Date(iso)
  return Number.isNaN(d.getTime()) ? '' : formatter(locale).format(d)
}

/** Creates the formatter for `locale` on a later task (see above). */
export function warmMessageTime(locale: string): void {
  setTimeout(() => {
    try {
      formatter(locale).format(0)
    } catch {
      // An unsupported locale fails again, visibly, where the time is shown.
    }
  }, 0)
}
