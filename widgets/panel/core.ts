import { createSupportClient, type SupportClient } from '../../src/client.js'
import type { WidgetOptions } from '../../src/options/index.js'
import { catalogs, loadCatalog, translate } from '../../src/i18n/index.js'
import type { Locale } from '../../src/types.js'
import type { HelpFeedbackEvent } from '../../src/events.js'
import { coreShape } from '../../src/options/core.js'

/**
 * The headless client behind the widget, without Preact: what the entry loads to deliver
 * reports left in the outbox by an earlier page while the panel stays closed. The panel's
 * runtime later renders over this same client.
 */
export function createCore(options: WidgetOptions, onEvent: (event: HelpFeedbackEvent) => void): SupportClient {
  // Drops what only the panel reads.
  const { theme, colors, position, zIndex, nonce, launcher, container, ...core } = options
  // The entry listens with the host's `onEvent` and gives the client its own emitter's, so the
  // host's is checked here, as the client checks the others.
  if (core.onEvent !== undefined) coreShape.onEvent!(core.onEvent, 'options.onEvent')
  // Storage (and with it the outbox) opens when a caller needs it: the entry when jobs are
  // queued, the panel's runtime once it has painted, a view or flow on first use.
  return createSupportClient({ ...core, onEvent })
}

/**
 * The message the entry shows in the panel's frame when the core refused the options. It is one
 * of the core strings, which load here: bad options are found only once this chunk has loaded.
 * The host's own words for it need no strings; without them, strings that failed to load give
 * `undefined` (the entry then says that part of the panel could not load, with a retry).
 */
export async function setupText(
  locale: Locale,
  overrides?: Partial<Record<string, string>>,
): Promise<string | undefined> {
  await loadCatalog(locale, ['core']).catch(() => {})
  // A bad override may be what the core refused: only a string is the host's words.
  const own = typeof overrides?.['panel.misconfigured'] == 'string' ? overrides : undefined
  const text = translate([own, catalogs[locale]], 'panel.misconfigured')
  return text === 'panel.misconfigured' ? undefined : text
}
