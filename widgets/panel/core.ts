import { createSupportClient, type SupportClient } from '../../src/client.js'
import type { WidgetOptions } from '../../src/options/index.js'
import { catalogs, loadCatalog, translate } from '../../src/i18n/index.js'
import type { Locale } from '../../src/types.js'

/**
 * The headless client behind the widget, without Preact: what the entry loads to deliver
 * reports left in the outbox by an earlier page while the panel stays closed. The panel's
 * runtime later renders over this same client.
 */
export function createCore(options: WidgetOptions): SupportClient {
  // Drops what only the panel reads.
  const { theme, colors, position, zIndex, nonce, launcher, container, ...core } = options
  // Storage (and with it the outbox) opens when a caller needs it: the entry when jobs are
  // queued, the panel's runtime once it has painted, a view or flow on first use.
  return createSupportClient(core)
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
  const text = translate([overrides, catalogs[locale]], 'panel.misconfigured')
  return text === 'panel.misconfigured' ? undefined : text
}
